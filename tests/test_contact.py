"""The contact page: its form in every language, each bad input, spam defences, rate limits, the
message stored before any email, the relay to each topic's staff address and the acknowledgement
in the visitor's language, and the messages in the admin."""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from core import mail
from core.models import OutgoingEmail
from core.translation import translate
from home.models import HomePage
from legal.models import PrivacyNoticePage
from network.contact.models import ContactMessage, ContactPage, ContactTopic
from tests.database import fresh, keys, rolled_back
from tests.factories import StandardPageFactory, locale
from tests.smtp_sink import closed_port_fixture, smtp_settings, smtp_sink_fixture, start_sink  # noqa: F401

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_contact"),
]

LANGUAGES = ["en", "tr", "tk", "ru"]
TOPICS = [("Joining the network", "join@staff.example"), ("Press", "press@staff.example")]
TRANSLATIONS = {
    "tr": {"Contact": "İletişim", "contact": "iletisim", "Joining the network": "Ağa katılım", "Press": "Basın"},
    "tk": {
        "Contact": "Habarlaşmak",
        "contact": "habarlasmak",
        "Joining the network": "Ulgama goşulmak",
        "Press": "Metbugat",
    },
    "ru": {"Contact": "Контакты", "contact": "kontakty", "Joining the network": "Вступление в сеть", "Press": "Пресса"},
}
NOTICE_TITLES = {"tr": "Gizlilik bildirimi", "tk": "Gizlinlik bildirişi", "ru": "Уведомление о конфиденциальности"}


