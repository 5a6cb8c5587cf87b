"""wagtail-localize's admin actions that change what the public sees need publish rights
(core/localize_rights.py); the draft-only ones stay open to translators.

Each test is a real request as a Translator, an Editor or a Moderator (communications staff and an
administrator where snippets are concerned), and checks the database, not the answer: refused, the
live page is as it was; done, it changed. The site is built once for the module, in a transaction
rolled back at its end; each test runs in a savepoint of it.
"""

import inspect
from urllib.parse import urlencode

import polib
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from wagtail.models import Page, PageLogEntry, PageViewRestriction
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from core import localize_rights
from core.translation import synchronise_trees, translate
from network.news.models import NewsCategory
from tests.database import fresh, keys, rolled_back
from tests.factories import StandardPageFactory, build_site_tree, locale
from tests.news_factories import NewsCategoryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("localize_rights")]

GROUPS = {
    "translator": ["Translators"],
    "editor": ["Editors"],
    "moderator": ["Moderators"],
    "communications": ["Communications", "Moderators"],
}
#: What each role gets from an action that changes live content.
PUBLISHING = [("translator", "refused"), ("editor", "refused"), ("moderator", "done")]


def build():
    homes = build_site_tree()
    about = StandardPageFactory(
        parent=homes["en"], title="About", slug="about", introduction="Who we are.", body=[("paragraph", "<p>x</p>")]
    )
    about_tr = translate(
        about, locale("tr"), {"About": "Hakkımızda", "about": "hakkimizda", "Who we are.": "Biz kimiz."}
    )
    history = StandardPageFactory(parent=homes["en"], title="Our history", slug="history", introduction="Since 1985.")
    StandardPageFactory(parent=history, title="The founders", slug="founders", introduction="Six mayors.")
    synchronise_trees()  # history and its child are aliases in the other locales
    category = NewsCategoryFactory(name="Energy", slug="energy")
    users = {}
    for role, groups in GROUPS.items():
        users[role] = get_user_model().objects.create_user(role, f"{role}@example.org", "a-long-test-password")
        users[role].groups.add(*Group.objects.filter(name__in=groups))
    users["admin"] = get_user_model().objects.create_superuser("admin", "admin@example.org", "a-long-test-password")
    return keys({"about": about, "about_tr": about_tr, "history": history, "category": category, **users})


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        yield build()


@pytest.fixture
def site(shared):
    return fresh(shared)


