"""A partnership request's life: submitted through the public form, moderated in the admin,
updated, matched or closed by its contact through the signed link; bad input and spam defences."""

import io
import json
import re
from datetime import timedelta
from urllib.error import URLError

import pytest
from bs4 import BeautifulSoup
from django.core import mail as django_mail
from django.test import override_settings
from django.utils import timezone

from network.twinning.choices import RequestStatus
from network.twinning.models import PartnershipRequest, RequestEvent
from network.twinning.tokens import manage_token
from tests.signatory_factories import SignatoryPageFactory, make_directory
from tests.twinning_factories import (  # noqa: F401 - fixtures
    PartnershipRequestFactory,
    finder_fixture,
    programmes_fixture,
    themes_fixture,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_twinning_requests"),
]

MANAGE_LINK = re.compile(r"http://testserver(/twinning/manage/[^/\s\"<>]+/)")
TODAY = timezone.localdate()


def valid(**overrides):
    data = {
        "authority_name": "Sinop Belediyesi",
        "country": "TR",
        "population": "45000",
        "title": "Karadeniz kıyısında sürdürülebilir turizm için ortak arıyoruz",
        "description": "Kıyı turizmini yönetmeyi ve atıkları azaltmayı bilen bir belediyeyle çalışmak istiyoruz.",
        "themes_sought": ["tourism", "waste"],
        "themes_offered": ["culture"],
        "programme": "twin",
        "languages": ["tr", "en"],
        "valid_from": TODAY.isoformat(),
        "valid_until": (TODAY + timedelta(days=200)).isoformat(),
        "contact_name": "Ayşe Yılmaz",
        "contact_position": "Dış ilişkiler uzmanı",
        "contact_email": "ayse@sinop.example",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def submit_url(page):
    return f"/twinning/requests/new/{page.pk}/"


def submit(client, page, data=None, remote_addr="127.0.0.1"):
    return client.post(submit_url(page), data or valid(), REMOTE_ADDR=remote_addr)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def manage_path(text):
    match = MANAGE_LINK.search(text)
    assert match, text
    return match.group(1)


class TestSubmission:
    def test_a_valid_request_is_stored_for_moderation_and_the_contact_and_staff_are_told(
        self, client, finder, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = submit(client, finder["tr"])
        assert response.status_code == 302
        assert response["Location"] == finder["tr"].url + "new/thanks/"

        item = PartnershipRequest.objects.get()
        assert (item.status, item.language, item.country.code, item.population) == ("pending", "tr", "TR", 45_000)
        assert sorted(item.themes_sought.values_list("slug", flat=True)) == ["tourism", "waste"]
        assert list(item.themes_offered.values_list("slug", flat=True)) == ["culture"]
        assert item.themes_sought.first().locale.language_code == "en"  # requests link the default language's themes
        assert (item.working_language_codes, item.programme) == (["tr", "en"], "twin")
        assert item.consented_at is not None and item.published_at is None
        [event] = RequestEvent.objects.filter(partnership_request=item)
        assert (event.from_status, event.to_status, event.actor) == ("", "pending", "contact")

        to_contact, to_staff = sorted(django_mail.outbox, key=lambda message: message.to != ["ayse@sinop.example"])
        assert to_contact.to == ["ayse@sinop.example"]
        assert "Karadeniz" in to_contact.subject
        assert '<html lang="tr"' in to_contact.alternatives[0].content
        path = manage_path(to_contact.body)
        assert client.get(path).status_code == 200
        assert to_staff.to == ["staff@localhost"]
        assert f"http://testserver/admin/twinning/requests/inspect/{item.pk}/" in to_staff.body

        thanks = client.get(response["Location"])
        assert thanks.status_code == 200
        assert '<html lang="tr"' in thanks.content.decode()

    def test_a_pending_request_is_nowhere_on_the_site(self, client, finder):
        submit(client, finder["en"])
        item = PartnershipRequest.objects.get()
        assert item.title not in client.get(finder["en"].url).content.decode()
        assert client.get(finder["en"].url + f"requests/{item.pk}/").status_code == 404

    def test_a_request_for_a_signatory_takes_the_directorys_facts(self, client, finder, site_tree):
        directory = make_directory(site_tree)
        kusadasi = SignatoryPageFactory(parent=directory["en"], title="Kuşadası", population=134_000, country="TR")
        form_page = client.get(finder["en"].url + f"new/?authority={kusadasi.pk}")
        html = soup(form_page)
        assert html.find("input", {"name": "signatory"})["value"] == str(kusadasi.pk)
        assert html.find("input", {"name": "country"}) is None and html.find("select", {"name": "country"}) is None

        data = valid(signatory=str(kusadasi.pk), authority_name="Kuşadası Belediyesi", country=None, population=None)
        assert submit(client, finder["en"], data).status_code == 302
        item = PartnershipRequest.objects.get()
        assert item.signatory_id == kusadasi.pk
        assert (item.authority_name, item.country.code, item.population) == ("Kuşadası Belediyesi", "TR", 134_000)
        assert (round(item.latitude, 2), round(item.longitude, 2)) == (37.86, 27.26)

    def test_a_request_named_like_a_signatory_of_its_country_is_linked_to_it(self, client, finder, site_tree):
        directory = make_directory(site_tree)
        sinop = SignatoryPageFactory(parent=directory["en"], title="Sinop", country="TR")
        assert submit(client, finder["en"], valid(authority_name="SİNOP")).status_code == 302
        assert PartnershipRequest.objects.get().signatory_id == sinop.pk

    @pytest.mark.parametrize("authority", ["99999999999999999999", "²", "9" * 5000])
    def test_an_unknown_authority_in_the_address_is_ignored(self, client, finder, authority):
        response = client.get(finder["en"].url + "new/", {"authority": authority})
        assert response.status_code == 200
        assert soup(response).find("input", {"name": "signatory"}).get("value") in (None, "")


BAD_INPUT = [
    ("title", {"title": ""}, "Bu alan zorunludur."),
    ("authority_name", {"authority_name": "  "}, "Bu alan zorunludur."),
    ("population", {"population": ""}, "Bu alan zorunludur."),
    ("population", {"population": "0"}, None),
    ("population", {"population": "900000000"}, None),
    ("population", {"population": "many"}, None),
    ("country", {"country": "XX"}, None),
    ("themes_sought", {"themes_sought": []}, None),
    ("themes_sought", {"themes_sought": ["no-such-theme"]}, None),
    ("themes_offered", {"themes_offered": ["<script>"]}, None),
    ("programme", {"programme": "erasmus"}, None),
    ("languages", {"languages": []}, None),
    ("languages", {"languages": ["xx"]}, None),
    ("contact_email", {"contact_email": "ayse at sinop"}, None),
    ("contact_name", {"contact_name": ""}, "Bu alan zorunludur."),
    ("valid_from", {"valid_from": "31/02/2025"}, None),
    ("valid_until", {"valid_until": (TODAY - timedelta(days=1)).isoformat()}, None),
    ("valid_until", {"valid_until": TODAY.isoformat(), "valid_from": (TODAY + timedelta(days=5)).isoformat()}, None),
    ("valid_until", {"valid_until": (TODAY + timedelta(days=800)).isoformat()}, None),
    ("valid_from", {"valid_from": (TODAY + timedelta(days=400)).isoformat(), "valid_until": None}, None),
    ("description", {"description": "x" * 5001}, None),
    ("consent", {"consent": None}, None),
    ("signatory", {"signatory": "12345678"}, None),
]


class TestBadInput:
    @pytest.mark.parametrize(("field", "change", "message"), BAD_INPUT)
    def test_each_bad_field_is_explained_next_to_it_in_the_visitors_language_and_nothing_is_stored(
        self, client, finder, field, change, message
    ):
        response = submit(client, finder["tr"], valid(**change))
        assert response.status_code == 400
        html = soup(response)
        assert html.html["lang"] == "tr"
        summary = html.find(id="form-errors")
        assert summary is not None and summary["role"] == "alert"
        if field == "signatory":  # a hidden field: its error is in the summary at the top
            assert "İmzacı" in summary.get_text()
        else:
            error = html.find(id=f"id_{field}_error")
            assert error is not None, summary
            if message:
                assert message in error.get_text()
        assert PartnershipRequest.objects.count() == 0
        assert django_mail.outbox == []
        # What was typed is kept (the contact's name at least, when it was not the problem).
        if field != "contact_name":
            assert html.find("input", {"name": "contact_name"})["value"] == "Ayşe Yılmaz"

    def test_the_honeypot_stores_nothing(self, client, finder):
        response = submit(client, finder["tr"], valid(fax_number="+90 555"))
        assert response.status_code == 400
        assert soup(response).find(id="form-problem") is not None
        assert PartnershipRequest.objects.count() == 0

    def test_a_get_on_the_endpoint_is_not_allowed_and_an_unknown_page_is_404(self, client, finder):
        assert client.get(submit_url(finder["en"])).status_code == 405
        assert client.post("/twinning/requests/new/999999/", valid(), follow=True).status_code == 404
        assert PartnershipRequest.objects.count() == 0

    @override_settings(TWINNING_REQUEST_RATE="2/h")
    def test_too_many_requests_from_one_address_are_refused_with_the_values_kept(self, client, finder):
        for number in range(2):
            assert submit(client, finder["tr"], valid(contact_email=f"person{number}@sinop.example")).status_code == 302
        refused = submit(client, finder["tr"], valid(contact_email="third@sinop.example"))
        assert refused.status_code == 429
        html = soup(refused)
        assert html.find(id="form-problem") is not None
        assert html.find("input", {"name": "contact_email"})["value"] == "third@sinop.example"
        assert PartnershipRequest.objects.count() == 2
        # Another client address is not affected.
        assert (
            submit(client, finder["tr"], valid(contact_email="x@sinop.example"), remote_addr="10.0.0.9").status_code
            == 302
        )

    @override_settings(TWINNING_REQUEST_RATE="1/h")
    def test_one_contact_address_cannot_flood_the_moderators_from_many_connections(self, client, finder):
        assert submit(client, finder["en"], remote_addr="10.0.0.1").status_code == 302
        assert submit(client, finder["en"], remote_addr="10.0.0.2").status_code == 429
        assert PartnershipRequest.objects.count() == 1


def recaptcha_answer(payload):
    """A stand-in for Google's siteverify HTTP response (the network call, not our form, is replaced)."""

    def answer(params):
        return io.BytesIO(json.dumps(payload).encode())

    return answer


@pytest.fixture
def recaptcha(settings):
    settings.RECAPTCHA_ENABLED = True
    settings.RECAPTCHA_PUBLIC_KEY = "site-key"
    settings.RECAPTCHA_PRIVATE_KEY = "secret-key"


@pytest.mark.usefixtures("recaptcha")
class TestRecaptcha:
    def test_the_form_shows_the_captcha_in_the_pages_language(self, client, finder):
        html = client.get(finder["tr"].url + "new/").content.decode()
        assert 'class="g-recaptcha"' in html
        assert "hl=tr" in html

    def test_a_failed_or_unreachable_captcha_stores_nothing(self, client, finder, monkeypatch):
        monkeypatch.setattr("django_recaptcha.client.recaptcha_request", recaptcha_answer({"success": False}))
        response = submit(client, finder["en"], valid(**{"g-recaptcha-response": "forged"}))
        assert response.status_code == 400
        assert soup(response).find(id="id_captcha_error") is not None

        def unreachable(*args, **kwargs):
            raise URLError("no route to host")

        monkeypatch.setattr("django_recaptcha.client.recaptcha_request", unreachable)
        assert submit(client, finder["en"], valid(**{"g-recaptcha-response": "token"})).status_code == 400
        assert PartnershipRequest.objects.count() == 0

    def test_a_passed_captcha_lets_the_request_through(self, client, finder, monkeypatch):
        monkeypatch.setattr("django_recaptcha.client.recaptcha_request", recaptcha_answer({"success": True}))
        assert submit(client, finder["en"], valid(**{"g-recaptcha-response": "token"})).status_code == 302
        assert PartnershipRequest.objects.count() == 1


# Moderation ---------------------------------------------------------------------------------------


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


def pending(**fields):
    return PartnershipRequestFactory(status=RequestStatus.PENDING, published_at=None, language="tr", **fields)


class TestModeration:
    def test_staff_see_the_pending_request_and_publish_it(
        self, staff_client, finder, admin_user, django_capture_on_commit_callbacks
    ):
        item = pending(title="Sinop seeks a partner", contact_email="ayse@sinop.example")
        listing = staff_client.get("/admin/twinning/requests/")
        assert listing.status_code == 200
        assert f'href="/admin/twinning/requests/inspect/{item.pk}/"' in listing.content.decode()
        inspect = staff_client.get(f"/admin/twinning/requests/inspect/{item.pk}/")
        assert inspect.status_code == 200
        assert f"/admin/twinning/requests/{item.pk}/transition/publish/" in inspect.content.decode()

        with django_capture_on_commit_callbacks(execute=True):
            response = staff_client.post(
                f"/admin/twinning/requests/{item.pk}/transition/publish/", {"note": "Clear and complete."}
            )
        assert response.status_code == 302
        item.refresh_from_db()
        assert item.status == "open" and item.published_at is not None
        event = item.events.last()
        assert (event.to_status, event.actor, event.user, event.note) == (
            "open",
            "staff",
            admin_user,
            "Clear and complete.",
        )
        [message] = django_mail.outbox
        assert message.to == ["ayse@sinop.example"]
        assert f"http://testserver{finder['tr'].url}requests/{item.pk}/" in message.body  # in the request's language
        assert MANAGE_LINK.search(message.body)

        staff_client.logout()
        assert item.title in staff_client.get(finder["en"].url).content.decode()

    def test_a_rejection_needs_a_reason_which_the_contact_receives(
        self, staff_client, finder, django_capture_on_commit_callbacks
    ):
        item = pending(contact_email="ayse@sinop.example")
        url = f"/admin/twinning/requests/{item.pk}/transition/reject/"
        assert staff_client.post(url, {"reason": ""}).status_code == 200  # the form again, with its error
        item.refresh_from_db()
        assert item.status == "pending"
        with django_capture_on_commit_callbacks(execute=True):
            staff_client.post(url, {"reason": "Bu talep bir belediyeden gelmiyor."})
        item.refresh_from_db()
        assert (item.status, item.moderation_note) == ("rejected", "Bu talep bir belediyeden gelmiyor.")
        [message] = django_mail.outbox
        assert "Bu talep bir belediyeden gelmiyor." in message.body

    def test_a_step_that_does_not_apply_is_refused(self, staff_client, finder):
        item = PartnershipRequestFactory(status=RequestStatus.OPEN)
        response = staff_client.get(f"/admin/twinning/requests/{item.pk}/transition/publish/")
        assert response.status_code == 302
        unknown = staff_client.get(f"/admin/twinning/requests/{item.pk}/transition/unknown/", follow=True)
        assert unknown.status_code == 404

    def test_staff_can_close_and_reopen_but_never_add_requests(self, staff_client, finder):
        item = PartnershipRequestFactory(status=RequestStatus.OPEN)
        staff_client.post(f"/admin/twinning/requests/{item.pk}/transition/close/", {"note": "Duplicate."})
        item.refresh_from_db()
        assert item.status == "closed"
        staff_client.post(f"/admin/twinning/requests/{item.pk}/transition/reopen/", {})
        item.refresh_from_db()
        assert item.status == "open"
        assert staff_client.get("/admin/twinning/requests/new/").status_code in (302, 403)

    def test_staff_correct_a_typo_without_changing_the_status(self, staff_client, finder):
        item = PartnershipRequestFactory(status=RequestStatus.OPEN, title="Sinop seeks a partnr", sought=["tourism"])
        edit_url = f"/admin/twinning/requests/edit/{item.pk}/"
        form = BeautifulSoup(staff_client.get(edit_url).content, "html.parser").find("form", id="w-editor-form")
        data = {
            field["name"]: field.get("value", "")
            for field in form.find_all("input")
            if field.get("name") and field.get("type") not in {"checkbox", "submit"}
        }
        for select in form.find_all("select"):
            chosen = [option["value"] for option in select.find_all("option", selected=True)]
            data[select["name"]] = chosen if select.has_attr("multiple") else (chosen[0] if chosen else "")
        data.update(title="Sinop seeks a partner", description=item.description)
        response = staff_client.post(edit_url, data)
        assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(".error-message")
        item.refresh_from_db()
        assert (item.title, item.status) == ("Sinop seeks a partner", "open")
        assert list(item.themes_sought.values_list("slug", flat=True)) == ["tourism"]

    def test_editors_without_the_permission_cannot_moderate(self, client, finder, django_user_model):
        editor = django_user_model.objects.create_user("editor", "editor@example.org", "a-long-test-password")
        from django.contrib.auth.models import Permission

        editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(editor)
        item = pending()
        response = client.post(f"/admin/twinning/requests/{item.pk}/transition/publish/", {})
        assert response.status_code in (302, 403)
        item.refresh_from_db()
        assert item.status == "pending"


# The contact's signed link ------------------------------------------------------------------------------


def manage_url(item):
    return f"/twinning/manage/{manage_token(item)}/"


def manage_data(item, **overrides):
    data = {
        "authority_name": item.authority_name,
        "country": item.country.code,
        "population": str(item.population),
        "title": item.title,
        "description": item.description,
        "themes_sought": list(item.themes_sought.values_list("slug", flat=True)),
        "themes_offered": list(item.themes_offered.values_list("slug", flat=True)),
        "programme": item.programme,
        "languages": item.working_language_codes,
        "valid_from": item.valid_from.isoformat(),
        "valid_until": item.valid_until.isoformat(),
        "contact_name": item.contact_name,
        "contact_position": item.contact_position,
        "contact_email": item.contact_email,
        "action": "save",
    }
    data.update(overrides)
    return data


class TestSignedLink:
    def test_the_page_is_in_the_requests_language_with_the_request_filled_in(self, client, finder):
        item = PartnershipRequestFactory(language="tr", sought=["tourism"], languages=["tr", "en"])
        response = client.get(manage_url(item))
        assert response.status_code == 200
        assert response["Content-Language"] == "tr"
        assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
        html = soup(response)
        assert html.html["lang"] == "tr"
        assert html.find("input", {"name": "title"})["value"] == item.title
        assert html.find("input", {"name": "themes_sought", "value": "tourism"}).has_attr("checked")
        form = html.find("form", class_="twinning-form")
        assert form.find("input", {"name": "consent"}) is None  # the contact consented already

    def test_changing_themes_or_dates_keeps_the_request_online(self, client, finder):
        item = PartnershipRequestFactory(sought=["tourism"])
        response = client.post(manage_url(item), manage_data(item, themes_sought=["tourism", "water"]))
        assert response.status_code == 200
        item.refresh_from_db()
        assert item.status == "open"
        assert sorted(item.themes_sought.values_list("slug", flat=True)) == ["tourism", "water"]
        assert item.events.last().actor == "contact"

    def test_new_text_goes_back_to_the_moderators_first(self, client, finder, django_capture_on_commit_callbacks):
        item = PartnershipRequestFactory(title="Old title")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(manage_url(item), manage_data(item, title="Buy cheap watches"))
        assert response.status_code == 200
        item.refresh_from_db()
        assert (item.status, item.title) == ("pending", "Buy cheap watches")
        assert "Buy cheap watches" not in client.get(finder["en"].url).content.decode()
        [notice] = django_mail.outbox
        assert notice.to == ["staff@localhost"]

    def test_a_bad_change_is_refused_and_stores_nothing(self, client, finder):
        item = PartnershipRequestFactory(title="Old title")
        response = client.post(manage_url(item), manage_data(item, title="", themes_sought=[]))
        assert response.status_code == 400
        item.refresh_from_db()
        assert item.title == "Old title"
        assert item.themes_sought.count() == 1

    def test_marking_it_matched_keeps_it_as_an_example_without_the_contact_form(self, client, finder):
        item = PartnershipRequestFactory()
        response = client.post(manage_url(item), {"action": "match", "note": "Paired with Sinaia."})
        assert response.status_code == 200
        item.refresh_from_db()
        assert (item.status, item.outcome) == ("matched", "Paired with Sinaia.")
        detail = client.get(finder["en"].url + f"requests/{item.pk}/")
        assert detail.status_code == 200
        assert "Paired with Sinaia." in detail.content.decode()
        assert soup(detail).find("form", action=re.compile("/contact/")) is None
        assert item.title not in client.get(finder["en"].url).content.decode()  # only open requests are listed

    def test_closing_takes_it_off_the_site(self, client, finder):
        item = PartnershipRequestFactory()
        client.post(manage_url(item), {"action": "close"})
        item.refresh_from_db()
        assert item.status == "closed"
        assert client.get(finder["en"].url + f"requests/{item.pk}/").status_code == 404
        page = soup(client.get(manage_url(item)))
        assert page.find("input", {"name": "title"}) is None  # nothing left to change
        # Closing again, or saving, changes nothing.
        assert client.post(manage_url(item), {"action": "close"}).status_code == 409
        assert client.post(manage_url(item), manage_data(item)).status_code == 400

    @pytest.mark.parametrize("action", ["delete", "publish", ""])
    def test_unknown_actions_change_nothing(self, client, finder, action):
        item = PartnershipRequestFactory()
        assert client.post(manage_url(item), {"action": action}).status_code == 400
        item.refresh_from_db()
        assert item.status == "open"

    def test_a_tampered_expired_or_orphaned_link_does_not_work(self, client, finder, settings):
        item = PartnershipRequestFactory()
        token = manage_token(item)
        assert client.get(f"/twinning/manage/{token[:-2]}xx/").status_code == 400
        assert client.get("/twinning/manage/not-a-token/").status_code == 400
        settings.TWINNING_MANAGE_LINK_MAX_AGE = -1
        expired = client.get(f"/twinning/manage/{token}/")
        assert expired.status_code == 400
        assert "expired" in expired.content.decode()
        settings.TWINNING_MANAGE_LINK_MAX_AGE = 3600
        item.delete()
        assert client.get(f"/twinning/manage/{token}/").status_code == 404

    def test_the_contact_can_ask_for_a_new_link_and_nobody_else_learns_the_address(
        self, client, finder, django_capture_on_commit_callbacks
    ):
        item = PartnershipRequestFactory(contact_email="Ayse@Sinop.example", language="tr")
        url = f"/twinning/requests/{item.pk}/link/{finder['en'].pk}/"
        with django_capture_on_commit_callbacks(execute=True):
            wrong = client.post(url, {"email": "someone@else.example"})
            right = client.post(url, {"email": "ayse@sinop.example"})
        assert wrong.status_code == right.status_code == 200
        assert (
            soup(wrong).find(class_="notice--success").get_text()
            == soup(right).find(class_="notice--success").get_text()
        )
        [message] = django_mail.outbox
        assert message.to == ["Ayse@Sinop.example"]
        assert client.get(manage_path(message.body)).status_code == 200