@pytest.fixture(scope="module")
def contact_keys(shared_site_tree, django_db_blocker):
    """The contact page in every language, and a privacy notice in every language, built once."""
    with rolled_back(django_db_blocker):
        home = HomePage.objects.get(pk=shared_site_tree["en"])
        page = ContactPage(
            title="Contact",
            slug="contact",
            introduction="Write to the network's office.",
            topics=[ContactTopic(name=name, email=email) for name, email in TOPICS],
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        notice = PrivacyNoticePage(
            title="Privacy notice",
            slug="privacy",
            controller_name="Network office",
            controller_address="Ankara",
            controller_email="info@network.example",
            updated_on="2026-12-07",
        )
        home.add_child(instance=notice)
        notice.save_revision().publish()
        built = {"en": page, "notice-en": notice}
        for code in ("tr", "tk", "ru"):
            built[code] = translate(page, locale(code), TRANSLATIONS[code])
            built[f"notice-{code}"] = translate(notice, locale(code), {"Privacy notice": NOTICE_TITLES[code]})
        yield keys(built)


@pytest.fixture
def pages(contact_keys):
    return fresh(contact_keys)


def topic_of(page, name_index=0):
    return page.topics.order_by("sort_order")[name_index]


def valid(page, **changes):
    data = {
        "name": "Ayşe Yılmaz",
        "email": "ayse@belediye.example",
        "organisation": "Muğla Büyükşehir Belediyesi",
        "topic": str(topic_of(page).pk),
        "message": "Merhaba, eylem planımızın izlenmesi hakkında bir sorumuz var.",
        "consent": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def submit_url(page):
    return f"/contact/{page.pk}/"


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def in_language(language, text):
    with translation.override(language):
        return gettext(text)


def field_errors(response, name):
    html = soup(response)
    control = html.find(attrs={"name": name})
    assert control is not None, name
    block = control.find_parent(class_="form-field")
    return " ".join(item.get_text() for item in block.select(".errorlist li"))


class TestThePage:
    @pytest.mark.parametrize("language", LANGUAGES)
    def test_the_form_speaks_the_pages_language_and_posts_to_the_language_free_endpoint(self, client, pages, language):
        page = pages[language]
        response = client.get(page.url)
        assert response.status_code == 200
        html = soup(response)
        assert html.html["lang"] == language
        form = html.find("form", class_="contact-form")
        assert form["action"] == submit_url(page)
        options = [option.get_text() for option in form.find("select", attrs={"name": "topic"}).find_all("option")]
        expected = [TRANSLATIONS.get(language, {}).get(name, name) for name, _email in TOPICS]
        assert options[1:] == expected
        assert in_language(language, "Send the message") in form.find("button").get_text()

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_the_consent_links_to_the_privacy_notice_of_the_pages_language(self, client, pages, language):
        html = soup(client.get(pages[language].url))
        notice = pages[f"notice-{language}"]
        link = html.find("a", href=f"{notice.url}#purpose-contact")
        assert link is not None
        assert link.get_text() == notice.title

    def test_an_editor_may_choose_another_notice(self, client, pages):
        other = StandardPageFactory(parent=pages["en"].get_parent(), title="Legal notice", slug="legal")
        page = pages["tr"]
        page.privacy_page = other
        page.save_revision().publish()
        html = soup(client.get(page.url))
        assert html.find("a", href=f"{other.url}#purpose-contact") is not None  # not translated: the English one

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_the_page_renders_in_a_fixed_small_number_of_queries(self, client, pages, language):
        url = pages[language].url
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) <= 12

    def test_the_thank_you_route_uses_the_pages_text(self, client, pages):
        page = pages["ru"]
        response = client.get(page.url + "thanks/")
        assert response.status_code == 200
        with translation.override("ru"):
            assert gettext("Thank you") in soup(response).find("h1").get_text()

    def test_without_recaptcha_keys_there_is_no_captcha(self, client, pages):
        html = client.get(pages["en"].url).content.decode()
        assert "g-recaptcha" not in html


class TestGoodInput:
    def test_the_message_is_stored_relayed_to_the_topic_and_acknowledged_in_the_visitors_language(
        self, client, pages, smtp_sink, django_capture_on_commit_callbacks
    ):
        page = pages["tr"]
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(submit_url(page), valid(page))
        assert response.status_code == 302
        assert response["Location"] == page.url + "thanks/"

        message = ContactMessage.objects.get()
        assert (message.name, message.email, message.organisation) == (
            "Ayşe Yılmaz",
            "ayse@belediye.example",
            "Muğla Büyükşehir Belediyesi",
        )
        assert message.language == "tr"
        assert message.topic_name == "Ağa katılım"
        assert message.relayed_to == "join@staff.example"
        assert message.status == ContactMessage.Status.NEW
        assert message.consented_at is not None

        relay, acknowledgement = sorted(
            smtp_sink.messages, key=lambda received: received.envelope_to[0] != "join@staff.example"
        )
        assert relay.envelope_to == ["join@staff.example"]
        assert relay.message["Reply-To"] == "ayse@belediye.example"
        assert "eylem planımızın izlenmesi" in relay.text
        assert reverse("contact_messages:inspect", args=[message.pk]) in relay.text

        assert acknowledgement.envelope_to == ["ayse@belediye.example"]
        assert acknowledgement.message["Subject"] == in_language("tr", "We received your message")
        assert "Ağa katılım" in acknowledgement.text
        # The acknowledgement does not repeat the message: the form must not send any text to any address.
        assert "eylem planımızın izlenmesi" not in acknowledgement.text + acknowledgement.html

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_every_language_sends_its_acknowledgement_in_that_language(
        self, client, pages, language, django_capture_on_commit_callbacks
    ):
        page = pages[language]
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(submit_url(page), valid(page)).status_code == 302
        acknowledgement = OutgoingEmail.objects.get(purpose="contact-acknowledgement")
        relay = OutgoingEmail.objects.get(purpose="contact-relay")
        assert acknowledgement.language == language
        assert acknowledgement.subject == in_language(language, "We received your message")
        assert relay.language == "en"  # staff read the site's source language
        assert ContactMessage.objects.get().language == language

    @pytest.mark.parametrize("index", [0, 1])
    def test_each_topic_is_relayed_to_its_own_address(self, client, pages, index, django_capture_on_commit_callbacks):
        page = pages["ru"]
        with django_capture_on_commit_callbacks(execute=True):
            client.post(submit_url(page), valid(page, topic=str(topic_of(page, index).pk)))
        relay = OutgoingEmail.objects.get(purpose="contact-relay")
        assert relay.to == TOPICS[index][1]
        assert relay.reply_to == "ayse@belediye.example"

    def test_the_organisation_is_optional(self, client, pages):
        page = pages["en"]
        assert client.post(submit_url(page), valid(page, organisation=None)).status_code == 302
        assert ContactMessage.objects.get().organisation == ""

    def test_control_characters_are_removed_and_line_breaks_kept(self, client, pages):
        page = pages["en"]
        data = valid(page, name="Ayşe\x1b[31m  Yılmaz\x07", message="First line\r\nsecond \u202eline\x0c here.")
        assert client.post(submit_url(page), data).status_code == 302
        message = ContactMessage.objects.get()
        assert message.name == "Ayşe [31m Yılmaz"
        assert message.message == "First line\nsecond line here."


BAD_INPUT = [
    ("name", "", "Enter your name."),
    ("name", "   \t ", "Enter your name."),
    ("name", "x" * 201, "Ensure this value has at most 200 characters (it has 201)."),
    ("email", "", "Enter your email address."),
    ("email", "ayse@", "Enter an email address such as name@example.org."),
    ("email", "ayse@example.org\nBcc: victim@example.org", "Enter an email address such as name@example.org."),
    ("topic", "", "Choose a topic."),
    ("topic", "999999", "Choose one of the topics of the list."),
    ("topic", "not-a-number", "Choose one of the topics of the list."),
    ("message", "", "Write your message."),
    ("message", "Hi there", "Your message is too short: write at least 10 characters."),
    ("message", "x" * 5001, "Your message is too long: 5001 characters, at most 5000."),
    ("message", "A message with a \x00 NUL byte inside it.", "Null characters are not allowed."),
    ("consent", None, "We can only answer your message with your consent."),
]


#: The messages of the form itself; the others (lengths, NUL bytes) come from Django.
OWN_MESSAGES = {
    "Enter your name.",
    "Enter your email address.",
    "Enter an email address such as name@example.org.",
    "Choose a topic.",
    "Choose one of the topics of the list.",
    "Write your message.",
    "We can only answer your message with your consent.",
}


class TestBadInput:
    @pytest.mark.parametrize("language", ["en", "tr"])
    @pytest.mark.parametrize(("name", "value", "error"), BAD_INPUT)
    def test_each_bad_input_is_refused_in_the_pages_language_with_the_rest_kept(
        self, client, pages, language, name, value, error, django_capture_on_commit_callbacks
    ):
        page = pages[language]
        data = valid(page, **{name: value})
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(submit_url(page), data)
        assert response.status_code == 200
        assert not ContactMessage.objects.exists()
        assert not OutgoingEmail.objects.exists()
        errors = field_errors(response, name)
        if language == "en" or error in OWN_MESSAGES:
            assert in_language(language, error) in errors
        else:
            assert errors  # Django's own message, in Django's catalogue
        html = soup(response)
        assert html.find(id="form-errors") is not None
        if name != "organisation":
            assert html.find(attrs={"name": "organisation"})["value"] == "Muğla Büyükşehir Belediyesi"

    def test_a_topic_of_another_page_is_refused(self, client, pages):
        english_topic = topic_of(pages["en"])
        response = client.post(submit_url(pages["tr"]), valid(pages["tr"], topic=str(english_topic.pk)))
        assert response.status_code == 200
        assert field_errors(response, "topic")
        assert not ContactMessage.objects.exists()

    @pytest.mark.parametrize(
        "data",
        [
            {},
            {"topic": ["1", "2"], "name": ["a", "b"]},
            {"email": "a" * 10000 + "@example.org", "message": "é" * 100000},
        ],
    )
    def test_hostile_posts_get_the_form_back_never_a_server_error(self, client, pages, data):
        response = client.post(submit_url(pages["en"]), data)
        assert response.status_code == 200
        assert not ContactMessage.objects.exists()

    def test_a_body_that_is_not_utf8_gets_the_form_back(self, client, pages):
        body = b"name=%FF%FE&email=a%C3@example.org&message=%ED%A0%80%ED%A0%80%ED%A0%80&consent=on"
        response = client.post(submit_url(pages["en"]), body, content_type="application/x-www-form-urlencoded")
        assert response.status_code == 200
        assert not ContactMessage.objects.exists()

    def test_a_page_that_is_not_live_cannot_be_posted_to(self, client, pages):
        page = pages["tk"]
        page.unpublish()
        response = client.post(submit_url(page), valid(page))
        # Not found; the locale middleware answers a language-free 404 with a redirect to /en/...
        assert response.status_code in {302, 404}
        assert not ContactMessage.objects.exists()

    def test_get_is_not_allowed_on_the_endpoint(self, client, pages):
        assert client.get(submit_url(pages["en"])).status_code == 405


def recaptcha_answer(payload):
    """A stand-in for Google's siteverify HTTP answer (the network call, not our form, is replaced)."""
    import json

    def answer(params):
        return io.BytesIO(json.dumps(payload).encode())

    return answer


RECAPTCHA = {"RECAPTCHA_ENABLED": True, "RECAPTCHA_PUBLIC_KEY": "site-key", "RECAPTCHA_PRIVATE_KEY": "secret-key"}


class TestSpamDefences:
    def test_a_filled_honeypot_stores_and_sends_nothing_and_says_so(self, client, pages):
        page = pages["tr"]
        response = client.post(submit_url(page), valid(page, fax_number="+1 555 0100"))
        assert response.status_code == 400
        problem = soup(response).find(id="form-problem").get_text()
        assert (
            in_language(
                "tr",
                "This message was not sent: a field meant to stay empty was filled in, as automated programs do. If you are a person, please fill in the form again.",
            )
            in problem
        )
        assert not ContactMessage.objects.exists()
        assert not OutgoingEmail.objects.exists()

    @override_settings(**RECAPTCHA)
    def test_with_keys_the_page_shows_the_captcha_in_the_pages_language(self, client, pages):
        html = client.get(pages["ru"].url).content.decode()
        assert 'class="g-recaptcha"' in html
        assert "hl=ru" in html

    @override_settings(**RECAPTCHA)
    def test_a_passed_captcha_lets_the_message_through(self, client, pages, monkeypatch):
        monkeypatch.setattr("django_recaptcha.client.recaptcha_request", recaptcha_answer({"success": True}))
        page = pages["en"]
        response = client.post(submit_url(page), {**valid(page), "g-recaptcha-response": "token"})
        assert response.status_code == 302
        assert ContactMessage.objects.count() == 1

    @override_settings(**RECAPTCHA)
    def test_a_failed_captcha_stores_nothing_and_says_so(self, client, pages, monkeypatch):
        monkeypatch.setattr(
            "django_recaptcha.client.recaptcha_request",
            recaptcha_answer({"success": False, "error-codes": ["invalid-input-response"]}),
        )
        page = pages["en"]
        response = client.post(submit_url(page), {**valid(page), "g-recaptcha-response": "forged"})
        assert response.status_code == 400
        assert "spam check failed" in soup(response).find(id="form-problem").get_text()
        assert not ContactMessage.objects.exists()

    @override_settings(**RECAPTCHA)
    def test_google_out_of_reach_is_a_message_not_a_server_error(self, client, pages, monkeypatch):
        def unreachable(params):
            raise OSError("Network is unreachable")

        monkeypatch.setattr("django_recaptcha.client.recaptcha_request", unreachable)
        page = pages["en"]
        response = client.post(submit_url(page), {**valid(page), "g-recaptcha-response": "token"})
        assert response.status_code == 400
        assert "could not check" in soup(response).find(id="id_captcha_error").get_text()
        assert not ContactMessage.objects.exists()


class TestRateLimits:
    @override_settings(CONTACT_RATE_LIMIT="2/h")
    def test_one_address_may_send_only_so_many_messages(self, client, pages):
        page = pages["tr"]
        for number in range(2):
            assert client.post(submit_url(page), valid(page, email=f"kisi{number}@example.org")).status_code == 302
        response = client.post(submit_url(page), valid(page, email="kisi3@example.org"))
        assert response.status_code == 429
        assert response["Retry-After"]
        assert (
            in_language(
                "tr",
                "Too many messages have come from your address in a short time, so this one was not sent. Please try again in an hour.",
            )
            in soup(response).find(id="form-problem").get_text()
        )
        assert soup(response).find(attrs={"name": "name"})["value"] == "Ayşe Yılmaz"
        assert ContactMessage.objects.count() == 2

    @override_settings(CONTACT_RATE_LIMIT="2/h")
    def test_one_email_address_may_receive_only_so_many_acknowledgements_from_any_address(self, client, pages):
        page = pages["en"]
        for number in range(2):
            response = client.post(submit_url(page), valid(page), REMOTE_ADDR=f"192.0.2.{number + 1}")
            assert response.status_code == 302
        response = client.post(submit_url(page), valid(page, email="AYSE@belediye.example"), REMOTE_ADDR="192.0.2.9")
        assert response.status_code == 429
        assert ContactMessage.objects.count() == 2
        assert OutgoingEmail.objects.filter(purpose="contact-acknowledgement").count() == 2


class TestMailServerDown:
    def test_the_message_is_stored_first_and_its_emails_wait_for_a_retry(
        self, client, pages, closed_port, django_capture_on_commit_callbacks
    ):
        page = pages["tr"]
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(submit_url(page), valid(page))
        assert response.status_code == 302
        assert ContactMessage.objects.count() == 1
        emails = OutgoingEmail.objects.filter(purpose__startswith="contact-")
        assert sorted(email.purpose for email in emails) == ["contact-acknowledgement", "contact-relay"]
        assert {email.status for email in emails} == {OutgoingEmail.Status.FAILED}

        sink, controller = start_sink()
        try:
            with smtp_settings(sink.port):
                for email in emails:
                    assert mail.deliver(email.pk) == OutgoingEmail.Status.SENT
        finally:
            controller.stop()
        assert sorted(received.envelope_to[0] for received in sink.messages) == [
            "ayse@belediye.example",
            "join@staff.example",
        ]


@pytest.fixture
def communications_user(django_user_model):
    user = django_user_model.objects.create_user("comms", "comms@example.org", "a-long-test-password")
    user.groups.add(Group.objects.get(name="Communications"), Group.objects.get(name="Moderators"))
    return user


def stored_message(page, **fields):
    topic = topic_of(page)
    values = {
        "name": "Ayşe Yılmaz",
        "email": "ayse@belediye.example",
        "topic": topic,
        "topic_name": topic.name,
        "relayed_to": topic.email,
        "message": "Eylem planımız hakkında bir sorumuz var.",
        "language": page.locale.language_code,
        "consented_at": "2026-12-07T10:00:00Z",
        "page": page,
    }
    values.update(fields)
    return ContactMessage.objects.create(**values)


class TestAdmin:
    def test_communications_staff_list_filter_and_export_the_messages(self, client, pages, communications_user):
        stored_message(pages["tr"])
        stored_message(pages["ru"], name="Иван Петров", topic=topic_of(pages["ru"], 1), topic_name="Пресса")
        client.force_login(communications_user)
        index = reverse("contact_messages:index")
        listing = client.get(index).content.decode()
        assert "Ayşe Yılmaz" in listing and "Иван Петров" in listing

        press = topic_of(pages["en"], 1)
        filtered = client.get(index, {"topic": str(press.translation_key)}).content.decode()
        assert "Иван Петров" in filtered and "Ayşe Yılmaz" not in filtered
        by_language = client.get(index, {"language": "tr"}).content.decode()
        assert "Ayşe Yılmaz" in by_language and "Иван Петров" not in by_language

        export = client.get(index, {"export": "csv"})
        assert export.status_code == 200
        assert export["Content-Type"].startswith("text/csv")
        body = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
        assert "Иван Петров" in body and "ayse@belediye.example" in body

    def test_staff_change_the_status_only(self, client, pages, communications_user):
        message = stored_message(pages["tr"])
        client.force_login(communications_user)
        edit = reverse("contact_messages:edit", args=[message.pk])
        response = client.post(edit, {"status": "answered", "message": "changed", "email": "x@example.org"})
        assert response.status_code == 302
        message.refresh_from_db()
        assert message.status == ContactMessage.Status.ANSWERED
        assert message.message == "Eylem planımız hakkında bir sorumuz var."
        assert message.email == "ayse@belediye.example"

    def test_nobody_adds_a_message_in_the_admin(self, client, admin_user):
        client.force_login(admin_user)
        assert client.get(reverse("contact_messages:add")).status_code in {302, 403}

    def test_the_inspect_view_shows_the_message_as_sent(self, client, pages, communications_user):
        message = stored_message(pages["tr"])
        client.force_login(communications_user)
        response = client.get(reverse("contact_messages:inspect", args=[message.pk]))
        assert response.status_code == 200
        assert "Eylem planımız hakkında bir sorumuz var." in response.content.decode()

    def test_editors_without_the_group_see_no_messages(self, client, django_user_model, pages):
        editor = django_user_model.objects.create_user("editor", "editor@example.org", "a-long-test-password")
        editor.groups.add(Group.objects.get(name="Editors"))
        client.force_login(editor)
        assert client.get(reverse("contact_messages:index")).status_code in {302, 403}