@pytest.fixture
def as_role(client, site):
    def login(role):
        client.force_login(site[role])
        return client

    return login


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs a request as if its transaction committed: wagtail-localize publishes in on_commit hooks."""

    def run(request, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return request(*args, **kwargs)

    return run


def live(page):
    """The page as the public sees it, read again."""
    return Page.objects.get(pk=page.pk).specific


def turkish(page):
    return Page.objects.get(translation_key=page.translation_key, locale=locale("tr")).specific


def translation_of(page, language="tr"):
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=locale(language))


def change_english_introduction(site, text="Who we are, updated."):
    about = site["about"]
    about.introduction = text
    about.save_revision().publish()


def outcome(response, done):
    """ "done" if the action took effect, else "refused", which must be Wagtail's answer to a
    PermissionDenied in the admin: back to the dashboard (with a message)."""
    assert response.status_code < 500, response.status_code
    if done:
        return "done"
    assert refused(response), response
    return "refused"


def refused(response):
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


# Every address of these actions leads to the checks ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "args", "view"),
    [
        ("convert_to_alias", [1], localize_rights.convert_to_alias),
        ("submit_page_translation", [1], localize_rights.SubmitPageTranslationView),
        ("submit_snippet_translation", ["news", "newscategory", "1"], localize_rights.SubmitSnippetTranslationView),
        ("update_translations", [1], localize_rights.UpdateTranslationsView),
        ("edit_override", [1, 1], localize_rights.edit_override),
    ],
)
def test_wagtail_localize_addresses_lead_to_the_checked_views(name, args, view):
    url = reverse(f"wagtail_localize:{name}", args=args)
    assert url == reverse(f"wagtail_localize_{name}", args=args)
    func = inspect.unwrap(resolve(url).func)
    assert getattr(func, "view_class", func) is view


# Convert to alias ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "expected"), PUBLISHING)
def test_converting_a_translation_to_an_alias_needs_publish_rights(as_role, site, committed, role, expected):
    url = reverse("wagtail_localize:convert_to_alias", args=[site["about_tr"].pk])
    client = as_role(role)
    if expected == "refused":
        assert refused(client.get(url))
    response = committed(client.post, url)

    page = live(site["about_tr"])
    converted = page.alias_of_id == site["about"].pk
    assert outcome(response, converted) == expected
    if expected == "refused":
        assert page.title == "Hakkımızda" and page.introduction == "Biz kimiz."
        assert translation_of(site["about"]).enabled
    else:
        assert page.title == "About"
        assert not Translation.objects.filter(source__object_id=site["about"].translation_key).exists()


@pytest.mark.parametrize(("role", "offered"), [("translator", False), ("editor", False), ("moderator", True)])
def test_the_page_editor_offers_converting_to_an_alias_only_to_who_may_publish(as_role, site, role, offered):
    Translation.objects.filter(pk=translation_of(site["about"]).pk).update(enabled=False)  # the plain editor
    html = as_role(role).get(reverse("wagtailadmin_pages:edit", args=[site["about_tr"].pk])).content.decode()
    assert ('name="localize-convert-to-alias"' in html) is offered


# Publishing from the translation editor ------------------------------------------------------------------


def put_string(client, site, text):
    translation = translation_of(site["about"])
    segment = StringSegment.objects.get(source=translation.source, string__data="Who we are.")
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    return client.put(url, urlencode({"value": text}), content_type="application/x-www-form-urlencoded")


@pytest.mark.parametrize(("role", "expected"), PUBLISHING)
def test_publishing_from_the_translation_editor_needs_publish_rights(as_role, site, committed, role, expected):
    client = as_role(role)
    assert put_string(client, site, "Biz kimiz, yeniden.").status_code in {200, 201}  # a draft: anyone who edits
    assert live(site["about_tr"]).introduction == "Biz kimiz."

    url = reverse("wagtailadmin_pages:edit", args=[site["about_tr"].pk])
    response = committed(client.post, url, {"action": "publish"})

    published = live(site["about_tr"]).introduction == "Biz kimiz, yeniden."
    assert outcome(response, published) == expected


# Sync translated pages -------------------------------------------------------------------------------------


def sync_url(site):
    return reverse("wagtail_localize:update_translations", args=[translation_of(site["about"]).source_id])


@pytest.mark.parametrize(("role", "expected"), PUBLISHING)
def test_syncing_with_publish_immediately_needs_publish_rights(as_role, site, committed, role, expected):
    change_english_introduction(site)
    client = as_role(role)
    offered = 'name="publish_translations"' in client.get(sync_url(site)).content.decode()
    assert offered is (expected == "done")

    response = committed(client.post, sync_url(site), {"publish_translations": "on"})

    page = live(site["about_tr"])
    assert outcome(response, page.introduction == "Who we are, updated.") == expected
    if expected == "refused":
        assert page.introduction == "Biz kimiz."
        source = translation_of(site["about"]).source
        assert "Who we are, updated." not in source.content_json  # the source was not synced either


@pytest.mark.parametrize("role", ["translator", "editor", "moderator"])
def test_syncing_without_publishing_stays_open_to_translators(as_role, site, committed, role):
    change_english_introduction(site)
    response = committed(as_role(role).post, sync_url(site), {})
    assert response.status_code == 302
    assert "Who we are, updated." in translation_of(site["about"]).source.content_json
    assert live(site["about_tr"]).introduction == "Biz kimiz."


@pytest.mark.parametrize(("role", "expected"), PUBLISHING)
def test_a_sync_that_would_drop_a_translations_own_restriction_needs_publish_rights(
    as_role, site, committed, role, expected
):
    PageViewRestriction.objects.create(
        page=site["about_tr"], restriction_type=PageViewRestriction.PASSWORD, password="kurul-icin"
    )
    response = committed(as_role(role).post, sync_url(site), {})
    dropped = not site["about_tr"].view_restrictions.exists()  # wagtail-localize copies the source's: none
    assert outcome(response, dropped) == expected


def test_a_sync_that_copies_the_sources_restriction_stays_open_to_translators(as_role, site, committed):
    PageViewRestriction.objects.create(page=site["about"], restriction_type=PageViewRestriction.LOGIN)
    response = committed(as_role("translator").post, sync_url(site), {})
    assert response.status_code == 302
    assert site["about_tr"].view_restrictions.get().restriction_type == PageViewRestriction.LOGIN


# Translate this page -------------------------------------------------------------------------------------


def submit(client, page, *, subtree=False):
    data = {"locales": [locale("tr").pk]}
    if subtree:
        data["include_subtree"] = "on"
    return client.post(reverse("wagtail_localize:submit_page_translation", args=[page.pk]), data)


def published_by_anyone(page):
    return PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()


@pytest.mark.parametrize(("role", "expected"), PUBLISHING)
def test_translating_a_live_page_publishes_only_with_publish_rights(as_role, site, committed, role, expected):
    alias = turkish(site["history"])
    assert alias.alias_of_id == site["history"].pk and alias.live

    response = committed(submit, as_role(role), site["history"])
    assert response.status_code == 302

    page = turkish(site["history"])
    assert page.alias_of_id is None  # the translation is started either way
    assert translation_of(site["history"]).enabled
    assert ("done" if published_by_anyone(page) else "refused") == expected
    if expected == "refused":
        assert page.live and page.has_unpublished_changes and page.live_revision_id is None
        assert (page.title, page.slug, page.introduction) == ("Our history", "history", "Since 1985.")


def test_a_translator_starting_a_translation_puts_none_of_the_translation_memory_live(as_role, site, committed):
    """Strings translated earlier (a translation converted back to an alias keeps them) wait in the draft."""
    source, _created = TranslationSource.get_or_create_from_instance(site["history"])
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locale("tr"),
            context=segment.context,
            data={"Our history": "Tarihçemiz", "Since 1985.": "1985'ten beri.", "history": "tarihce"}.get(
                segment.string.data, segment.string.data
            ),
        )

    committed(submit, as_role("translator"), site["history"])

    page = turkish(site["history"])
    assert (page.title, page.slug, page.introduction) == ("Our history", "history", "Since 1985.")
    assert page.url_path.endswith("/history/")
    draft = page.get_latest_revision_as_object()
    assert (draft.title, draft.introduction) == ("Tarihçemiz", "1985'ten beri.")
    assert page.draft_title == "Tarihçemiz"


def test_a_translator_translating_a_subtree_publishes_nothing_either(as_role, site, committed):
    committed(submit, as_role("translator"), site["history"], subtree=True)
    child = turkish(site["history"].get_children().get())
    assert child.alias_of_id is None and not published_by_anyone(child)
    assert child.title == "The founders"


def test_save_target_without_publishing_writes_into_the_live_page(site):
    """Why start_draft_translation puts the live content back: wagtail-localize's save_target(publish=False)
    turns a live alias into the translation in the page itself, not only in a draft."""
    source, _created = TranslationSource.get_or_create_from_instance(site["history"])
    segment = StringSegment.objects.get(source=source, string__data="Since 1985.")
    StringTranslation.objects.create(
        translation_of=segment.string, locale=locale("tr"), context=segment.context, data="1985'ten beri."
    )
    translation = Translation.objects.create(source=source, target_locale=locale("tr"))
    translation.save_target(publish=False)
    page = turkish(site["history"])
    assert page.live and page.introduction == "1985'ten beri."


# Translate a snippet ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [*PUBLISHING[:2], ("moderator", "refused"), ("communications", "done"), ("admin", "done")],
)
def test_translating_a_snippet_needs_the_right_to_add_it(as_role, site, committed, role, expected):
    """The snippets have no drafts: a translation is live at once."""
    url = reverse("wagtail_localize:submit_snippet_translation", args=["news", "newscategory", site["category"].pk])
    response = committed(as_role(role).post, url, {"locales": [locale("tr").pk]})
    created = NewsCategory.objects.filter(translation_key=site["category"].translation_key, locale=locale("tr"))
    assert outcome(response, created.exists()) == expected


# Draft-only actions ----------------------------------------------------------------------------------------


def test_translators_edit_strings_and_overrides_as_drafts(as_role, site):
    response = put_string(as_role("translator"), site, "Biz kimiz, yeniden.")
    assert response.status_code == 200
    assert StringTranslation.objects.filter(locale=locale("tr"), data="Biz kimiz, yeniden.").exists()
    assert live(site["about_tr"]).introduction == "Biz kimiz."


def test_translators_download_and_upload_po_files_as_drafts(as_role, site):
    client = as_role("translator")
    translation = translation_of(site["about"])
    po = polib.pofile(client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk])).content.decode())
    for entry in po:
        if entry.msgid == "Who we are.":
            entry.msgstr = "Biz kimiz (PO)."
    upload = SimpleUploadedFile("about-tr.po", str(po).encode(), content_type="text/x-gettext-translation")
    response = client.post(reverse("wagtail_localize:upload_pofile", args=[translation.pk]), {"file": upload})
    assert response.status_code == 302
    assert StringTranslation.objects.filter(locale=locale("tr"), data="Biz kimiz (PO).").exists()
    assert live(site["about_tr"]).introduction == "Biz kimiz."


def test_translators_preview_stop_and_restart_translations(as_role, site):
    client = as_role("translator")
    translation = translation_of(site["about"])
    assert client.get(reverse("wagtail_localize:preview_translation", args=[translation.pk])).status_code == 200

    client.post(reverse("wagtail_localize:stop_translation", args=[translation.pk]), {"next": "/admin/"})
    assert not translation_of(site["about"]).enabled
    edit = reverse("wagtailadmin_pages:edit", args=[site["about_tr"].pk])
    client.post(edit, {"localize-restart-translation": "1"})
    assert translation_of(site["about"]).enabled
    assert live(site["about_tr"]).introduction == "Biz kimiz."


# An override in the translation editor names only what its user may choose ---------------------------------


def override_image(client, translation, segment, image):
    url = reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk])
    return client.put(url, urlencode({"value": str(image.pk)}), content_type="application/x-www-form-urlencoded")


@pytest.mark.parametrize("encode", ["form", "multipart"])
def test_an_overridden_image_must_be_one_the_user_may_choose(as_role, site, encode):
    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
    from wagtail.models import Collection
    from wagtail_factories import ImageFactory
    from wagtail_localize.models import OverridableSegment, SegmentOverride

    private = Collection.get_first_root_node().add_child(name="Not for translators")
    chosen, secret = ImageFactory(title="Chosen by an editor"), ImageFactory(title="Secret", collection=private)
    gallery = StandardPageFactory(
        parent=site["about"].get_parent(),
        title="Gallery",
        slug="gallery",
        body=[("image", {"image": chosen, "alt_text": "A square", "caption": ""})],
    )
    translate(gallery, locale("tr"), {"Gallery": "Galeri"})
    translation = translation_of(gallery)
    segment = OverridableSegment.objects.get(source=translation.source)
    url = reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk])

    def put(client, image):
        if encode == "form":
            return override_image(client, translation, segment, image)
        body = encode_multipart(BOUNDARY, {"value": str(image.pk)})
        return client.put(url, body, content_type=MULTIPART_CONTENT)

    assert refused(put(as_role("translator"), secret))  # Translators may choose no image at all
    assert not SegmentOverride.objects.filter(context=segment.context).exists()
    assert put(as_role("moderator"), secret).status_code in {200, 201}
    assert SegmentOverride.objects.get(context=segment.context).data_json == f'"{secret.pk}"'
