"""The public expression-of-interest form: good input, each bad input, spam defences, and mail failures."""

import io
import json
from urllib.error import URLError

import pytest
from bs4 import BeautifulSoup
from django.core import mail as django_mail
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from core import mail
from core.models import OutgoingEmail
from network.applications.models import Application, ApplicationEvent, ApplicationStatus
from tests.application_factories import form_pages_fixture  # noqa: F401
from tests.smtp_sink import closed_port_fixture, smtp_settings, start_sink  # noqa: F401 - fixtures
from tests.supporter_factories import supporter_index_fixture  # noqa: F401

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_applications_form"),
]

VALID = {
    "organisation": "Türkiye Belediyeler Birliği",
    "kind": "national_association",
    "country": "AZ",
    "website": "https://www.tbb.gov.tr",
    "contact_name": "Ayşe Yılmaz",
    "position": "Dış ilişkiler uzmanı",
    "email": "ayse@tbb.example",
    "phone": "+90 312 123 45 67",
    "member_authorities": "1389",
    "motivation": "Üyelerimizin iklim eylemini desteklemek istiyoruz.",
    "planned_services": ["training", "funding_advice"],
    "planned_services_details": "Enerji eylem planları üzerine eğitim.",
    "consent": "on",
}


def submit_url(page):
    return f"/applications/expression-of-interest/{page.pk}/"


def post(client, page, data, capture=None, **extra):
    """POST the form; with `capture` (django_capture_on_commit_callbacks) the queued emails are sent."""
    if capture is None:
        return client.post(submit_url(page), data, **extra)
    with capture(execute=True):
        return client.post(submit_url(page), data, **extra)


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def field_block(html, name):
    """The .form-field element that holds the input named `name`."""
    control = html.find(attrs={"name": name})
    assert control is not None, name
    return control.find_parent(class_="form-field")


def recaptcha_answer(payload):
    """A stand-in for Google's siteverify HTTP response (the network call, not our form, is replaced)."""

    def answer(params):
        return io.BytesIO(json.dumps(payload).encode())

    return answer


class TestFormPage:
    def test_the_form_page_speaks_the_visitors_language_and_posts_to_the_language_free_endpoint(
        self, client, form_pages
    ):
        response = client.get("/tr/destekciler/ilgi-beyani/")
        assert response.status_code == 200
        html = soup(response)
        assert html.html["lang"] == "tr"
        assert html.h1.get_text() == "İlgi beyanı"
        form = html.find("form", class_="eoi-form")
        assert form["action"] == submit_url(form_pages["tr"])
        assert form["method"] == "post"
        assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})

    def test_every_control_has_a_label_and_the_honeypot_is_hidden_from_people(self, client, form_pages):
        html = soup(client.get(form_pages["en"].url))
        form = html.find("form", class_="eoi-form")
        for control in form.find_all(["input", "select", "textarea"]):
            if control.get("type") in {"hidden", "submit"}:
                continue
            assert form.find("label", attrs={"for": control["id"]}), control
        trap = form.find(attrs={"name": "fax_number"})
        wrapper = trap.find_parent(class_="eoi-trap")
        assert wrapper["aria-hidden"] == "true"
        assert trap["tabindex"] == "-1"

    def test_without_recaptcha_keys_there_is_no_captcha(self, client, form_pages, settings):
        settings.RECAPTCHA_ENABLED = False
        html = client.get(form_pages["en"].url).content.decode()
        assert "g-recaptcha" not in html
        assert "recaptcha/api.js" not in html


