"""Sending an issue: test first, each language its version, batches, crashes, a server that is down."""

import io
import re
from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail as django_mail
from django.core.mail.backends import smtp
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from core import mail
from core.models import OutgoingEmail
from core.translation import synchronise_trees, translate
from network.newsletter import sending
from network.newsletter.models import Delivery, NewsletterSend, Subscriber
from tests.agenda_factories import AgendaIndexPageFactory, EventPageFactory
from tests.factories import locale
from tests.news_factories import NewsIndexPageFactory, NewsPageFactory
from tests.newsletter_factories import NewsletterIndexPageFactory, NewsletterIssuePageFactory, SubscriberFactory
from tests.smtp_sink import closed_port_fixture, smtp_settings, smtp_sink_fixture, start_sink  # noqa: F401

pytestmark = pytest.mark.django_db

Status = OutgoingEmail.Status
LANGUAGES = ["en", "tr", "tk", "ru"]

TITLE = "TWIN newsletter: study visit to Belgium and the Netherlands"
TITLE_TR = "TWIN bülteni: Belçika ve Hollanda'da bilgi alışverişi"
INTRO = "The Turkey-EU Town Twinning project visited Brussels, The Hague, Schiedam and Den Bosch."
INTRO_TR = "Türkiye-AB Şehir Eşleştirme Projesi Brüksel, Lahey, Schiedam ve Den Bosch'u ziyaret etti."
PARAGRAPH = "<p>The delegation met the <b>Covenant of Mayors</b> office and the Committee of the Regions.</p>"
PARAGRAPH_TR = "Heyet <b>Belediye Başkanları Sözleşmesi</b> ofisi ve Bölgeler Komitesi ile görüştü."


@pytest.fixture
def issue(site_tree):
    """An issue in English, translated into Turkish; Turkmen and Russian readers get the English."""
    home = site_tree["en"]
    news = NewsPageFactory(parent=NewsIndexPageFactory(parent=home), title="Mid-term evaluation workshop in Ankara")
    event = EventPageFactory(parent=AgendaIndexPageFactory(parent=home), title="Twinning workshop in Muğla")
    index = NewsletterIndexPageFactory(parent=home)
    page = NewsletterIssuePageFactory(
        parent=index,
        title=TITLE,
        slug="autumn-2019",
        introduction=INTRO,
        body=[
            ("heading", {"text": "Study visit", "level": "h2"}),
            ("paragraph", PARAGRAPH),
            ("news_item", {"page": news, "summary": ""}),
            ("event", {"page": event, "summary": "Registration is open."}),
        ],
    )
    synchronise_trees()
    translate(
        page,
        locale("tr"),
        {
            TITLE: TITLE_TR,
            "autumn-2019": "sonbahar-2019",
            INTRO: INTRO_TR,
            "Study visit": "Çalışma ziyareti",
            "The delegation met the <b>Covenant of Mayors</b> office and the Committee of the Regions.": PARAGRAPH_TR,
        },
    )
    page.refresh_from_db()
    return page


def make_subscribers(count, languages=LANGUAGES):
    """`count` confirmed subscribers, spread over `languages`, created in one query."""
    now = timezone.now()
    Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=f"reader{n}@example.org",
                email_key=f"reader{n}@example.org",
                language=languages[n % len(languages)],
                status=Subscriber.Status.CONFIRMED,
                confirmed_at=now,
                consent_at=now,
                consent_version="test",
            )
            for n in range(count)
        ]
    )
    return list(Subscriber.objects.order_by("pk"))


def start(issue, user, capture):
    sending.send_test(issue, user)
    with capture(execute=True):
        return sending.start_send(issue, user)


@pytest.fixture
def staff(admin_user):
    return admin_user


