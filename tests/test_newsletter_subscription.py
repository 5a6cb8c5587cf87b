"""Newsletter subscriptions: double opt-in against a real SMTP server, signed links, bad input."""

import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail as django_mail
from django.core import signing
from django.core.management import call_command
from django.db import connection
from django.template import Context, Template
from django.test import Client, override_settings
from django.utils import translation
from wagtail.models import Site

from core.models import OutgoingEmail
from core.translation import synchronise_trees, translate
from network.newsletter import subscriptions, tokens
from network.newsletter.models import CONSENT_VERSION, NewsletterSettings, Subscriber
from tests.factories import StandardPageFactory, locale
from tests.newsletter_factories import NewsletterIndexPageFactory, SubscriberFactory
from tests.smtp_sink import closed_port_fixture, smtp_sink_fixture  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

Status = Subscriber.Status
LINK = re.compile(r"http://testserver(/newsletter/[a-z]+/[^/\s>]+/)")


@pytest.fixture
def newsletter(site_tree):
    page = NewsletterIndexPageFactory(parent=site_tree["en"])
    translate(page, locale("tr"), {"Newsletter": "Bülten", "newsletter": "bulten"})
    synchronise_trees()
    return page


def signup(client, email="ayse@example.org", language="tr", ui_language="tr", remote_addr="127.0.0.1", **extra):
    data = {"email": email, "language": language, "consent": "on", "ui_language": ui_language, "form_name": "footer"}
    data.update(extra)
    return client.post("/newsletter/subscribe/", data, REMOTE_ADDR=remote_addr)


def link_in(text, kind):
    paths = [path for path in LINK.findall(text) if path.startswith(f"/newsletter/{kind}/")]
    assert paths, text
    return paths[0]


def subscribed(email="reader@example.org", **fields):
    return SubscriberFactory(email=email, **fields)