class TestGoodInput:
    def test_an_application_is_stored_as_received_and_two_emails_are_sent(
        self, client, form_pages, django_capture_on_commit_callbacks
    ):
        response = post(client, form_pages["tr"], VALID, django_capture_on_commit_callbacks)

        assert response.status_code == 302
        assert response["Location"] == "/tr/destekciler/ilgi-beyani/thanks/"
        application = Application.objects.get()
        assert application.status == ApplicationStatus.RECEIVED
        assert application.language == "tr"
        assert application.form_page_id == form_pages["tr"].pk
        assert application.organisation == "Türkiye Belediyeler Birliği"
        assert application.planned_services == ["training", "funding_advice"]
        assert application.member_authorities == 1389
        assert application.consented_at is not None
        [event] = ApplicationEvent.objects.filter(application=application)
        assert (event.from_status, event.to_status, event.user) == ("", ApplicationStatus.RECEIVED, None)

        acknowledgement = OutgoingEmail.objects.get(purpose="application-acknowledgement")
        notice = OutgoingEmail.objects.get(purpose="application-staff-notice")
        assert acknowledgement.recipients == ["ayse@tbb.example"]
        assert acknowledgement.language == "tr"
        assert notice.recipients == ["staff@localhost"]
        assert notice.language == "en"
        assert {acknowledgement.status, notice.status} == {OutgoingEmail.Status.SENT}
        assert len(django_mail.outbox) == 2
        # Country names come from django-countries' catalogues: proof of the language each was written in.
        assert "Azerbaycan" in acknowledgement.text_body
        assert "Azerbaijan" in notice.text_body
        assert "Türkiye Belediyeler Birliği" in acknowledgement.html_body
        assert f"http://testserver/admin/applications/inspect/{application.pk}/" in notice.text_body

    def test_the_confirmation_is_shown_in_turkish(self, client, form_pages):
        response = client.post(submit_url(form_pages["tr"]), VALID, follow=True)
        assert response.status_code == 200
        html = soup(response)
        assert html.html["lang"] == "tr"
        assert html.h1.get_text() == "Teşekkürler"
        assert html.find(attrs={"role": "status"}).get_text(strip=True) == "İlgi beyanınızı aldık. Teşekkür ederiz."
        assert html.find("form", class_="eoi-form") is None

    def test_a_website_without_scheme_is_taken_as_https_and_optional_fields_may_be_empty(self, client, form_pages):
        data = {**VALID, "website": "www.tbb.gov.tr", "phone": "", "member_authorities": ""}
        data.pop("planned_services_details")
        assert client.post(submit_url(form_pages["en"]), data).status_code == 302
        application = Application.objects.get()
        assert application.website == "https://www.tbb.gov.tr"
        assert application.phone == ""
        assert application.member_authorities is None


BAD_INPUTS = [
    ("organisation", {"organisation": ""}, "This field is required."),
    ("organisation", {"organisation": "x" * 256}, "Ensure this value has at most 255 characters"),
    ("kind", {"kind": ""}, "This field is required."),
    ("kind", {"kind": "city"}, "Select a valid choice."),
    ("country", {"country": "XX"}, "Select a valid choice."),
    ("website", {"website": "not a web address"}, "Enter a valid URL."),
    ("contact_name", {"contact_name": "  "}, "This field is required."),
    ("position", {"position": ""}, "This field is required."),
    ("email", {"email": ""}, "This field is required."),
    ("email", {"email": "ayse@"}, "Enter a valid email address."),
    ("phone", {"phone": "call me"}, "Enter a phone number"),
    ("member_authorities", {"member_authorities": "-3"}, "greater than or equal to 0"),
    ("member_authorities", {"member_authorities": "many"}, "Enter a whole number."),
    ("motivation", {"motivation": ""}, "This field is required."),
    ("motivation", {"motivation": "x" * 5001}, "at most 5000 characters"),
    ("planned_services", {"planned_services": []}, "Choose at least one service."),
    ("planned_services", {"planned_services": ["bribery"]}, "Select a valid choice."),
    ("consent", {"consent": ""}, "We can only process the application with your consent."),
]