class TestTestSend:
    def test_the_real_send_needs_a_test_first(self, issue, staff):
        with pytest.raises(sending.SendError):
            sending.start_send(issue, staff)
        assert not Delivery.objects.exists()

    def test_the_test_goes_to_the_staff_member_in_every_language(
        self, issue, staff, django_capture_on_commit_callbacks
    ):
        make_subscribers(8)
        with django_capture_on_commit_callbacks(execute=True):
            sending.send_test(issue, staff)
        assert [m.to for m in django_mail.outbox] == [["admin@example.org"]] * 4
        subjects = [m.subject for m in django_mail.outbox]
        assert subjects[0] == f"[Test] {TITLE}"
        assert TITLE_TR in subjects[1]
        assert all(TITLE in subject for subject in subjects[2:])
        assert not Delivery.objects.exists()  # nobody else received anything
        send = NewsletterSend.objects.get()
        assert (send.status, send.test_sent_to) == (NewsletterSend.Status.DRAFT, "admin@example.org")

    def test_an_issue_is_sent_only_once(self, issue, staff, django_capture_on_commit_callbacks):
        make_subscribers(3)
        start(issue, staff, django_capture_on_commit_callbacks)
        with pytest.raises(sending.SendError):
            sending.start_send(issue, staff)
        # Starting from another language version is the same issue.
        with pytest.raises(sending.SendError):
            sending.start_send(issue.get_translation(locale("tr")), staff)
        assert Delivery.objects.count() == 3


