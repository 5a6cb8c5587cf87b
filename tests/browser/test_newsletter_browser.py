"""The newsletter signup in a real browser: footer form, confirmation link, native validation."""

import re

import pytest
from django.core import mail

from core.translation import synchronise_trees, translate
from network.newsletter.models import Subscriber
from tests.factories import locale
from tests.newsletter_factories import NewsletterIndexPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.backend_independent]

CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/newsletter/confirm/[^/\s]+/)")


@pytest.fixture
def newsletter(transactional_db, site_tree):
    page = NewsletterIndexPageFactory(parent=site_tree["en"])
    translate(page, locale("tr"), {"Newsletter": "Bülten", "newsletter": "bulten"})
    synchronise_trees()
    return page


def test_signup_from_the_footer_of_a_turkish_page_then_confirm(page, newsletter):
    mail.outbox.clear()
    page.goto("/tr/")
    footer = page.locator("footer.site-footer")
    assert footer.locator("#footer-newsletter-language").input_value() == "tr"

    footer.locator("#footer-newsletter-email").fill("ayse.yilmaz@example.org")
    footer.locator("#footer-newsletter-consent").check()
    footer.locator("form.newsletter-form button[type=submit]").click()

    page.wait_for_url("**/newsletter/subscribe/")
    assert page.locator("html").get_attribute("lang") == "tr"
    assert "ayse.yilmaz@example.org" in page.locator("main").inner_text()
    subscriber = Subscriber.objects.get()
    assert (subscriber.status, subscriber.language, subscriber.consent_form) == ("pending", "tr", "footer")

    [message] = mail.outbox
    path = CONFIRM_LINK.search(message.body).group(1)
    page.goto(path)
    assert page.locator("html").get_attribute("lang") == "tr"
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("main a[href*='/newsletter/preferences/']").count() == 1
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"


def test_the_browser_asks_for_the_address_and_the_consent_before_sending(page, newsletter):
    page.goto("/en/newsletter/")
    form = page.locator("main form.newsletter-form")
    submit = form.locator("button[type=submit]")

    submit.click()
    assert page.url.endswith("/en/newsletter/")
    assert form.locator("#newsletter-email").evaluate("element => element.validity.valueMissing")

    form.locator("#newsletter-email").fill("not an address")
    submit.click()
    assert page.url.endswith("/en/newsletter/")
    assert form.locator("#newsletter-email").evaluate("element => element.validity.typeMismatch")

    form.locator("#newsletter-email").fill("reader@example.org")
    submit.click()
    assert page.url.endswith("/en/newsletter/")  # the consent box is still unticked
    assert form.locator("#newsletter-consent").evaluate("element => element.validity.valueMissing")
    assert not Subscriber.objects.exists()

    form.locator("#newsletter-consent").check()
    form.locator("#newsletter-language").select_option("ru")
    submit.click()
    page.wait_for_url("**/newsletter/subscribe/")
    assert Subscriber.objects.get().language == "ru"


def test_the_form_is_labelled_and_the_robot_trap_is_out_of_reach(page, newsletter):
    page.goto("/en/newsletter/")
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('form.newsletter-form input:not([type=hidden]), form.newsletter-form select')]
                .filter(field => field.labels.length === 0).map(field => field.id)"""
    )
    assert unlabelled == []
    trap = page.locator("#newsletter-website")
    assert trap.get_attribute("tabindex") == "-1"
    box = trap.bounding_box()
    assert box is None or box["x"] + box["width"] < 0

    # Keyboard users reach the email field, the language, the consent and the button, never the trap.
    page.locator("#newsletter-email").focus()
    reached = []
    for _ in range(6):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
    assert "newsletter-website" not in reached
    assert reached[:2] == ["newsletter-language", "newsletter-consent"]
