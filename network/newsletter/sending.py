"""Sending an issue: a test to the staff member, then every confirmed subscriber, once each.

The real send works in batches. Each batch, in one transaction, picks confirmed subscribers
that have no Delivery for this send yet, stores their emails (core.mail) and a Delivery each
(unique per send and subscriber); after the commit it delivers those emails over one SMTP
connection. A crash at any point leaves either planned emails that are still pending (the next
batch sends them first) or subscribers without a delivery (a later batch plans them): resuming
never plans anyone twice, and core.mail never sends one email twice.

Each subscriber receives the issue in their language when it is translated, else the default
language's version; the words around it (greeting, unsubscribe) are always in their language.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend
from wagtail.models import Page

from core import mail
from core.models import OutgoingEmail

from .models import Delivery, NewsletterIssuePage, NewsletterSend, Subscriber, supported_language
from .subscriptions import list_headers
from .tokens import manage_token

logger = logging.getLogger(__name__)

#: Stands for the subscriber's token in an issue rendered once for a whole language group.
TOKEN = "NEWSLETTER-SUBSCRIBER-TOKEN"  # noqa: S105 - a placeholder, not a secret
TEST_TOKEN = "test-send"  # noqa: S105 - a placeholder, not a secret


# Language versions ----------------------------------------------------------------------------


@dataclass
class IssueVersions:
    """The real (not alias) live translations of an issue, and the version used where there is none."""

    by_language: dict
    fallback: NewsletterIssuePage

    @classmethod
    def of(cls, issue):
        pages = (
            NewsletterIssuePage.objects.filter(translation_key=issue.translation_key, alias_of__isnull=True)
            .live()
            .select_related("locale")
        )
        by_language = {page.locale.language_code: page for page in pages}
        fallback = by_language.get(settings.LANGUAGE_CODE) or by_language.get(issue.locale.language_code) or issue
        return cls(by_language=by_language, fallback=fallback)

    def for_language(self, language):
        return self.by_language.get(language) or self.fallback


def source_issue(issue):
    """The version of the issue in the default language (where sends are recorded), else itself."""
    return IssueVersions.of(issue).fallback


def read_online_url(issue, language):
    """The issue on the site in the reader's language (its alias there, if not translated)."""
    page = Page.objects.filter(translation_key=issue.translation_key, locale__language_code=language).live().first()
    return mail.absolute_url((page or issue).get_url())


# Rendering ------------------------------------------------------------------------------------


def render_body(page, context):
    """The issue's blocks with the email templates (newsletter/email/blocks/<type>.html)."""
    parts = []
    for block in page.body:
        parts.append(
            render_to_string(
                [f"newsletter/email/blocks/{block.block_type}.html", "newsletter/email/blocks/default.html"],
                {**context, "block": block, "value": block.value},
            )
        )
    return mark_safe("".join(parts))  # rendered by our templates, with autoescape


def render_issue(issue, language, *, test=False):
    """The issue for readers of `language`, with TOKEN where each reader's own link goes."""
    versions = issue if isinstance(issue, IssueVersions) else IssueVersions.of(issue)
    page = versions.for_language(language).specific
    token = TEST_TOKEN if test else TOKEN
    context = {
        "page": page,
        "content_language": page.locale.language_code,
        "is_fallback": page.locale.language_code != language,
        "read_online_url": read_online_url(page, language),
        "unsubscribe_url": mail.absolute_url(reverse("newsletter_unsubscribe", args=[token])),
        "preferences_url": mail.absolute_url(reverse("newsletter_preferences", args=[token])),
        "test": test,
    }
    with translation.override(language):
        context["body_html"] = render_body(page, {**context, "base_url": mail.site_base_url().rstrip("/")})
        context["body_text"] = mail.html_to_text(context["body_html"])
    rendered = mail.render_email("newsletter/email/issue", context, language=language)
    return rendered, page.locale.language_code


class IssueRenderer:
    """Renders an issue once per language and keeps the result for the batches of a task."""

    def __init__(self, issue):
        self.versions = IssueVersions.of(issue)
        self.rendered = {}

    def __call__(self, language):
        if language not in self.rendered:
            self.rendered[language] = render_issue(self.versions, language)
        return self.rendered[language]


