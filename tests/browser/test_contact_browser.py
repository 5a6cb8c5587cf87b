"""The contact form in headless Chromium, in Turkish: filled with the keyboard alone, sent, relayed
to the topic's staff address and acknowledged in Turkish; and a mistake shown next to its field."""

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from core.translation import synchronise_trees, translate
from network.contact.models import ContactMessage, ContactPage, ContactTopic
from tests.browser.screenshots import screenshot
from tests.browser.test_keyboard_forms import TICK, Choose, complete_form, focused, skip_to_main_content
from tests.factories import locale

pytestmark = [pytest.mark.browser, pytest.mark.backend_independent]

TR_PAGE = {
    "Contact": "İletişim",
    "contact": "iletisim",
    "Write to us.": "Bize yazın.",
    "Joining the network": "Ağa katılım",
    "Press": "Basın",
}


def in_turkish(text):
    with translation.override("tr"):
        return gettext(text)


@pytest.fixture
def turkish_contact(transactional_db, site_tree):
    page = ContactPage(
        title="Contact",
        slug="contact",
        introduction="Write to us.",
        topics=[
            ContactTopic(name="Joining the network", email="join@staff.example"),
            ContactTopic(name="Press", email="press@staff.example"),
        ],
    )
    site_tree["en"].add_child(instance=page)
    page.save_revision().publish()
    translated = translate(page, locale("tr"), TR_PAGE)
    synchronise_trees()
    return translated


def test_a_visitor_writes_in_turkish_with_the_keyboard_alone(page, turkish_contact):
    mail.outbox.clear()
    page.goto("/tr/iletisim/")
    assert page.locator("html").get_attribute("lang") == "tr"
    assert page.locator("h1").inner_text() == "İletişim"
    trap = page.locator("#id_fax_number").bounding_box()
    assert trap["x"] + trap["width"] <= 0  # the honeypot stays out of sight

    skip_to_main_content(page, in_turkish("Skip to main content"))
    reached = complete_form(
        page,
        {
            "id_name": "Elif Demir",
            "id_email": "elif.demir@marmara.example",
            "id_organisation": "Marmara Belediyeler Birliği",
            "id_topic": Choose("Bas", str(turkish_contact.topics.get(name="Basın").pk)),
            "id_message": "Merhaba, iklim eylem planımız için basın bülteni hazırlıyoruz.",
            "id_consent": TICK,
        },
        in_turkish("Send the message"),
    )
    assert "id_fax_number" not in reached
    page.wait_for_url("**/tr/iletisim/thanks/")
    assert page.locator("html").get_attribute("lang") == "tr"
    assert page.locator("main").get_by_role("status").is_visible()
    screenshot(page, "contact-sent-tr")

    message = ContactMessage.objects.get()
    assert (message.name, message.language, message.topic_name, message.relayed_to) == (
        "Elif Demir",
        "tr",
        "Basın",
        "press@staff.example",
    )
    by_recipient = {sent.to[0]: sent for sent in mail.outbox}
    assert set(by_recipient) == {"press@staff.example", "elif.demir@marmara.example"}
    assert by_recipient["press@staff.example"].reply_to == ["elif.demir@marmara.example"]
    assert by_recipient["elif.demir@marmara.example"].subject == in_turkish("We received your message")


def test_a_mistake_is_shown_next_to_its_field_in_turkish_and_nothing_typed_is_lost(page, turkish_contact):
    page.goto("/tr/iletisim/")
    form = page.locator("form.contact-form")
    form.locator("#id_name").fill("Elif Demir")
    form.locator("#id_email").fill("elif@")
    form.locator("#id_message").fill("Kısa")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()

    assert page.locator("html").get_attribute("lang") == "tr"
    assert page.locator("#id_email_error").inner_text() == in_turkish(
        "Enter an email address such as name@example.org."
    )
    assert page.locator("#id_topic_error").inner_text() == in_turkish("Choose a topic.")
    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_name").input_value() == "Elif Demir"
    assert page.locator("#id_message").input_value() == "Kısa"
    page.locator("#form-errors a[href='#id_email']").click()
    assert focused(page)["id"] == "id_email" or page.url.endswith("#id_email")
    assert not ContactMessage.objects.exists()
    screenshot(page, "contact-errors-tr")