class TestSentTwice:
    """The same expression of interest sent again is the first one: nothing lost, nothing doubled."""

    def test_a_resent_form_is_stored_once_and_acknowledged_once(
        self, client, form_pages, django_capture_on_commit_callbacks
    ):
        first = post(client, form_pages["tr"], VALID, django_capture_on_commit_callbacks)
        again = post(client, form_pages["tr"], VALID, django_capture_on_commit_callbacks)

        assert first.status_code == again.status_code == 302
        assert again["Location"] == first["Location"] == "/tr/destekciler/ilgi-beyani/thanks/"
        application = Application.objects.get()
        assert ApplicationEvent.objects.filter(application=application).count() == 1
        assert OutgoingEmail.objects.filter(purpose="application-acknowledgement").count() == 1
        assert OutgoingEmail.objects.filter(purpose="application-staff-notice").count() == 1
        assert len(django_mail.outbox) == 2

    def test_case_and_spacing_do_not_make_another_submission(self, client, form_pages):
        post(client, form_pages["en"], VALID)
        for organisation in ["  türkiye belediyeler   BİRLİĞİ ", VALID["organisation"].upper()]:
            retyped = {**VALID, "organisation": organisation, "email": "AYSE@tbb.example"}
            assert post(client, form_pages["en"], retyped).status_code == 302
        assert Application.objects.count() == 1

    def test_a_changed_answer_is_a_new_submission(self, client, form_pages):
        post(client, form_pages["en"], VALID)
        post(client, form_pages["en"], {**VALID, "member_authorities": "1390"})
        assert Application.objects.count() == 2

    def test_once_the_first_is_reviewed_the_same_text_may_come_again(self, client, form_pages):
        post(client, form_pages["en"], VALID)
        Application.objects.update(status=ApplicationStatus.REJECTED)
        assert post(client, form_pages["en"], VALID).status_code == 302
        assert Application.objects.filter(status=ApplicationStatus.RECEIVED).count() == 1
        assert Application.objects.count() == 2


class TestBadInput:
    @pytest.mark.parametrize(
        ("field", "change", "message"), BAD_INPUTS, ids=[f"{f}-{i}" for i, (f, _c, _m) in enumerate(BAD_INPUTS)]
    )
    def test_each_invalid_field_gets_its_message_next_to_it_and_the_values_are_kept(
        self, client, form_pages, field, change, message
    ):
        data = {**VALID, **change}
        if data.get("consent") == "":
            data.pop("consent")
        response = client.post(submit_url(form_pages["en"]), data)

        assert response.status_code == 200
        assert not Application.objects.exists()
        assert not OutgoingEmail.objects.exists()
        html = soup(response)
        block = field_block(html, field)
        errors = block.find(class_="errorlist")
        assert errors is not None and message in errors.get_text(), block
        control = block.find(attrs={"name": field})
        assert control.get("aria-invalid") == "true" or block.name == "fieldset"
        assert f"{field}_error" in (control.get("aria-describedby") or block.get("aria-describedby") or "")
        # The summary at the top links to the field.
        assert html.find(id="form-errors").find("a", string=block.find(["label", "legend"]).contents[0].strip())
        # What was typed elsewhere is still there.
        if field != "organisation":
            assert html.find("input", attrs={"name": "organisation"})["value"] == VALID["organisation"]
        if field != "planned_services":
            checked = [
                box["value"]
                for box in html.find_all("input", attrs={"name": "planned_services"})
                if box.has_attr("checked")
            ]
            assert checked == ["training", "funding_advice"]
        if field != "motivation":
            assert html.find("textarea", attrs={"name": "motivation"}).get_text().strip() == VALID["motivation"]

    def test_messages_are_in_the_visitors_language(self, client, form_pages):
        data = {**VALID, "email": "ayse@", "organisation": ""}
        html = soup(client.post(submit_url(form_pages["tr"]), data))
        assert html.html["lang"] == "tr"
        assert "Bu alan zorunludur." in field_block(html, "organisation").find(class_="errorlist").get_text()
        assert "Geçerli bir e-posta adresi girin." in field_block(html, "email").find(class_="errorlist").get_text()
        assert not Application.objects.exists()

    def test_the_endpoint_refuses_get_unknown_and_unpublished_pages(self, client, form_pages):
        assert client.get(submit_url(form_pages["en"])).status_code == 405
        unknown = "/applications/expression-of-interest/999999/"
        assert client.post(unknown, VALID, follow=True).status_code == 404
        form_pages["en"].unpublish()
        assert client.post(submit_url(form_pages["en"]), VALID, follow=True).status_code == 404
        assert not Application.objects.exists()

    def test_a_post_without_csrf_token_is_refused_not_an_error(self, form_pages):
        response = Client(enforce_csrf_checks=True).post(submit_url(form_pages["en"]), VALID)
        assert response.status_code == 403
        assert not Application.objects.exists()