def personalise(rendered, subscriber):
    token = manage_token(subscriber)
    unsubscribe = mail.absolute_url(reverse("newsletter_unsubscribe", args=[token]))
    return {
        "subject": rendered.subject,
        "text": rendered.text.replace(TOKEN, token),
        "html": rendered.html.replace(TOKEN, token),
        "headers": list_headers(unsubscribe),
    }


# Test send ------------------------------------------------------------------------------------


def send_test(issue, user):
    """Every language version, exactly as its readers will get it, to the staff member."""
    issue = source_issue(issue)
    versions = IssueVersions.of(issue)
    emails = []
    for language, _name in settings.LANGUAGES:
        rendered, _content_language = render_issue(versions, language, test=True)
        with translation.override(language):
            subject = f"[{translation.gettext('Test')}] {rendered.subject}"
        emails.append(
            mail.queue_email(
                to=user.email,
                subject=subject,
                text=rendered.text,
                html=rendered.html,
                purpose="newsletter-test",
                language=language,
                headers=list_headers(mail.absolute_url(reverse("newsletter_unsubscribe", args=[TEST_TOKEN]))),
            )
        )
    send, _created = NewsletterSend.objects.get_or_create(
        issue_key=issue.translation_key, defaults={"issue": issue, "title": issue.title}
    )
    send.test_sent_at = timezone.now()
    send.test_sent_to = user.email
    send.issue = issue
    send.title = issue.title
    send.save(update_fields=["test_sent_at", "test_sent_to", "issue", "title"])
    return emails


# The real send --------------------------------------------------------------------------------


class SendError(Exception):
    pass


def send_for(issue):
    return NewsletterSend.objects.filter(issue_key=issue.translation_key).first()


def start_send(issue, user):
    """Begin sending to every confirmed subscriber; only after a test send, and only once."""
    issue = source_issue(issue)
    with transaction.atomic():
        send = NewsletterSend.objects.select_for_update().filter(issue_key=issue.translation_key).first()
        if send is None or send.test_sent_at is None:
            raise SendError(_("Send a test to yourself first."))
        if send.status != NewsletterSend.Status.DRAFT:
            raise SendError(_("This issue has already been sent."))
        send.status = NewsletterSend.Status.SENDING
        send.started_at = timezone.now()
        send.started_by = user
        send.title = issue.title
        send.issue = issue
        send.save()
    enqueue(send)
    return send


def enqueue(send):
    def run():
        try:
            send_newsletter.enqueue(send.pk)
        except Exception:
            logger.exception("Could not enqueue newsletter send %s; resume it from the admin.", send.pk)

    transaction.on_commit(run)


def resume(send):
    """Carry on an interrupted send: what was planned goes out, then the rest, nobody twice."""
    if send.status == NewsletterSend.Status.SENDING:
        enqueue(send)
        return True
    return False


def remaining_subscribers(send):
    return (
        Subscriber.objects.confirmed()
        .filter(~Exists(Delivery.objects.filter(send=send, subscriber=OuterRef("pk"))))
        .order_by("pk")
    )


def plan_batch(send, size, renderer):
    """Store the emails and deliveries of the next `size` subscribers; their email ids."""
    with transaction.atomic():
        send = NewsletterSend.objects.select_for_update().get(pk=send.pk)
        if send.status != NewsletterSend.Status.SENDING:
            return []
        subscribers = list(remaining_subscribers(send).only("pk", "email", "language", "key")[:size])
        if not subscribers:
            return []
        emails, deliveries = [], []
        for subscriber in subscribers:
            language = supported_language(subscriber.language)
            rendered, content_language = renderer(language)
            message = personalise(rendered, subscriber)
            email = OutgoingEmail(
                purpose="newsletter-issue",
                language=language,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=subscriber.email,
                subject=message["subject"],
                text_body=message["text"],
                html_body=message["html"],
                headers=message["headers"],
            )
            emails.append(email)
            deliveries.append(
                Delivery(send=send, subscriber=subscriber, language=language, content_language=content_language)
            )
        OutgoingEmail.objects.bulk_create(emails)
        for delivery, email in zip(deliveries, emails, strict=True):
            delivery.email = email
        Delivery.objects.bulk_create(deliveries)
        NewsletterSend.objects.filter(pk=send.pk).update(last_progress_at=timezone.now())
    return [email.pk for email in emails]


