"""The expression-of-interest form in headless Chromium: fill it in Turkish, send it, read the confirmation."""

import pytest
from django.core import mail

from core.translation import synchronise_trees, translate
from network.applications.models import Application
from tests.application_factories import TR_FORM, ExpressionOfInterestPageFactory
from tests.factories import locale
from tests.supporter_factories import TR_INDEX, SupporterIndexPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.backend_independent]


@pytest.fixture
def turkish_form(transactional_db, site_tree):
    index = SupporterIndexPageFactory(parent=site_tree["en"])
    translate(index, locale("tr"), TR_INDEX)
    form = ExpressionOfInterestPageFactory(parent=index)
    translate(form, locale("tr"), TR_FORM)
    synchronise_trees()
    return form


def test_an_association_applies_in_turkish_and_sees_the_confirmation_in_turkish(page, turkish_form):
    mail.outbox.clear()
    page.goto("/tr/destekciler/ilgi-beyani/")
    assert page.locator("html").get_attribute("lang") == "tr"
    assert page.locator("h1").inner_text() == "İlgi beyanı"

    form = page.locator("form.eoi-form")
    form.locator("#id_organisation").fill("Marmara Belediyeler Birliği")
    form.locator("#id_kind").select_option("regional_network")
    form.locator("#id_country").select_option("TR")
    form.locator("#id_website").fill("www.marmara.gov.tr")
    form.locator("#id_member_authorities").fill("190")
    form.locator("#id_contact_name").fill("Elif Demir")
    form.locator("#id_position").fill("Dış ilişkiler uzmanı")
    form.locator("#id_email").fill("elif.demir@marmara.example")
    form.locator("#id_phone").fill("+90 212 000 00 00")
    form.locator("#id_motivation").fill("Üyelerimizin iklim ve enerji hedeflerine ulaşmalarına destek olmak istiyoruz.")
    form.locator("input[name=planned_services][value=training]").check()
    form.locator("input[name=planned_services][value=technical_support]").check()
    form.locator("#id_consent").check()
    trap = form.locator("#id_fax_number").bounding_box()
    assert trap["x"] + trap["width"] <= 0  # the honeypot stays out of sight

    form.locator("button[type=submit]").click()

    page.wait_for_url("**/tr/destekciler/ilgi-beyani/thanks/")
    assert page.locator("html").get_attribute("lang") == "tr"
    assert page.locator("h1").inner_text() == "Teşekkürler"
    assert page.locator("main").get_by_role("status").inner_text().strip() == "İlgi beyanınızı aldık. Teşekkür ederiz."
    application = Application.objects.get()
    assert (application.organisation, application.language, application.status) == (
        "Marmara Belediyeler Birliği",
        "tr",
        "received",
    )
    assert application.website == "https://www.marmara.gov.tr"
    assert sorted(message.to[0] for message in mail.outbox) == ["elif.demir@marmara.example", "staff@localhost"]


def test_mistakes_are_shown_next_to_the_fields_in_turkish_and_nothing_typed_is_lost(page, turkish_form):
    page.goto("/tr/destekciler/ilgi-beyani/")
    form = page.locator("form.eoi-form")
    form.locator("#id_organisation").fill("Marmara Belediyeler Birliği")
    form.locator("#id_email").fill("elif@")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()

    assert page.locator("html").get_attribute("lang") == "tr"
    assert page.locator("#id_email_error").inner_text() == "Geçerli bir e-posta adresi girin."
    assert page.locator("#id_contact_name_error").inner_text() == "Bu alan zorunludur."
    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_organisation").input_value() == "Marmara Belediyeler Birliği"
    assert page.locator("#id_email").input_value() == "elif@"
    # The summary links lead to the fields.
    page.locator("#form-errors a[href='#id_email']").click()
    assert page.evaluate("document.activeElement.id") == "id_email" or page.url.endswith("#id_email")
    assert not Application.objects.exists()