class TestLanguageVersions:
    def test_each_reader_gets_the_version_of_their_language_or_english(
        self, issue, staff, django_capture_on_commit_callbacks
    ):
        readers = make_subscribers(4)
        start(issue, staff, django_capture_on_commit_callbacks)
        by_reader = {m.to[0]: m for m in django_mail.outbox}
        assert set(by_reader) == {reader.email for reader in readers}

        english, turkish, turkmen, russian = (by_reader[reader.email] for reader in readers)
        assert english.subject == TITLE
        assert turkish.subject == TITLE_TR
        assert turkmen.subject == russian.subject == TITLE

        turkish_html = turkish.alternatives[0].content
        assert '<html lang="tr"' in turkish_html
        assert "Belediye Başkanları Sözleşmesi" in turkish_html
        assert "not yet available in your language" not in turkish_html

        turkmen_html = turkmen.alternatives[0].content
        assert '<html lang="tk"' in turkmen_html
        assert '<div lang="en">' in turkmen_html
        assert "Covenant of Mayors" in turkmen_html
        assert "http://testserver/tk/newsletter/autumn-2019/" in turkmen_html  # read online, in Turkmen

        assert {d.language: d.content_language for d in Delivery.objects.all()} == {
            "en": "en",
            "tr": "tr",
            "tk": "en",
            "ru": "en",
        }

    def test_the_email_pulls_in_the_news_item_and_the_event(self, issue, staff, django_capture_on_commit_callbacks):
        make_subscribers(1)
        start(issue, staff, django_capture_on_commit_callbacks)
        [message] = django_mail.outbox
        html, text = message.alternatives[0].content, message.body
        assert "Mid-term evaluation workshop in Ankara" in html
        assert "The mid-term evaluation workshop took place in Ankara." in html  # its introduction
        assert "Twinning workshop in Muğla" in html
        assert "Registration is open." in html  # the summary written in the issue wins
        assert 'href="http://testserver/en/news/' in html
        # The plain-text version has the same content, links spelled out.
        assert "Mid-term evaluation workshop in Ankara" in text
        assert re.search(r"<http://testserver/en/agenda/[^>]+>", text)
        assert "<" not in text.replace("<http", "")  # no markup left

    def test_every_issue_email_offers_one_click_unsubscribe(self, issue, staff, django_capture_on_commit_callbacks):
        readers = make_subscribers(4)
        start(issue, staff, django_capture_on_commit_callbacks)
        for message in django_mail.outbox:
            assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
            url = message.extra_headers["List-Unsubscribe"].strip("<>")
            assert url.startswith("http://testserver/newsletter/unsubscribe/")
            assert sending.TOKEN not in message.body + message.alternatives[0].content
            assert url in message.body  # the same link in the text
        message = next(m for m in django_mail.outbox if m.to == [readers[1].email])
        url = message.extra_headers["List-Unsubscribe"].strip("<>").removeprefix("http://testserver")
        response = Client(enforce_csrf_checks=True).post(
            url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 200
        assert Subscriber.objects.get(pk=readers[1].pk).status == Subscriber.Status.UNSUBSCRIBED
        assert Subscriber.objects.get(pk=readers[2].pk).status == Subscriber.Status.CONFIRMED

    def test_only_confirmed_subscribers_receive_it(self, issue, staff, django_capture_on_commit_callbacks):
        SubscriberFactory(email="pending@example.org", pending=True)
        SubscriberFactory(email="gone@example.org", unsubscribed=True)
        SubscriberFactory(email="reader@example.org")
        start(issue, staff, django_capture_on_commit_callbacks)
        assert [m.to for m in django_mail.outbox] == [["reader@example.org"]]

    def test_a_language_the_site_no_longer_offers_gets_english(self, issue, staff, django_capture_on_commit_callbacks):
        SubscriberFactory(email="uk@example.org", language="uk")
        start(issue, staff, django_capture_on_commit_callbacks)
        [message] = django_mail.outbox
        assert message.subject == TITLE
        assert Delivery.objects.get().language == "en"


class WorkerDied(BaseException):
    """The process stops: not an error the code handles, like a kill or a power cut."""


class DyingSmtpBackend(smtp.EmailBackend):
    """Delivers through SMTP, then the worker dies right after the server accepted message N."""

    deaths_after = None
    delivered = 0

    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        DyingSmtpBackend.delivered += sent
        if DyingSmtpBackend.deaths_after and DyingSmtpBackend.delivered >= DyingSmtpBackend.deaths_after:
            DyingSmtpBackend.deaths_after = None
            raise WorkerDied
        return sent


class TestBigSendInterruptedAndResumed:
    @pytest.mark.slow
    def test_a_thousand_subscribers_in_four_languages_get_exactly_one_each(
        self, issue, staff, smtp_sink, django_capture_on_commit_callbacks
    ):
        readers = make_subscribers(1000)
        sending.send_test(issue, staff)
        smtp_sink.clear()

        DyingSmtpBackend.delivered = 0
        DyingSmtpBackend.deaths_after = 437  # in the middle of the fifth batch of 100
        with (
            override_settings(EMAIL_BACKEND="tests.test_newsletter_sending.DyingSmtpBackend"),
            django_capture_on_commit_callbacks(execute=True),
        ):
            send = sending.start_send(issue, staff)

        # The worker died: 437 delivered, the rest of the fifth batch planned, nobody after that.
        assert len(smtp_sink.messages) == 437
        send.refresh_from_db()
        assert send.status == NewsletterSend.Status.SENDING
        assert Delivery.objects.count() == 500
        assert OutgoingEmail.objects.filter(purpose="newsletter-issue", status=Status.SENDING).count() == 1

        # Restart: the stale "sending" email is known to be uncertain, then staff resume.
        assert mail.mark_interrupted(older_than=0) == 1
        with django_capture_on_commit_callbacks(execute=True):
            assert sending.resume(send)

        received = Counter(address for m in smtp_sink.messages for address in m.envelope_to)
        assert len(received) == 1000
        assert set(received.values()) == {1}
        assert Delivery.objects.count() == 1000
        assert Delivery.objects.values("subscriber").distinct().count() == 1000
        send.refresh_from_db()
        assert send.status == NewsletterSend.Status.DONE

        languages = Counter(Delivery.objects.values_list("language", flat=True))
        assert languages == {"en": 250, "tr": 250, "tk": 250, "ru": 250}
        turkish_reader = readers[1]
        [turkish] = smtp_sink.to(turkish_reader.email)
        assert turkish.message["Subject"].strip() == TITLE_TR

        progress = sending.progress(send)
        assert progress["counts"][Status.SENT] == 999
        assert progress["counts"][Status.INTERRUPTED] == 1
        assert progress["remaining"] == 0

    def test_a_crash_between_planning_and_delivery_loses_nobody(self, issue, staff, django_capture_on_commit_callbacks):
        make_subscribers(30)
        sending.send_test(issue, staff)
        django_mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=False):
            send = sending.start_send(issue, staff)  # the task is never run: the worker died
        planned = sending.plan_batch(send, 12, sending.IssueRenderer(issue))
        assert len(planned) == 12 and django_mail.outbox == []

        with django_capture_on_commit_callbacks(execute=True):
            sending.resume(send)
        assert sorted(m.to[0] for m in django_mail.outbox) == sorted(f"reader{n}@example.org" for n in range(30))
        assert Delivery.objects.count() == 30

    def test_two_workers_on_the_same_send_still_send_once(self, issue, staff, django_capture_on_commit_callbacks):
        make_subscribers(25)
        sending.send_test(issue, staff)
        django_mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=False):
            send = sending.start_send(issue, staff)
        renderer = sending.IssueRenderer(issue)
        first = sending.plan_batch(send, 10, renderer)
        second = sending.plan_batch(send, 10, renderer)  # another worker plans the next ten
        assert not set(first) & set(second)
        mail.deliver_many(first + second)
        mail.deliver_many(first)  # a retried task delivers the first batch again
        while sending.process_batch(send.pk, size=10):
            pass
        assert Counter(m.to[0] for m in django_mail.outbox) == {f"reader{n}@example.org": 1 for n in range(25)}


