"""The admin journeys in headless Chromium: an editor translates a page with wagtail-localize, and a
supporter edits their own profile and submits it for review.

Both sign in through the admin's login form and use the admin as a person does (menus, the
translation editor's buttons, the action menu); screenshots of the last step go to
test-results/screenshots/.
"""

import pytest
from wagtail.models import WorkflowState

from core.translation import synchronise_trees
from home.models import StandardPage
from network.supporters.models import SupporterPage
from tests.browser.screenshots import screenshot
from tests.factories import StandardPageFactory, locale
from tests.supporter_factories import supporter_index_fixture, supporter_world_fixture  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.backend_independent]


def sign_in(page, username, password):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")


# 7. An editor translates a page with wagtail-localize and publishes it --------------------------

ENERGY_POVERTY_TR = {
    "Energy poverty": "Enerji yoksulluğu",
    "How local authorities help households pay for their energy.": "Yerel yönetimler hanelerin enerji giderlerine nasıl destek oluyor.",
    "energy-poverty": "enerji-yoksullugu",
}


@pytest.fixture
def english_page(transactional_db, site_tree):
    """An English page, shown in the other languages as untranslated copies (as the site keeps them)."""
    source = StandardPageFactory(
        parent=site_tree["en"],
        title="Energy poverty",
        slug="energy-poverty",
        introduction="How local authorities help households pay for their energy.",
    )
    source.save_revision().publish()
    synchronise_trees()
    return source


def translate_segment(editor, source_text, translation):
    """In wagtail-localize's editor: open the segment showing `source_text`, type the translation, save it."""
    segment = editor.locator("li", has=editor.page.locator("p", has_text=source_text)).last
    segment.get_by_role("button", name="Translate").click()
    segment.locator("textarea").fill(translation)
    segment.get_by_role("button", name="Save").click()
    segment.get_by_text(translation).wait_for()  # saved: the translation replaces the text box


def test_an_editor_translates_a_page_into_turkish_and_publishes_it(page, english_page, admin_user):
    # The Turkish site shows the English text until the page is translated.
    page.goto("/tr/energy-poverty/")
    assert page.locator("main").get_attribute("lang") == "en"

    sign_in(page, "admin", "a-long-test-password")
    page.goto(f"/admin/pages/{english_page.pk}/edit/")
    page.locator("header").get_by_role("button", name="Actions", exact=True).click()
    page.locator("header").get_by_role("link", name="Translate this page").click()
    page.wait_for_url(f"**/admin/localize/submit/page/{english_page.pk}/")
    page.get_by_label("Türkçe").check()
    page.get_by_role("button", name="Submit").click()

    # wagtail-localize's translation editor, for the Turkish copy of the page.
    turkish = StandardPage.objects.get(translation_key=english_page.translation_key, locale=locale("tr"))
    page.wait_for_url(f"**/admin/pages/{turkish.pk}/edit/")
    editor = page.locator("main")
    editor.get_by_role("heading", name="English to Türkçe translation").first.wait_for()
    translate_segment(editor, "Energy poverty", ENERGY_POVERTY_TR["Energy poverty"])
    introduction = "How local authorities help households pay for their energy."
    translate_segment(editor, introduction, ENERGY_POVERTY_TR[introduction])
    editor.get_by_role("tab", name="Promote").click()
    translate_segment(editor, "energy-poverty", ENERGY_POVERTY_TR["energy-poverty"])
    page.get_by_role("button", name="Publish in Türkçe").click()
    page.wait_for_load_state()

    turkish.refresh_from_db()
    assert turkish.live and not turkish.has_unpublished_changes
    assert turkish.alias_of_id is None
    page.goto("/tr/enerji-yoksullugu/")
    assert page.locator("html").get_attribute("lang") == "tr"
    assert page.locator("main").get_attribute("lang") is None  # no longer the English text
    assert page.locator("h1").inner_text() == "Enerji yoksulluğu"
    assert ENERGY_POVERTY_TR[introduction] in page.locator("main").inner_text()
    switcher = page.get_by_role("navigation", name="Dil")
    assert switcher.locator("a[hreflang=en]").get_attribute("href") == "/en/energy-poverty/"
    screenshot(page, "editor-translates-a-page-tr")


# 8. A supporter edits their profile and submits it for moderation ------------------------------

NEW_SERVICES = "Training for municipal energy managers, in Turkish and English."


def test_a_supporter_edits_their_profile_and_submits_it_for_review(page, transactional_db, supporter_world):
    world = supporter_world
    sign_in(page, "owner@vilayetler.example", "Pw-1985-Ankara")

    # The dashboard leads the owner to their profile.
    page.locator("#own-profile-section").get_by_role("link", name="Edit your profile").click()
    page.wait_for_url(f"**/admin/pages/{world.own.pk}/edit/")

    page.get_by_role("textbox", name="Services to signatories").fill(NEW_SERVICES)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Supporter profile review").click()
    page.wait_for_load_state()
    assert "has been submitted for moderation" in page.locator(".messages").inner_text()

    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(world.own.pk))
    assert (state.status, state.workflow.name, state.requested_by) == (
        WorkflowState.STATUS_IN_PROGRESS,
        "Supporter profile review",
        world.owner,
    )
    # The public profile is unchanged until a moderator approves.
    assert SupporterPage.objects.get(pk=world.own.pk).services_introduction != NEW_SERVICES

    page.goto(f"/admin/pages/{world.own.pk}/edit/")
    page.get_by_role("button", name="Toggle status").click()
    status = page.locator("[data-side-panel='status']")
    status.get_by_text("In Moderation").wait_for()
    assert "Locked by workflow" in status.inner_text()
    screenshot(page, "supporter-submits-profile-for-review")

    page.goto(world.own.url)
    assert NEW_SERVICES not in page.locator("main").inner_text()