class TestSpamDefences:
    def test_a_filled_honeypot_stores_nothing_and_says_so(self, client, form_pages):
        response = client.post(submit_url(form_pages["en"]), {**VALID, "fax_number": "+1 555 0100"})
        assert response.status_code == 400
        assert "a field meant to stay empty was filled in" in soup(response).find(id="form-problem").get_text()
        assert not Application.objects.exists()
        assert not OutgoingEmail.objects.exists()

    @override_settings(RECAPTCHA_ENABLED=True, RECAPTCHA_PUBLIC_KEY="site-key", RECAPTCHA_PRIVATE_KEY="secret-key")
    def test_with_keys_the_page_shows_the_captcha_in_the_visitors_language(self, client, form_pages):
        html = client.get(form_pages["tr"].url).content.decode()
        assert 'class="g-recaptcha"' in html
        assert 'data-sitekey="site-key"' in html
        assert "hl=tr" in html

    @override_settings(RECAPTCHA_ENABLED=True, RECAPTCHA_PUBLIC_KEY="site-key", RECAPTCHA_PRIVATE_KEY="secret-key")
    def test_a_passed_captcha_lets_the_application_through(self, client, form_pages, monkeypatch):
        sent = []

        def google(params):
            sent.append(params)
            return io.BytesIO(b'{"success": true}')

        monkeypatch.setattr("django_recaptcha.client.recaptcha_request", google)
        response = client.post(submit_url(form_pages["en"]), {**VALID, "g-recaptcha-response": "token-from-widget"})
        assert response.status_code == 302
        assert Application.objects.count() == 1
        assert b"response=token-from-widget" in sent[0]
        assert b"secret=secret-key" in sent[0]

    @override_settings(RECAPTCHA_ENABLED=True, RECAPTCHA_PUBLIC_KEY="site-key", RECAPTCHA_PRIVATE_KEY="secret-key")
    @pytest.mark.parametrize(
        ("answer", "token"),
        [
            (recaptcha_answer({"success": False, "error-codes": ["invalid-input-response"]}), "forged"),
            (recaptcha_answer({"success": True}), ""),  # no answer from the widget at all
        ],
        ids=["refused-by-google", "not-ticked"],
    )
    def test_a_failed_captcha_stores_nothing_and_says_so(self, client, form_pages, monkeypatch, answer, token):
        monkeypatch.setattr("django_recaptcha.client.recaptcha_request", answer)
        response = client.post(submit_url(form_pages["en"]), {**VALID, "g-recaptcha-response": token})
        assert response.status_code == 400
        html = soup(response)
        assert "the spam check failed" in html.find(id="form-problem").get_text()
        assert "not a robot" in html.find(id="id_captcha_error").get_text()
        assert html.find("input", attrs={"name": "organisation"})["value"] == VALID["organisation"]
        assert not Application.objects.exists()

    @override_settings(RECAPTCHA_ENABLED=True, RECAPTCHA_PUBLIC_KEY="site-key", RECAPTCHA_PRIVATE_KEY="secret-key")
    def test_google_out_of_reach_is_a_message_not_a_server_error(self, client, form_pages, monkeypatch):
        def unreachable(params):
            raise URLError("timed out")

        monkeypatch.setattr("django_recaptcha.client.recaptcha_request", unreachable)
        response = client.post(submit_url(form_pages["en"]), {**VALID, "g-recaptcha-response": "token"})
        assert response.status_code == 400
        assert "could not check that you are not a robot" in soup(response).find(id="id_captcha_error").get_text()
        assert not Application.objects.exists()

    @override_settings(RECAPTCHA_ENABLED=True, RECAPTCHA_PUBLIC_KEY="site-key", RECAPTCHA_PRIVATE_KEY="secret-key")
    def test_the_honeypot_is_checked_before_google_is_asked(self, client, form_pages, monkeypatch):
        def google(params):
            raise AssertionError("a robot's submission must not cost a verification call")

        monkeypatch.setattr("django_recaptcha.client.recaptcha_request", google)
        response = client.post(submit_url(form_pages["en"]), {**VALID, "fax_number": "x", "g-recaptcha-response": "t"})
        assert response.status_code == 400