class TestResumeCommand:
    def test_a_stalled_send_is_resumed_and_a_progressing_one_left_alone(
        self, issue, staff, django_capture_on_commit_callbacks
    ):
        make_subscribers(5)
        sending.send_test(issue, staff)
        django_mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=False):
            send = sending.start_send(issue, staff)  # the task was lost with its worker

        out = io.StringIO()
        call_command("resume_newsletter_sends", stdout=out)
        assert "No stalled newsletter send." in out.getvalue()  # started just now: not stalled yet

        NewsletterSend.objects.filter(pk=send.pk).update(started_at=timezone.now() - timedelta(hours=1))
        with django_capture_on_commit_callbacks(execute=True):
            call_command("resume_newsletter_sends", stdout=out)
        assert f"Resumed: {TITLE}" in out.getvalue()
        assert len(django_mail.outbox) == 5
        send.refresh_from_db()
        assert send.status == NewsletterSend.Status.DONE


class TestMailServerDown:
    def test_failures_are_recorded_visible_and_retried_later(
        self, issue, staff, closed_port, client, django_capture_on_commit_callbacks
    ):
        make_subscribers(20)
        send = start(issue, staff, django_capture_on_commit_callbacks)
        send.refresh_from_db()
        assert send.status == NewsletterSend.Status.DONE  # everyone planned, nothing left waiting
        assert Delivery.objects.count() == 20
        issue_emails = OutgoingEmail.objects.filter(purpose="newsletter-issue")
        assert set(issue_emails.values_list("status", flat=True)) == {Status.FAILED}
        assert "ConnectionRefusedError" in issue_emails.first().last_error

        client.force_login(staff)
        page = client.get(reverse("newsletter_issue_send", args=[issue.pk])).content.decode()
        assert '<td data-count="failed">20</td>' in page
        assert "ConnectionRefusedError" in page

        sink, controller = start_sink()
        try:
            with smtp_settings(sink.port):
                issue_emails.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
                call_command("send_pending_emails", stdout=io.StringIO())
        finally:
            controller.stop()
        received = Counter(m.envelope_to[0] for m in sink.messages)
        assert received.pop("admin@example.org") == 4  # the test send had failed too
        assert received == {f"reader{n}@example.org": 1 for n in range(20)}
        page = client.get(reverse("newsletter_issue_send", args=[issue.pk])).content.decode()
        assert '<td data-count="sent">20</td>' in page
        assert '<td data-count="failed">0</td>' in page


