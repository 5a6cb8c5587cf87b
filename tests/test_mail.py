"""Outgoing email: stored first, delivered by a task, retried after failures, visible to staff."""

from datetime import timedelta

import pytest
from django.core import mail as django_mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from core import mail
from core.models import OutgoingEmail
from tests.smtp_sink import closed_port_fixture, smtp_settings, smtp_sink_fixture, start_sink  # noqa: F401

pytestmark = pytest.mark.django_db

Status = OutgoingEmail.Status


def queue(**overrides):
    fields = {
        "to": "ayse@example.org",
        "subject": "Welcome  to\nthe network",
        "text": "Hello Ayşe,\nwelcome.",
        "html": "<p>Hello <strong>Ayşe</strong>, welcome.</p>",
        "purpose": "test-welcome",
        "language": "tr",
        "headers": {"X-Network-Purpose": "test"},
    }
    fields.update(overrides)
    return mail.queue_email(**fields)


class TestQueueing:
    def test_email_is_stored_before_anything_is_sent(self):
        email = queue()  # still inside the test transaction: the delivery waits for the commit
        email.refresh_from_db()
        assert email.status == Status.PENDING
        assert email.to == "ayse@example.org"
        assert email.subject == "Welcome to the network"  # one line, as mail headers need
        assert email.language == "tr"
        assert email.headers == {"X-Network-Purpose": "test"}
        assert django_mail.outbox == []

    def test_delivery_runs_as_a_task_after_commit(self, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            email = queue()
        email.refresh_from_db()
        assert email.status == Status.SENT
        assert email.attempts == 1
        assert email.sent_at is not None
        [message] = django_mail.outbox
        assert message.to == ["ayse@example.org"]
        assert message.extra_headers["X-Network-Purpose"] == "test"
        assert message.alternatives[0].mimetype == "text/html"

    def test_a_rolled_back_transaction_sends_nothing(self, django_capture_on_commit_callbacks):
        from django.db import transaction

        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            try:
                with transaction.atomic():
                    queue()
                    raise RuntimeError("the form submission failed")
            except RuntimeError:
                pass
        assert callbacks == []
        assert OutgoingEmail.objects.count() == 0
        assert django_mail.outbox == []


class TestSmtpDelivery:
    def test_text_and_html_versions_reach_a_real_smtp_server(self, smtp_sink, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            queue(headers={"List-Unsubscribe": "<https://example.org/u/1>"})
        [received] = smtp_sink.messages
        assert received.envelope_to == ["ayse@example.org"]
        assert received.message["Subject"] == "Welcome to the network"
        assert received.message["List-Unsubscribe"] == "<https://example.org/u/1>"
        assert received.text.strip() == "Hello Ayşe,\nwelcome."
        assert "<strong>Ayşe</strong>" in received.html

    def test_a_server_that_is_down_records_the_failure_and_a_later_retry_succeeds(
        self, closed_port, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            email = queue()
        email.refresh_from_db()
        assert email.status == Status.FAILED
        assert email.attempts == 1
        assert "ConnectionRefusedError" in email.last_error
        assert email.next_attempt_at > timezone.now()

        # Not due yet: the command leaves it alone.
        call_command("send_pending_emails", stdout=open_devnull())
        email.refresh_from_db()
        assert email.attempts == 1

        sink, controller = start_sink()
        try:
            with smtp_settings(sink.port):
                OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
                call_command("send_pending_emails", stdout=open_devnull())
        finally:
            controller.stop()
        email.refresh_from_db()
        assert email.status == Status.SENT
        assert email.attempts == 2
        assert email.last_error == ""
        assert [m.envelope_to for m in sink.messages] == [["ayse@example.org"]]

    def test_attempts_stop_at_the_configured_maximum(self, closed_port):
        email = queue(send=False)
        with override_settings(OUTGOING_EMAIL_MAX_ATTEMPTS=2):
            assert mail.deliver(email.pk) == Status.FAILED
            OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
            assert mail.send_due_emails() == {Status.FAILED: 1}
            email.refresh_from_db()
            assert email.attempts == 2
            assert email.next_attempt_at is None  # no more automatic attempts
            assert not mail.due_emails().exists()

    def test_a_batch_uses_one_connection_and_records_each_message(self, smtp_sink):
        emails = [queue(to=f"city{n}@example.org", send=False) for n in range(5)]
        outcome = mail.deliver_many([email.pk for email in emails])
        assert outcome == {Status.SENT: 5}
        assert sorted(m.envelope_to[0] for m in smtp_sink.messages) == [f"city{n}@example.org" for n in range(5)]

    def test_a_batch_against_a_server_that_is_down_fails_fast_and_completely(self, closed_port):
        emails = [queue(to=f"city{n}@example.org", send=False) for n in range(3)]
        assert mail.deliver_many([email.pk for email in emails]) == {Status.FAILED: 3}
        assert set(OutgoingEmail.objects.values_list("status", "attempts")) == {(Status.FAILED, 1)}


class TestAtMostOnce:
    def test_an_email_is_sent_once_however_often_it_is_delivered(self):
        email = queue(send=False)
        assert mail.deliver(email.pk) == Status.SENT
        assert mail.deliver(email.pk) == Status.SENT
        mail.send_due_emails()
        assert len(django_mail.outbox) == 1

    def test_an_email_claimed_by_another_worker_is_left_alone(self):
        email = queue(send=False)
        assert mail.claim(email.pk)
        assert mail.deliver(email.pk) == Status.SENDING
        assert django_mail.outbox == []

    def test_a_worker_that_died_while_sending_leaves_an_interrupted_email_that_is_not_retried(self):
        email = queue(send=False)
        mail.claim(email.pk)
        OutgoingEmail.objects.filter(pk=email.pk).update(last_attempt_at=timezone.now() - timedelta(hours=1))
        mail.send_due_emails()
        email.refresh_from_db()
        assert email.status == Status.INTERRUPTED
        assert "may have been delivered" in email.last_error
        assert django_mail.outbox == []


class TestDatabaseTaskBackend:
    @pytest.fixture
    def database_backend(self):
        with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
            yield

    # The worker commits and closes connections as in production: a transactional test.
    @pytest.mark.django_db(transaction=True, serialized_rollback=True)
    def test_the_task_waits_in_the_database_until_a_worker_runs_it(
        self, database_backend, django_capture_on_commit_callbacks
    ):
        from django_tasks_db.models import DBTaskResult

        with django_capture_on_commit_callbacks(execute=True):
            email = queue()
        assert OutgoingEmail.objects.get(pk=email.pk).status == Status.PENDING
        [task] = DBTaskResult.objects.all()
        assert task.task_path == "core.mail.deliver_email"
        assert task.args_kwargs == {"args": [email.pk], "kwargs": {}}

        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
        assert OutgoingEmail.objects.get(pk=email.pk).status == Status.SENT
        assert len(django_mail.outbox) == 1

    def test_a_failed_delivery_schedules_its_own_retry(self, database_backend, closed_port):
        from django_tasks_db.models import DBTaskResult

        email = queue(send=False)
        mail.deliver_email.call(email.pk)
        email.refresh_from_db()
        assert email.status == Status.FAILED
        [retry] = DBTaskResult.objects.all()
        assert retry.run_after == email.next_attempt_at
        assert retry.args_kwargs["args"] == [email.pk]


class TestRendering:
    def test_inline_styles_are_added_and_own_styles_win(self):
        markup = mail.inline_styles(
            '<p>Read <a href="/en/news/">the news</a> &amp; <a style="color:#fff" href="#x">more</a></p>',
            base_url="https://network.example/",
        )
        assert markup.startswith('<p style="margin:0 0 16px;')
        assert 'href="https://network.example/en/news/"' in markup
        assert 'style="color:#0b4f8a;text-decoration:underline;color:#fff" href="#x"' in markup
        assert "&amp;" in markup

    def test_a_notice_renders_as_text_and_styled_html_in_its_language(self):
        rendered = mail.render_email(
            "core/email/notice",
            {
                "subject": "Başvurunuz   alındı\n",
                "title": "Muğla's application <received>",
                "paragraphs": ["We will answer within two weeks.", "Thank you."],
                "action_url": "/tr/supporters/",
                "action_label": "See the supporters",
            },
            language="tr",
        )
        assert rendered.subject == "Başvurunuz alındı"
        assert rendered.text.startswith("Muğla's application <received>\n\nWe will answer within two weeks.\n\n")
        assert "See the supporters: /tr/supporters/" in rendered.text
        assert '<html lang="tr"' in rendered.html
        assert "Muğla&#x27;s application &lt;received&gt;" in rendered.html
        assert 'href="http://testserver/tr/supporters/"' in rendered.html
        assert '<p style="margin:0 0 16px;' in rendered.html

    def test_html_to_text_keeps_paragraphs_lists_and_link_addresses(self):
        text = mail.html_to_text(
            "<h2>Twinning</h2><p>Menteşe  is paired with <a href='https://elbasan.al/'>Elbasan</a>.</p>"
            "<ul><li>Site visits</li><li>Workshops</li></ul>"
        )
        assert text == (
            "Twinning\n\nMenteşe is paired with Elbasan <https://elbasan.al/>.\n\n- Site visits\n- Workshops"
        )


class TestStaffView:
    def test_staff_see_failed_emails_and_send_them_again(self, client, admin_user, smtp_sink):
        failed = queue(subject="Confirm your subscription", send=False)
        OutgoingEmail.objects.filter(pk=failed.pk).update(
            status=Status.FAILED, attempts=5, last_error="ConnectionRefusedError: [Errno 111] Connection refused"
        )
        queue(subject="Already sent", send=False)
        mail.send_due_emails()
        smtp_sink.clear()
        client.force_login(admin_user)

        listing = client.get(reverse("outgoing_email:index"), {"status": "failed"}).content.decode()
        assert "Confirm your subscription" in listing
        assert "Already sent" not in listing
        assert "Retry 1 failed email" in listing

        detail = client.get(reverse("outgoing_email:inspect", args=[failed.pk])).content.decode()
        assert "Connection refused" in detail
        assert reverse("outgoing_email:retry", args=[failed.pk]) in detail

        response = client.post(reverse("outgoing_email:retry", args=[failed.pk]))
        assert response.status_code == 302
        # the retry goes through the task after commit; here the test transaction never commits
        failed.refresh_from_db()
        assert failed.status == Status.PENDING
        call_command("send_pending_emails", stdout=open_devnull())
        failed.refresh_from_db()
        assert failed.status == Status.SENT
        assert [m.message["Subject"] for m in smtp_sink.messages] == ["Confirm your subscription"]

    def test_emails_cannot_be_added_or_edited(self, client, admin_user):
        email = queue(send=False)
        client.force_login(admin_user)
        # Wagtail answers a permission denial with a redirect to the dashboard and a message.
        for url in (reverse("outgoing_email:add"), reverse("outgoing_email:edit", args=[email.pk])):
            response = client.get(url)
            assert (response.status_code, response.url) == (302, "/admin/")
        listing = client.get(reverse("outgoing_email:index")).content.decode()
        assert reverse("outgoing_email:add") not in listing
        assert reverse("outgoing_email:edit", args=[email.pk]) not in listing

    def test_people_without_permission_cannot_retry(self, client, django_user_model):
        from django.contrib.auth.models import Permission

        email = queue(send=False)
        editor = django_user_model.objects.create_user("editor", "editor@example.org", "a-long-test-password")
        editor.user_permissions.add(
            Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_outgoingemail")
        )
        client.force_login(editor)
        assert client.get(reverse("outgoing_email:index")).status_code == 200
        response = client.post(reverse("outgoing_email:retry", args=[email.pk]))
        assert (response.status_code, response.url) == (302, "/admin/")
        email.refresh_from_db()
        assert email.status == Status.PENDING and email.attempts == 0


def test_forgetting_an_address_deletes_only_its_emails():
    queue(to="ayse@example.org", send=False)
    queue(to="Ayse@Example.org", send=False)
    queue(to="not-ayse@example.org", send=False)
    assert mail.forget_address("ayse@example.org") == 2
    assert list(OutgoingEmail.objects.values_list("to", flat=True)) == ["not-ayse@example.org"]


def open_devnull():
    import io

    return io.StringIO()
