"""The two public forms completed with the keyboard alone, in English and in Turkish.

No click anywhere: the visitor presses Tab from the top of the page, follows the skip link with
Enter, types into each field as it gets focus, ticks boxes with Space, chooses an option of a
list by typing its first letters, and sends the form by pressing Enter on its button. The test
also proves the order of the fields follows the form and that the robot trap is never reached.
"""

from dataclasses import dataclass

import pytest
from django.core import mail

from core.translation import synchronise_trees, translate
from network.applications.models import Application
from network.newsletter.models import Subscriber
from tests.application_factories import TR_FORM, ExpressionOfInterestPageFactory
from tests.browser.screenshots import screenshot
from tests.factories import locale
from tests.newsletter_factories import NewsletterIndexPageFactory
from tests.supporter_factories import supporter_index_fixture  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.backend_independent]

LANGUAGES = ["en", "tr"]
FOCUSED = """() => {
    const element = document.activeElement;
    return {id: element.id, tag: element.tagName.toLowerCase(), type: element.type || '',
            name: element.name || '', value: element.value || '', text: (element.innerText || '').trim()};
}"""


@dataclass
class Choose:
    """Choose an option of a <select> by typing the start of its label (type-ahead)."""

    letters: str
    value: str


TICK = object()  # press Space on a check box


def focused(page):
    return page.evaluate(FOCUSED)


def skip_to_main_content(page, link_text):
    page.keyboard.press("Tab")
    assert focused(page)["text"] == link_text  # the first stop of every page
    page.keyboard.press("Enter")


def complete_form(page, answers, button_text, max_stops=80):
    """Tab through the page, answering each field of `answers` when it gets focus, until `button_text`.

    `answers` maps a field's id (or "name=value" for one box of a group) to the text to type, a
    Choose or TICK. Returns the ids of the fields in the order they were reached.
    """
    reached, answered = [], set()
    for _ in range(max_stops):
        page.keyboard.press("Tab")
        field = focused(page)
        reached.append(field["id"])
        if field["tag"] == "button" and field["text"] == button_text:
            assert answered == set(answers), f"never reached: {set(answers) - answered}"
            page.keyboard.press("Enter")
            return reached
        key = next((key for key in (field["id"], f"{field['name']}={field['value']}") if key in answers), None)
        if key is None:
            continue
        answered.add(key)
        answer = answers[key]
        if answer is TICK:
            page.keyboard.press("Space")
            assert page.evaluate("document.activeElement.checked"), key
        elif isinstance(answer, Choose):
            page.keyboard.type(answer.letters)
            assert page.evaluate("document.activeElement.value") == answer.value, key
        else:
            page.keyboard.type(answer)
    raise AssertionError(f"{button_text!r} not reached with Tab; reached {reached}")


# The expression of interest -------------------------------------------------------------------

EOI = {
    "en": {
        "skip": "Skip to main content",
        "send": "Send the expression of interest",
        "thanks": "Thank you",
        "kind": Choose("Regional", "regional_network"),
        "motivation": "We want to help our members reach their climate and energy targets.",
    },
    "tr": {
        "skip": "Ana içeriğe geç",
        "send": "İlgi beyanını gönder",
        "thanks": "Teşekkürler",
        "kind": Choose("Bolgesel", "regional_network"),
        "motivation": "Üyelerimizin iklim ve enerji hedeflerine ulaşmalarına destek olmak istiyoruz.",
    },
}