class TestDatabaseQueue:
    # The worker commits and closes connections as in production: a transactional test.
    @pytest.mark.django_db(transaction=True, serialized_rollback=True)
    @override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}, NEWSLETTER_BATCH_SIZE=10)
    def test_each_batch_is_a_task_of_the_queue(self, issue, staff, django_capture_on_commit_callbacks):
        from django_tasks_db.models import DBTaskResult

        make_subscribers(25)
        with django_capture_on_commit_callbacks(execute=True):
            sending.send_test(issue, staff)
            send = sending.start_send(issue, staff)
        assert DBTaskResult.objects.filter(task_path="network.newsletter.sending.send_newsletter").count() == 1
        assert Delivery.objects.count() == 0  # nothing happens in the request

        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
        batches = DBTaskResult.objects.filter(task_path="network.newsletter.sending.send_newsletter")
        assert batches.count() == 4  # three batches of ten or less, then the one that finds nothing left
        send.refresh_from_db()
        assert send.status == NewsletterSend.Status.DONE
        issue_messages = [m for m in django_mail.outbox if not m.subject.startswith("[Test]")]
        assert Counter(m.to[0] for m in issue_messages) == {f"reader{n}@example.org": 1 for n in range(25)}

    @override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
    def test_sending_to_ten_thousand_subscribers_blocks_no_request(
        self, client, issue, staff, django_capture_on_commit_callbacks, django_assert_max_num_queries
    ):
        """Production's queue: the staff member's request stores one task and answers; the worker sends."""
        from django_tasks_db.models import DBTaskResult

        make_subscribers(10_000)
        with django_capture_on_commit_callbacks(execute=True):
            sending.send_test(issue, staff)
        client.force_login(staff)

        with django_assert_max_num_queries(30), django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("newsletter_issue_send", args=[issue.pk]), {"action": "send"})

        assert response.status_code == 302
        assert DBTaskResult.objects.filter(task_path="network.newsletter.sending.send_newsletter").count() == 1
        assert not Delivery.objects.exists()
        assert not OutgoingEmail.objects.filter(purpose="newsletter-issue").exists()


class TestAdminPage:
    def test_staff_test_then_send_then_watch_progress(self, client, issue, staff, django_capture_on_commit_callbacks):
        make_subscribers(6)
        client.force_login(staff)
        url = reverse("newsletter_issue_send", args=[issue.pk])
        page = client.get(url).content.decode()
        assert "Send to 6 subscribers" in page
        assert re.search(r'<button type="submit" class="button" disabled>\s*Send to 6', page)

        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, {"action": "send"})
        assert not Delivery.objects.exists()

        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(url, {"action": "test"}).status_code == 302
        assert len(django_mail.outbox) == 4
        page = client.get(url).content.decode()
        assert "Last test sent to admin@example.org" in page
        assert not re.search(r"disabled>\s*Send to 6", page)

        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, {"action": "send"})
        assert len(django_mail.outbox) == 10
        page = client.get(url).content.decode()
        assert '<td data-count="sent">6</td>' in page
        assert "Finished on" in page

    def test_the_send_page_is_linked_from_the_issue_in_the_page_editor(self, client, issue, staff):
        client.force_login(staff)
        editor = client.get(reverse("wagtailadmin_pages:edit", args=[issue.pk])).content.decode()
        assert reverse("newsletter_issue_send", args=[issue.pk]) in editor

    def test_people_without_the_permission_cannot_send(self, client, issue, django_user_model):
        from django.contrib.auth.models import Permission

        editor = django_user_model.objects.create_user("editor", "editor@example.org", "a-long-test-password")
        editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(editor)
        response = client.post(reverse("newsletter_issue_send", args=[issue.pk]), {"action": "test"})
        assert (response.status_code, response.url) == (302, "/admin/")
        assert not NewsletterSend.objects.exists()

    def test_an_unknown_issue_is_not_found(self, client, staff, site_tree):
        client.force_login(staff)
        # (LocaleMiddleware first tries the address with a language prefix, which is not found either.)
        assert client.get(reverse("newsletter_issue_send", args=[987654]), follow=True).status_code == 404


def test_staff_retry_the_failed_deliveries_of_a_send_from_its_page(
    client, issue, staff, closed_port, django_capture_on_commit_callbacks
):
    make_subscribers(3)
    send = start(issue, staff, django_capture_on_commit_callbacks)
    client.force_login(staff)
    sink, controller = start_sink()
    try:
        with smtp_settings(sink.port), django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("newsletter_issue_send", args=[issue.pk]), {"action": "retry"})
    finally:
        controller.stop()
    assert response.status_code == 302
    assert sorted(m.envelope_to[0] for m in sink.messages) == [f"reader{n}@example.org" for n in range(3)]
    assert sending.progress(send)["counts"][Status.SENT] == 3