def planned_but_unsent(send, size):
    return list(
        Delivery.objects.filter(send=send, email__status=OutgoingEmail.Status.PENDING)
        .order_by("pk")
        .values_list("email_id", flat=True)[:size]
    )


def process_batch(send_id, size=None, renderer=None):
    """One batch of a send; True while there is more to do."""
    size = size or settings.NEWSLETTER_BATCH_SIZE
    send = NewsletterSend.objects.filter(pk=send_id, status=NewsletterSend.Status.SENDING).first()
    if send is None:
        return False
    if send.issue is None:
        logger.error("Newsletter send %s has lost its issue page; stopping.", send.pk)
        return False
    renderer = renderer or IssueRenderer(send.issue)
    email_ids = planned_but_unsent(send, size) or plan_batch(send, size, renderer)
    if email_ids:
        mail.deliver_many(email_ids)
        NewsletterSend.objects.filter(pk=send.pk).update(last_progress_at=timezone.now())
        return True
    finish(send)
    return False


def finish(send):
    unfinished = Delivery.objects.filter(
        send=send, email__status__in=[OutgoingEmail.Status.PENDING, OutgoingEmail.Status.SENDING]
    )
    if not unfinished.exists() and not remaining_subscribers(send).exists():
        NewsletterSend.objects.filter(pk=send.pk, status=NewsletterSend.Status.SENDING).update(
            status=NewsletterSend.Status.DONE, finished_at=timezone.now()
        )


@task()
def send_newsletter(send_id):
    """A batch per task with a queue backend; every batch in turn when tasks run in-process."""
    send = NewsletterSend.objects.filter(pk=send_id).select_related("issue").first()
    if send is None or send.issue is None:
        return "nothing to send"
    renderer = IssueRenderer(send.issue)
    inline = isinstance(send_newsletter.get_backend(), ImmediateBackend)
    while process_batch(send_id, renderer=renderer):
        if not inline:
            send_newsletter.enqueue(send_id)
            return "continued"
    return "finished"


# Progress -------------------------------------------------------------------------------------


def progress(send):
    """Counts of the send by email status and by language, for the admin."""
    counts = dict.fromkeys(OutgoingEmail.Status.values, 0)
    by_language = {}
    rows = Delivery.objects.filter(send=send).values("language", "email__status").annotate(count=Count("pk"))
    for row in rows:
        status = row["email__status"] or "erased"
        counts[status] = counts.get(status, 0) + row["count"]
        language = by_language.setdefault(row["language"], {})
        language[status] = language.get(status, 0) + row["count"]
    planned = sum(counts.values())
    remaining = remaining_subscribers(send).count() if send.status != NewsletterSend.Status.DRAFT else 0
    return {
        "counts": counts,
        "by_language": dict(sorted(by_language.items())),
        "planned": planned,
        "remaining": remaining,
        "total": planned + remaining,
        "percent": round(100 * counts[OutgoingEmail.Status.SENT] / (planned + remaining)) if planned + remaining else 0,
    }


def failed_deliveries(send, limit=50):
    return (
        Delivery.objects.filter(
            send=send, email__status__in=[OutgoingEmail.Status.FAILED, OutgoingEmail.Status.INTERRUPTED]
        )
        .select_related("email")
        .order_by("pk")[:limit]
    )


def retry_failed(send):
    """Queue the failed emails of a send again. Interrupted ones may have arrived: staff send those
    one by one from the outgoing email's page, knowingly."""
    return mail.retry_now(
        OutgoingEmail.objects.filter(
            pk__in=Delivery.objects.filter(send=send).values("email_id"), status=OutgoingEmail.Status.FAILED
        )
    )
