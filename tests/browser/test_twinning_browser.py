"""The partner finder in headless Chromium, in Turkish: filter the open requests, read a request and
its suggested partners, write to its contact through the relay, and publish a request of one's own."""

import re

import pytest
from django.core import mail

from network.twinning.models import PartnershipRequest, RelayMessage
from tests.twinning_factories import PartnershipRequestFactory, make_finder, make_programmes, make_themes

pytestmark = [pytest.mark.browser, pytest.mark.backend_independent]


@pytest.fixture
def turkish_finder(transactional_db, site_tree):
    make_themes()
    make_programmes()
    finder = make_finder(site_tree)
    requests = {
        "sinop": PartnershipRequestFactory(
            authority_name="Sinop Belediyesi",
            title="Sinop, sürdürülebilir turizm için ortak arıyor",
            sought=["tourism"],
            offered=["culture"],
            population=45_000,
            languages=["tr", "en"],
            language="tr",
            contact_email="turizm@sinop.example",
        ),
        "sopot": PartnershipRequestFactory(
            authority_name="Sopot",
            title="Sopot offers tourism know-how and seeks waste partners",
            sought=["waste"],
            offered=["tourism"],
            country="PL",
            population=34_000,
            languages=["pl", "en"],
        ),
        "mersin": PartnershipRequestFactory(
            authority_name="Mersin", title="Mersin seeks water partners", sought=["water"], language="tr"
        ),
    }
    return finder["tr"], requests


def test_a_visitor_filters_reads_the_suggestions_and_writes_to_a_contact_in_turkish(page, turkish_finder):
    finder, requests = turkish_finder
    mail.outbox.clear()
    page.goto(finder.url)
    assert page.locator("html").get_attribute("lang") == "tr"
    assert page.locator("h1").inner_text() == "Eşleştirme ortağı bulun"
    assert page.locator(".request-card").count() == 3

    # Filter by a theme, chosen by its Turkish name; the form works without JavaScript.
    page.locator("select[name=theme]").select_option(label="Sürdürülebilir turizm")
    page.locator("form.directory-filters button[type=submit]").click()
    page.wait_for_url("**theme=tourism**")
    cards = page.locator(".request-card")
    assert cards.count() == 2
    assert page.locator(".request-card[lang=en]").count() == 1  # Sopot wrote in English

    # Sinop's request: its best partner is Sopot, which offers the tourism Sinop seeks.
    page.get_by_role("link", name="Sinop, sürdürülebilir turizm için ortak arıyor").click()
    page.wait_for_url(f"**/requests/{requests['sinop'].pk}/")
    first = page.locator(".suggestion").first
    assert first.locator("h3 a").inner_text() == "Sopot"
    reasons = first.locator(".suggestion__reasons").inner_text()
    assert "Sürdürülebilir turizm" in reasons
    assert "turizm@sinop.example" not in page.content()

    # A message with a mistake: the error is next to the field, in Turkish, and the text is kept.
    form = page.locator("form.twinning-form")
    form.locator("#contact-name").fill("Jonas Petraitis")
    form.locator("#contact-message").fill("Labas! Trakai ile turizm deneyimi paylaşmak ister misiniz?")
    form.locator("#contact-consent").check()
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#contact-email_error").inner_text() == "Bu alan zorunludur."
    assert page.locator("#contact-email").get_attribute("aria-invalid") == "true"
    assert page.locator("#contact-message").input_value().startswith("Labas!")
    assert not RelayMessage.objects.exists()

    page.locator("#contact-email").fill("jonas@trakai.example")
    page.locator("#contact-consent").check()
    page.locator("form.twinning-form button[type=submit]").click()
    page.wait_for_url(f"**/requests/{requests['sinop'].pk}/sent/")
    assert page.locator("html").get_attribute("lang") == "tr"
    assert "Sinop Belediyesi" in page.locator("main [role=status]").inner_text()
    relayed = RelayMessage.objects.get()
    assert (relayed.status, relayed.share_address) == ("relayed", False)
    [email] = mail.outbox
    assert email.to == ["turizm@sinop.example"]
    assert "jonas@trakai.example" not in email.body
    assert email.reply_to != ["jonas@trakai.example"]


def test_an_authority_publishes_a_request_in_turkish(page, turkish_finder):
    finder, _requests = turkish_finder
    mail.outbox.clear()
    page.goto(finder.url)
    page.locator(".finder-actions a.button").click()
    page.wait_for_url("**/tr/ortaklar/new/")
    assert page.locator("html").get_attribute("lang") == "tr"

    form = page.locator("form.twinning-form")
    form.locator("#id_authority_name").fill("Kars Belediyesi")
    form.locator("#id_country").select_option("TR")
    form.locator("#id_population").fill("115000")
    form.locator("#id_title").fill("Kars, kırsal kalkınma ve kültür turizmi için ortak arıyor")
    form.locator("#id_description").fill("Ani Ören Yeri çevresindeki köylerle kırsal turizmi geliştirmek istiyoruz.")
    form.get_by_role("group", name=re.compile("Ortak aradığınız temalar")).get_by_label("Kırsal kalkınma").check()
    form.get_by_role("group", name=re.compile("Deneyim paylaşabileceğiniz")).get_by_label("Kültür").check()
    form.get_by_label("Başka bir program veya henüz karar verilmedi").check()
    form.get_by_label("Türkçe").check()
    form.get_by_label("İngilizce").check()
    form.locator("#id_contact_name").fill("Elif Demir")
    form.locator("#id_contact_email").fill("elif.demir@kars.example")
    form.locator("#id_consent").check()
    trap = form.locator("#id_fax_number").bounding_box()
    assert trap is None or trap["x"] + trap["width"] <= 0  # the honeypot stays out of sight
    form.locator("button[type=submit]").click()

    page.wait_for_url("**/tr/ortaklar/new/thanks/")
    assert page.locator("html").get_attribute("lang") == "tr"
    assert page.locator("main [role=status]").count() == 1
    created = PartnershipRequest.objects.get(contact_email="elif.demir@kars.example")
    assert (created.status, created.language, created.programme) == ("pending", "tr", "other")
    assert list(created.themes_sought.values_list("slug", flat=True)) == ["rural-development"]
    assert list(created.themes_offered.values_list("slug", flat=True)) == ["culture"]
    assert sorted(created.working_language_codes) == ["en", "tr"]
    assert sorted(message.to[0] for message in mail.outbox) == ["elif.demir@kars.example", "staff@localhost"]
    # Awaiting moderation: not listed yet.
    page.goto(finder.url)
    assert page.locator(".request-card").count() == 3