class TestDoubleOptIn:
    def test_the_whole_cycle_through_a_real_smtp_server(
        self, client, newsletter, smtp_sink, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = signup(client, email="Ayse@Example.org ")
        assert response.status_code == 200
        html = response.content.decode()
        assert '<html lang="tr"' in html
        assert response["Content-Language"] == "tr"
        assert "Ayse@Example.org" in html

        subscriber = Subscriber.objects.get()
        assert (subscriber.status, subscriber.language, subscriber.email_key) == (
            Status.PENDING,
            "tr",
            "ayse@example.org",
        )
        assert (subscriber.consent_version, subscriber.consent_form, subscriber.consent_language) == (
            CONSENT_VERSION,
            "footer",
            "tr",
        )
        assert subscriber.consent_at is not None

        [received] = smtp_sink.messages
        assert received.envelope_to == ["Ayse@Example.org"]
        assert received.message["Subject"]
        assert 'lang="tr"' in received.html
        assert 'style="' in received.html  # inline styles for mail clients
        confirm_path = link_in(received.text, "confirm")
        assert f'href="http://testserver{confirm_path}"' in received.html

        # Following the link shows a button; only pressing it confirms (link checkers do not).
        page = client.get(confirm_path)
        assert page.status_code == 200
        assert '<html lang="tr"' in page.content.decode()
        assert '<form method="post">' in page.content.decode()
        subscriber.refresh_from_db()
        assert subscriber.status == Status.PENDING

        confirmed = client.post(confirm_path)
        assert confirmed.status_code == 200
        subscriber.refresh_from_db()
        assert subscriber.status == Status.CONFIRMED
        first_confirmation = subscriber.confirmed_at

        # A double click changes nothing and says so.
        again = client.post(confirm_path)
        assert again.status_code == 200
        subscriber.refresh_from_db()
        assert subscriber.confirmed_at == first_confirmation
        assert 'href="http://testserver/newsletter/preferences/' in again.content.decode()

    def test_the_confirmation_email_is_in_the_chosen_language_not_the_pages(
        self, client, newsletter, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            signup(client, language="ru", ui_language="tr")
        [message] = django_mail.outbox
        html = message.alternatives[0].content
        assert '<html lang="ru"' in html
        assert OutgoingEmail.objects.get().language == "ru"


class TestSigningUpAgain:
    def test_no_duplicate_whatever_the_case_and_spaces(self, client, newsletter):
        signup(client, email="ayse@example.org")
        signup(client, email="  AYSE@example.ORG")
        assert Subscriber.objects.count() == 1

    def test_a_double_click_sends_one_email(self, client, newsletter, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            signup(client)
            signup(client)
        assert len(django_mail.outbox) == 1

    def test_the_answer_does_not_reveal_whether_the_address_is_known(self, client, newsletter):
        subscribed("known@example.org")
        known = signup(client, email="known@example.org").content.decode()
        unknown = signup(client, email="nobody@example.org").content.decode()
        assert known.replace("known@example.org", "X") == unknown.replace("nobody@example.org", "X")

    def test_a_confirmed_subscriber_is_reminded_and_left_unchanged(
        self, client, newsletter, django_capture_on_commit_callbacks
    ):
        subscriber = subscribed("known@example.org", language="en")
        with django_capture_on_commit_callbacks(execute=True):
            signup(client, email="known@example.org", language="tr")
        subscriber.refresh_from_db()
        assert (subscriber.status, subscriber.language) == (Status.CONFIRMED, "en")
        [message] = django_mail.outbox
        assert "/newsletter/preferences/" in message.body
        assert "/newsletter/confirm/" not in message.body
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    def test_an_unsubscribed_address_can_subscribe_again_with_new_consent(
        self, client, newsletter, django_capture_on_commit_callbacks
    ):
        subscriber = subscribed("back@example.org", unsubscribed=True, consent_version="2019-01")
        with django_capture_on_commit_callbacks(execute=True):
            signup(client, email="back@example.org", language="tr", form_name="page")
        subscriber.refresh_from_db()
        assert (subscriber.status, subscriber.consent_version, subscriber.consent_form) == (
            Status.PENDING,
            CONSENT_VERSION,
            "page",
        )
        assert "/newsletter/confirm/" in django_mail.outbox[0].body

    @pytest.mark.django_db(transaction=True, serialized_rollback=True)
    def test_simultaneous_signups_make_one_subscriber(self, site_tree):
        if connection.vendor == "sqlite":
            pytest.skip("SQLite serialises writers: the race needs PostgreSQL (run with DATABASE_URL=postgres://...)")

        def sign_up(_n):
            try:
                subscriptions.subscribe(email="race@example.org", language="en", form="page", consent_language="en")
            finally:
                connection.close()

        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(sign_up, range(16)))
        assert Subscriber.objects.filter(email_key="race@example.org").count() == 1
        assert OutgoingEmail.objects.filter(to="race@example.org").count() == 1


class PastSigner(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 8 * 24 * 3600)


class TestLinks:
    def test_an_expired_confirmation_link_is_explained_and_changes_nothing(self, client, newsletter):
        subscriber = subscribed(pending=True, language="tr")
        token = PastSigner(salt=tokens.CONFIRM_SALT).sign(subscriber.key.hex)
        for method in (client.get, client.post):
            response = method(f"/newsletter/confirm/{token}/")
            assert response.status_code == 400
            assert "expired" in response.content.decode()
        subscriber.refresh_from_db()
        assert subscriber.status == Status.PENDING

    @pytest.mark.parametrize(
        "tamper",
        [
            lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
            lambda token: token.split(":")[0],
            lambda token: "0" * 32 + token[32:],
            lambda token: "not-a-token",
        ],
    )
    def test_a_tampered_link_is_refused(self, client, newsletter, tamper):
        subscriber = subscribed(pending=True)
        for kind, token in (
            ("confirm", tokens.confirmation_token(subscriber)),
            ("preferences", tokens.manage_token(subscriber)),
            ("unsubscribe", tokens.manage_token(subscriber)),
        ):
            response = client.post(f"/newsletter/{kind}/{tamper(token)}/", {"action": "unsubscribe"})
            assert response.status_code == 400, kind
            assert "This link is not valid" in response.content.decode()
        subscriber.refresh_from_db()
        assert subscriber.status == Status.PENDING

    def test_a_confirmation_link_cannot_manage_and_a_management_link_cannot_confirm(self, client, newsletter):
        subscriber = subscribed(pending=True)
        assert client.post(f"/newsletter/unsubscribe/{tokens.confirmation_token(subscriber)}/").status_code == 400
        assert client.post(f"/newsletter/confirm/{tokens.manage_token(subscriber)}/").status_code == 400
        subscriber.refresh_from_db()
        assert subscriber.status == Status.PENDING

    def test_a_link_of_a_deleted_subscriber_says_so(self, client, newsletter):
        subscriber = subscribed()
        confirm, manage = tokens.confirmation_token(subscriber), tokens.manage_token(subscriber)
        subscriptions.erase(subscriber)
        for path in (f"/newsletter/confirm/{confirm}/", f"/newsletter/preferences/{manage}/"):
            response = client.get(path)
            assert response.status_code == 404
            assert "We have no subscription for this link" in response.content.decode()
        # One-click from a mail client: the address is not subscribed, which is what was asked.
        assert client.post(f"/newsletter/unsubscribe/{manage}/").status_code == 200

    def test_an_old_confirmation_link_does_not_undo_an_unsubscription(self, client, newsletter):
        subscriber = subscribed(pending=True)
        token = tokens.confirmation_token(subscriber)
        subscriptions.unsubscribe(subscriber)
        assert client.post(f"/newsletter/confirm/{token}/").status_code == 400
        subscriber.refresh_from_db()
        assert subscriber.status == Status.UNSUBSCRIBED


class TestUnsubscribe:
    def test_by_link_a_get_only_asks_and_the_post_unsubscribes_once(self, client, newsletter):
        subscriber = subscribed(language="tr")
        path = f"/newsletter/unsubscribe/{tokens.manage_token(subscriber)}/"
        page = client.get(path)
        assert page.status_code == 200
        assert '<html lang="tr"' in page.content.decode()
        subscriber.refresh_from_db()
        assert subscriber.status == Status.CONFIRMED

        assert client.post(path).status_code == 200
        subscriber.refresh_from_db()
        assert subscriber.status == Status.UNSUBSCRIBED
        when = subscriber.unsubscribed_at

        assert client.post(path).status_code == 200
        subscriber.refresh_from_db()
        assert subscriber.unsubscribed_at == when

    def test_one_click_post_from_a_mail_client_needs_no_csrf_token(
        self, newsletter, django_capture_on_commit_callbacks
    ):
        subscriber = subscribed("known@example.org")
        with django_capture_on_commit_callbacks(execute=True):
            subscriptions.subscribe(email="known@example.org", language="en", form="page", consent_language="en")
        [message] = django_mail.outbox
        url = message.extra_headers["List-Unsubscribe"].strip("<>")
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

        mail_client = Client(enforce_csrf_checks=True)
        response = mail_client.post(
            url.removeprefix("http://testserver"),
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200
        subscriber.refresh_from_db()
        assert subscriber.status == Status.UNSUBSCRIBED


class TestPreferences:
    def test_change_language(self, client, newsletter):
        subscriber = subscribed(language="en")
        path = f"/newsletter/preferences/{tokens.manage_token(subscriber)}/"
        page = client.get(path)
        assert page.status_code == 200
        assert 'name="csrfmiddlewaretoken"' in page.content.decode()
        response = client.post(path, {"action": "language", "language": "tk"})
        assert response.status_code == 200
        assert '<html lang="tk"' in response.content.decode()
        subscriber.refresh_from_db()
        assert subscriber.language == "tk"

    def test_an_unknown_language_is_refused(self, client, newsletter):
        subscriber = subscribed(language="en")
        response = client.post(
            f"/newsletter/preferences/{tokens.manage_token(subscriber)}/", {"action": "language", "language": "xx"}
        )
        assert response.status_code == 400
        assert "Please choose one of the languages of the list." in response.content.decode()
        subscriber.refresh_from_db()
        assert subscriber.language == "en"

    def test_a_subscriber_can_delete_their_address(self, client, newsletter, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            signup(client, email="erase-me@example.org")
        subscriber = Subscriber.objects.get()
        response = client.post(f"/newsletter/preferences/{tokens.manage_token(subscriber)}/", {"action": "erase"})
        assert response.status_code == 200
        assert not Subscriber.objects.exists()
        assert not OutgoingEmail.objects.exists()
        assert_address_is_nowhere("erase-me@example.org")

    def test_unknown_actions_change_nothing(self, client, newsletter):
        subscriber = subscribed()
        response = client.post(f"/newsletter/preferences/{tokens.manage_token(subscriber)}/", {"action": "explode"})
        assert response.status_code == 200
        subscriber.refresh_from_db()
        assert subscriber.status == Status.CONFIRMED


def assert_address_is_nowhere(address):
    import io

    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    assert address not in dump.getvalue().lower()


class TestBadInput:
    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"email": "not-an-address"}, "Lütfen geçerli bir e-posta adresi girin"),
            ({"email": ""}, "Lütfen e-posta adresinizi girin."),
            ({"consent": ""}, "Lütfen bülteni almayı kabul edin"),
            ({"language": "xx"}, "Lütfen listedeki dillerden birini seçin."),
        ],
    )
    def test_a_clear_message_in_the_visitors_language_and_nothing_stored(self, client, newsletter, fields, message):
        response = signup(client, **fields)
        assert response.status_code == 400
        html = response.content.decode()
        assert message in html
        assert '<html lang="tr"' in html
        assert 'aria-invalid="true"' in html
        assert not Subscriber.objects.exists()
        assert not OutgoingEmail.objects.exists()

    def test_an_english_visitor_reads_the_message_in_english(self, client, newsletter):
        response = signup(client, email="not-an-address", ui_language="en")
        assert response.status_code == 400
        html = response.content.decode()
        assert "Please enter a valid email address" in html
        assert '<html lang="en"' in html

    def test_the_form_keeps_what_was_typed(self, client, newsletter):
        html = signup(client, email="ayse@example.org", consent="").content.decode()
        assert 'value="ayse@example.org"' in html
        assert '<option value="tr" selected>' in html

    def test_a_robot_filling_the_hidden_field_gets_the_usual_answer_and_nothing_else(
        self, client, newsletter, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            robot = signup(client, email="robot@example.org", website="https://spam.example")
        human = signup(client, email="human@example.org")
        assert robot.status_code == 200
        assert robot.content.decode().replace("robot@", "X@") == human.content.decode().replace("human@", "X@")
        assert list(Subscriber.objects.values_list("email", flat=True)) == ["human@example.org"]
        assert not any("robot@" in m.to[0] for m in django_mail.outbox)

    @override_settings(NEWSLETTER_SIGNUP_RATE="3/h")
    def test_too_many_signups_from_one_address_are_refused(self, client, newsletter):
        for n in range(3):
            assert signup(client, email=f"reader{n}@example.org").status_code == 200
        refused = signup(client, email="one-too-many@example.org")
        assert refused.status_code == 429
        assert '<html lang="tr"' in refused.content.decode()
        assert not Subscriber.objects.filter(email="one-too-many@example.org").exists()
        # Another client address is not affected.
        assert signup(client, email="other@example.org", remote_addr="192.0.2.7").status_code == 200

    def test_get_on_the_form_address_leads_to_the_newsletter_page(self, client, newsletter):
        response = client.get("/newsletter/subscribe/", HTTP_ACCEPT_LANGUAGE="tr")
        assert (response.status_code, response.url) == (302, "/tr/bulten/")

    def test_other_methods_are_refused(self, client, newsletter):
        assert client.put("/newsletter/subscribe/").status_code == 405

    def test_an_unknown_interface_language_falls_back(self, client, newsletter):
        response = signup(client, ui_language="../../etc", email="bad")
        assert response.status_code == 400
        assert '<html lang="en"' in response.content.decode()


class TestRecaptcha:
    @override_settings(RECAPTCHA_ENABLED=True, RECAPTCHA_PUBLIC_KEY="public-key", RECAPTCHA_PRIVATE_KEY="private-key")
    def test_when_keys_are_set_a_signup_without_the_check_is_refused(self, client, newsletter):
        response = signup(client)
        assert response.status_code == 400
        html = response.content.decode()
        assert "Robot olmadığınızı göstermek için lütfen kutuyu işaretleyin." in html
        assert 'data-sitekey="public-key"' in html
        assert not Subscriber.objects.exists()

    @override_settings(RECAPTCHA_ENABLED=True, RECAPTCHA_PUBLIC_KEY="public-key", RECAPTCHA_PRIVATE_KEY="private-key")
    def test_the_service_being_unreachable_is_a_form_error(self, client, newsletter, monkeypatch):
        from urllib.error import URLError

        from django_recaptcha import client as recaptcha_client

        def unreachable(**kwargs):
            raise URLError("no route to www.google.com")

        monkeypatch.setattr(recaptcha_client, "submit", unreachable)
        response = signup(client, **{"g-recaptcha-response": "token"})
        assert response.status_code == 400
        assert "Robot olmadığınızı doğrulayamadık." in response.content.decode()

    def test_without_keys_there_is_no_captcha(self, client, newsletter):
        assert "g-recaptcha" not in client.get("/tr/bulten/").content.decode()


class TestFooterForm:
    def test_every_page_carries_the_form_with_its_language_preselected(self, client, newsletter, site_tree):
        page = StandardPageFactory(parent=site_tree["en"], title="About", slug="about")
        translate(page, locale("ru"), {"About": "О сети", "about": "o-seti"})
        for path, language in (("/en/about/", "en"), ("/ru/o-seti/", "ru"), ("/tk/", "tk")):
            html = client.get(path).content.decode()
            footer = html[html.index('<footer class="site-footer">') :]
            assert 'action="/newsletter/subscribe/"' in footer
            assert f'<option value="{language}" selected>' in footer
            assert f'name="ui_language" value="{language}"' in footer
            assert 'name="form_name" value="footer"' in footer

    def test_the_footer_form_keeps_pages_cacheable(self, client, newsletter):
        response = client.get("/tr/")
        assert "csrfmiddlewaretoken" not in response.content.decode()
        assert "csrftoken" not in response.cookies

    def test_the_footer_form_costs_no_query(self, django_assert_num_queries):
        template = Template("{% load newsletter_tags %}{% newsletter_footer_form %}")
        with translation.override("tk"), django_assert_num_queries(0):
            html = template.render(Context())
        assert 'id="footer-newsletter-email"' in html

    def test_the_consent_links_to_the_privacy_notice_of_the_language(self, client, newsletter, site_tree):
        legal = StandardPageFactory(parent=site_tree["en"], title="Legal notice", slug="legal-notice")
        translate(legal, locale("tr"), {"Legal notice": "Yasal uyarı", "legal-notice": "yasal-uyari"})
        settings = NewsletterSettings.for_site(Site.objects.get(is_default_site=True))
        settings.privacy_page = legal
        settings.save()
        html = client.get("/tr/").content.decode()
        assert 'href="/newsletter/privacy/?language=tr"' in html
        assert client.get("/newsletter/privacy/?language=tr").url == "/tr/yasal-uyari/"
        assert client.get("/newsletter/privacy/?language=xx").url == "/en/legal-notice/"