@pytest.fixture
def form_pages(transactional_db, supporter_index):
    form = ExpressionOfInterestPageFactory(parent=supporter_index["en"])
    translated = translate(form, locale("tr"), TR_FORM)
    synchronise_trees()
    return {"en": form, "tr": translated}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_expression_of_interest_is_sent_with_the_keyboard_alone(page, form_pages, language):
    ui = EOI[language]
    mail.outbox.clear()
    page.goto(form_pages[language].url)
    skip_to_main_content(page, ui["skip"])
    reached = complete_form(
        page,
        {
            "id_organisation": "Marmara Belediyeler Birliği",
            "id_kind": ui["kind"],
            "id_country": Choose("Tur", "TR"),
            "id_website": "www.marmara.gov.tr",
            "id_member_authorities": "190",
            "id_contact_name": "Elif Demir",
            "id_position": "Dış ilişkiler uzmanı",
            "id_email": "elif.demir@marmara.example",
            "id_phone": "+90 212 000 00 00",
            "id_motivation": ui["motivation"],
            "planned_services=training": TICK,
            "planned_services=technical_support": TICK,
            "id_consent": TICK,
        },
        ui["send"],
    )
    assert "id_fax_number" not in reached  # the robot trap is out of the keyboard's way
    fields = [key for key in reached if key.startswith("id_")]
    assert fields[:5] == ["id_organisation", "id_kind", "id_country", "id_website", "id_member_authorities"]
    assert fields[-1] == "id_consent"

    page.wait_for_url("**/thanks/")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").inner_text() == ui["thanks"]
    application = Application.objects.get()
    assert (application.organisation, application.kind, application.country, application.language) == (
        "Marmara Belediyeler Birliği",
        "regional_network",
        "TR",
        language,
    )
    assert application.motivation == ui["motivation"]
    assert sorted(application.planned_services) == ["technical_support", "training"]
    assert len(mail.outbox) == 2  # the acknowledgement and the staff notice
    screenshot(page, f"keyboard-expression-of-interest-{language}")


# The newsletter signup ------------------------------------------------------------------------

NEWSLETTER = {
    "en": {"skip": "Skip to main content", "subscribe": "Subscribe", "inbox": "Check your inbox",
           "confirm": "Confirm my subscription", "confirmed": "Your subscription is confirmed"},
    "tr": {"skip": "Ana içeriğe geç", "subscribe": "Abone ol", "inbox": "Gelen kutunuzu kontrol edin",
           "confirm": "Aboneliğimi onayla", "confirmed": "Aboneliğiniz onaylandı"},
}  # fmt: skip


@pytest.fixture
def newsletter(transactional_db, site_tree):
    page = NewsletterIndexPageFactory(parent=site_tree["en"])
    translated = translate(page, locale("tr"), {"Newsletter": "Bülten", "newsletter": "bulten"})
    synchronise_trees()
    return {"en": page, "tr": translated}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_newsletter_signup_and_its_confirmation_work_with_the_keyboard_alone(page, newsletter, language):
    ui = NEWSLETTER[language]
    address = f"keyboard.{language}@example.org"
    mail.outbox.clear()
    page.goto(newsletter[language].url)
    skip_to_main_content(page, ui["skip"])
    reached = complete_form(page, {"newsletter-email": address, "newsletter-consent": TICK}, ui["subscribe"])
    assert "newsletter-website" not in reached
    assert [key for key in reached if key.startswith("newsletter-")] == [
        "newsletter-email",
        "newsletter-language",
        "newsletter-consent",
    ]

    page.wait_for_url("**/newsletter/subscribe/")
    assert page.locator("h1").inner_text() == ui["inbox"]
    subscriber = Subscriber.objects.get(email=address)
    assert (subscriber.status, subscriber.language) == ("pending", language)

    # The emailed link opens a page whose one button confirms, again without a click.
    [message] = mail.outbox
    link = next(line for line in message.body.splitlines() if "/newsletter/confirm/" in line)
    page.goto(link[link.index("/newsletter/confirm/") :].strip())
    skip_to_main_content(page, ui["skip"])
    complete_form(page, {}, ui["confirm"])
    # The answer is a new page at the same address: wait for its heading, not for the old page's load.
    page.wait_for_function("([text]) => document.querySelector('h1')?.innerText === text", arg=[ui["confirmed"]])
    assert page.locator("h1").inner_text() == ui["confirmed"]
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"
    screenshot(page, f"keyboard-newsletter-{language}")