class TestRateLimit:
    @override_settings(APPLICATION_RATE_LIMIT="3/h")
    @pytest.mark.parametrize("language", ["en", "tr"])
    def test_too_many_submissions_from_one_address_are_refused_with_a_message(self, client, form_pages, language):
        page = form_pages[language]
        for number in range(3):
            data = {**VALID, "email": f"contact{number}@tbb.example"}
            assert client.post(submit_url(page), data, REMOTE_ADDR="203.0.113.7").status_code == 302
        response = client.post(submit_url(page), {**VALID, "email": "late@tbb.example"}, REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 429
        html = soup(response)
        assert html.html["lang"] == language
        problem = html.find(id="form-problem")
        assert problem["role"] == "alert"
        if language == "en":
            assert "Too many submissions" in problem.get_text()
        assert html.find("input", attrs={"name": "email"})["value"] == "late@tbb.example"
        assert html.find(class_="errorlist") is None
        assert Application.objects.count() == 3
        # Another address is not affected.
        other = client.post(submit_url(page), {**VALID, "email": "x@tbb.example"}, REMOTE_ADDR="203.0.113.8")
        assert other.status_code == 302

    @override_settings(APPLICATION_RATE_LIMIT="2/h")
    def test_one_email_address_cannot_flood_staff_from_many_ip_addresses(self, client, form_pages):
        for number in range(2):
            data = {**VALID, "motivation": f"{VALID['motivation']} ({number})"}
            response = client.post(submit_url(form_pages["en"]), data, REMOTE_ADDR=f"198.51.100.{number}")
            assert response.status_code == 302
        response = client.post(submit_url(form_pages["en"]), VALID, REMOTE_ADDR="198.51.100.99")
        assert response.status_code == 429
        assert Application.objects.count() == 2

    @override_settings(APPLICATION_RATE_LIMIT="1/h")
    def test_ipv6_clients_are_counted_by_their_network(self, client, form_pages):
        first = client.post(submit_url(form_pages["en"]), VALID, REMOTE_ADDR="2001:db8:1:2::10")
        second = client.post(
            submit_url(form_pages["en"]), {**VALID, "email": "b@tbb.example"}, REMOTE_ADDR="2001:db8:1:2::99"
        )
        assert (first.status_code, second.status_code) == (302, 429)

    @override_settings(APPLICATION_RATE_LIMIT="1/h")
    def test_a_cache_that_is_down_keeps_the_form_open(self, client, form_pages, monkeypatch):
        def down(*args, **kwargs):
            raise ConnectionError("cache unreachable")

        monkeypatch.setattr(cache, "add", down)
        monkeypatch.setattr(cache, "incr", down)
        for number in range(2):
            data = {**VALID, "email": f"c{number}@tbb.example"}
            assert client.post(submit_url(form_pages["en"]), data).status_code == 302
        assert Application.objects.count() == 2


class TestMailServerDown:
    def test_the_application_is_stored_staff_see_the_failed_email_and_it_is_retried(
        self, client, admin_user, form_pages, closed_port, django_capture_on_commit_callbacks
    ):
        response = post(client, form_pages["tr"], VALID, django_capture_on_commit_callbacks)

        assert response.status_code == 302
        assert Application.objects.filter(status=ApplicationStatus.RECEIVED).count() == 1
        emails = OutgoingEmail.objects.filter(purpose__startswith="application-")
        assert {email.status for email in emails} == {OutgoingEmail.Status.FAILED}
        assert all("Connection refused" in email.last_error or email.last_error for email in emails)

        client.force_login(admin_user)
        listing = client.get(reverse("outgoing_email:index") + "?status=failed")
        assert listing.status_code == 200
        for email in emails:
            assert email.subject in listing.content.decode()  # in Turkish for the applicant, English for staff

        sink, controller = start_sink()
        try:
            with smtp_settings(sink.port):
                for email in emails:
                    assert mail.deliver(email.pk) == OutgoingEmail.Status.SENT
        finally:
            controller.stop()
        assert sorted(message.envelope_to[0] for message in sink.messages) == ["ayse@tbb.example", "staff@localhost"]
