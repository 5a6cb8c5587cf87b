"""Outgoing email: stored first, delivered by a task, retried, and visible to staff.

Every email the site sends goes through `queue_email()`: the message (recipients, subject,
plain text, HTML, headers, language, purpose) is written to the database as an OutgoingEmail,
and a task delivers it once the surrounding transaction has committed. A slow or failing mail
server therefore never loses a form submission nor blocks a request (with a queue backend such
as django_tasks_db.DatabaseBackend; the embedded ImmediateBackend runs the task in-process).

Delivery is at most once per message: a worker first *claims* the row with a conditional
UPDATE (pending/failed -> sending), so two workers, or a task and `send_pending_emails`, never
send the same message twice. A failed attempt records the error and schedules the next attempt
with a growing delay; the task re-enqueues itself when the backend can defer tasks, and the
`send_pending_emails` command (run from cron or a scheduler) retries whatever is due. A message
left "sending" by a worker that died is marked "interrupted" and only staff may send it again,
because the mail server may already have accepted it.

The same module renders emails: `render_email()` turns a template trio
(`<name>_subject.txt`, `<name>.txt`, `<name>.html`) into a subject, a plain-text body and an
HTML body whose tags carry inline styles and absolute links, which is what mail clients need.
"""

import html
import logging
import re
from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django_tasks import task

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

Status = OutgoingEmail.Status

#: Styles given to bare tags of an email's HTML; an element's own style attribute wins.
EMAIL_TAG_STYLES = {
    "body": "margin:0;padding:0;background-color:#f3f6f9;",
    "h1": "margin:0 0 16px;font-size:26px;line-height:1.25;color:#1b2330;font-weight:700;",
    "h2": "margin:28px 0 12px;font-size:20px;line-height:1.3;color:#1b2330;font-weight:700;",
    "h3": "margin:24px 0 8px;font-size:17px;line-height:1.3;color:#1b2330;font-weight:700;",
    "h4": "margin:20px 0 8px;font-size:15px;line-height:1.3;color:#1b2330;font-weight:700;",
    "p": "margin:0 0 16px;font-size:16px;line-height:1.6;color:#1b2330;",
    "a": "color:#0b4f8a;text-decoration:underline;",
    "ul": "margin:0 0 16px;padding:0 0 0 24px;",
    "ol": "margin:0 0 16px;padding:0 0 0 24px;",
    "li": "margin:0 0 6px;font-size:16px;line-height:1.6;color:#1b2330;",
    "blockquote": "margin:0 0 16px;padding:0 0 0 16px;border-left:4px solid #1f7a4d;color:#1b2330;",
    "img": "display:block;max-width:100%;height:auto;border:0;",
    "figure": "margin:0 0 16px;",
    "figcaption": "font-size:14px;line-height:1.5;color:#4a5568;",
    "hr": "border:0;border-top:1px solid #d5dde6;margin:24px 0;",
}

_VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def site_base_url():
    """The public address of the site, for links in emails (BASE_URL, shared with the admin)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"


def absolute_url(url):
    return urljoin(site_base_url(), url)


def render_email(template_name, context, *, language):
    """Render `<template_name>_subject.txt`, `.txt` and `.html` in `language`."""
    context = {"base_url": site_base_url().rstrip("/"), "language_code": language, **context}
    with translation.override(language):
        subject = render_plain_text(f"{template_name}_subject.txt", context)
        text = render_plain_text(f"{template_name}.txt", context)
        body = render_to_string(f"{template_name}.html", context)
    return RenderedEmail(subject=" ".join(subject.split()), text=tidy_text(text), html=inline_styles(body))


def render_plain_text(template_name, context):
    """A template rendered without HTML escaping: "Muğla's" must not become "Muğla&#x27;s" in text."""
    template = get_template(template_name).template
    return template.render(Context(context, autoescape=False))


def tidy_text(text):
    """Trailing spaces off, at most one blank line in a row (templates leave both behind)."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    tidy = []
    for line in lines:
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    return "\n".join(tidy) + "\n"


class _StyleInliner(HTMLParser):
    def __init__(self, styles, base_url):
        super().__init__(convert_charrefs=False)
        self.styles = styles
        self.base_url = base_url
        self.out = []

    def _tag(self, tag, attrs, closing=""):
        attrs = dict(attrs)
        default = self.styles.get(tag)
        if default:
            own = (attrs.get("style") or "").strip()
            attrs["style"] = default + own
        for name in ("href", "src"):
            value = attrs.get(name)
            if value and not value.startswith(("#", "mailto:", "tel:", "data:", "cid:", "{")):
                attrs[name] = urljoin(self.base_url, value)
        rendered = "".join(
            f" {name}" if value is None else f' {name}="{html.escape(value, quote=True)}"'
            for name, value in attrs.items()
        )
        self.out.append(f"<{tag}{rendered}{closing}>")

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs, " /" if tag not in _VOID_TAGS else "")

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")


def inline_styles(markup, styles=None, base_url=None):
    """Give every tag of `markup` its default inline style and make its links absolute.

    Mail clients ignore or strip style sheets, so the look of an email has to live in style
    attributes; rich text from the page editor has none, hence this pass over the whole email.
    """
    parser = _StyleInliner(EMAIL_TAG_STYLES if styles is None else styles, base_url or site_base_url())
    parser.feed(markup)
    parser.close()
    return "".join(parser.out)


class _TextExtractor(HTMLParser):
    BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "figure", "table", "tr", "hr"}
    SKIP = {"style", "script", "head", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = 0
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "a":
            self.links.append((dict(attrs).get("href") or "", len(self.parts)))
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(f"[{alt}]")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            label = " ".join("".join(self.parts[start:]).split())
            if href and not href.startswith("#") and href != label and href.removeprefix("mailto:") != label:
                self.parts.append(f" <{absolute_url(href)}>")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(markup):
    """A readable plain-text version of an HTML fragment: paragraphs, lists, links as <address>."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    paragraphs = []
    for block in "".join(parser.parts).split("\n\n"):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        block = "\n".join(line for line in lines if line)
        if block:
            paragraphs.append(block)
    return "\n\n".join(paragraphs)


# Queueing -----------------------------------------------------------------------------------


def _join(addresses):
    if isinstance(addresses, str):
        addresses = [addresses]
    return ", ".join(address.strip() for address in addresses if address and address.strip())


def queue_email(
    *,
    to,
    subject,
    text,
    html="",
    purpose,
    language="",
    headers=None,
    from_email=None,
    reply_to=(),
    send=True,
):
    """Store an email and deliver it through a task once the current transaction commits.

    With `send=False` the caller delivers it (see `deliver_many`), e.g. a newsletter batch
    that sends many messages over one connection.
    """
    email = OutgoingEmail.objects.create(
        purpose=purpose,
        language=language or "",
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=_join(to),
        reply_to=_join(reply_to),
        subject=" ".join(subject.split()),
        text_body=text,
        html_body=html,
        headers=dict(headers or {}),
    )
    if send:
        enqueue_delivery(email.pk)
    return email


def queue_rendered(rendered, **kwargs):
    return queue_email(subject=rendered.subject, text=rendered.text, html=rendered.html, **kwargs)


def enqueue_delivery(email_id):
    """Hand the email to the task queue after commit; if the queue refuses, the email stays pending."""

    def enqueue():
        try:
            deliver_email.enqueue(email_id)
        except Exception:
            logger.exception("Could not enqueue the delivery of email %s; it stays pending.", email_id)

    transaction.on_commit(enqueue)


# Delivery -----------------------------------------------------------------------------------


def max_attempts():
    return settings.OUTGOING_EMAIL_MAX_ATTEMPTS


def retry_delay(attempts):
    """1, 5, 25, 125 minutes... capped at six hours."""
    return timedelta(minutes=min(5 ** max(0, attempts - 1), 360))


def build_message(email, connection=None):
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.text_body,
        from_email=email.from_email,
        to=email.recipients,
        reply_to=email.reply_to_list or None,
        headers=email.headers or None,
        connection=connection,
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    return message


def claim(email_id):
    """Take the email for sending; False when it is sent, being sent, or not due."""
    now = timezone.now()
    return bool(
        OutgoingEmail.objects.filter(pk=email_id, status__in=[Status.PENDING, Status.FAILED]).update(
            status=Status.SENDING, attempts=F("attempts") + 1, last_attempt_at=now, next_attempt_at=None
        )
    )


def _record_failure(email_id, error):
    email = OutgoingEmail.objects.only("attempts").get(pk=email_id)
    now = timezone.now()
    retry_at = now + retry_delay(email.attempts) if email.attempts < max_attempts() else None
    message = f"{type(error).__name__}: {error}"[:2000]
    OutgoingEmail.objects.filter(pk=email_id, status=Status.SENDING).update(
        status=Status.FAILED, last_error=message, next_attempt_at=retry_at
    )
    logger.warning("Email %s failed (attempt %s): %s", email_id, email.attempts, message)
    return retry_at


def _send_claimed(email_id, connection):
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        build_message(email, connection).send()
    except Exception as error:
        _record_failure(email_id, error)
        return Status.FAILED
    OutgoingEmail.objects.filter(pk=email_id).update(status=Status.SENT, sent_at=timezone.now(), last_error="")
    return Status.SENT


def _status_of(email_id):
    return OutgoingEmail.objects.filter(pk=email_id).values_list("status", flat=True).first()


def deliver(email_id, *, connection=None):
    """Send one stored email now, if nobody else is; return its status afterwards."""
    if not claim(email_id):
        return _status_of(email_id)
    return _send_claimed(email_id, connection or get_connection())


def deliver_many(email_ids):
    """Send several stored emails over one connection; {status: count}.

    When the mail server cannot be reached at all, every message of the batch records that
    error at once instead of waiting for its own connection timeout.
    """
    outcome = {}
    connection = get_connection()
    try:
        connection.open()
    except Exception as error:
        logger.warning("Could not open the mail connection for a batch: %s", error)
        for email_id in email_ids:
            if claim(email_id):
                _record_failure(email_id, error)
                schedule_retry(email_id)
                status = Status.FAILED
            else:
                status = _status_of(email_id)
            outcome[status] = outcome.get(status, 0) + 1
        return outcome
    try:
        for email_id in email_ids:
            status = deliver(email_id, connection=connection)
            outcome[status] = outcome.get(status, 0) + 1
            if status == Status.FAILED:
                _close_quietly(connection)  # a broken connection is reopened for the next message
                schedule_retry(email_id)
    finally:
        _close_quietly(connection)
    return outcome


def _close_quietly(connection):
    try:
        connection.close()
    except Exception:
        logger.warning("Could not close the mail connection.", exc_info=True)


@task()
def deliver_email(email_id):
    """Deliver a stored email; after a failure, try again later when the backend can defer."""
    status = deliver(email_id)
    if status == Status.FAILED:
        schedule_retry(email_id)
    return status


def schedule_retry(email_id):
    email = OutgoingEmail.objects.filter(pk=email_id).only("next_attempt_at", "status").first()
    backend = deliver_email.get_backend()
    if email is None or email.next_attempt_at is None or not backend.supports_defer:
        return False  # no attempts left, or send_pending_emails will do it
    try:
        deliver_email.using(run_after=email.next_attempt_at).enqueue(email_id)
    except Exception:
        logger.exception("Could not schedule a retry of email %s.", email_id)
        return False
    return True


# Recovery and staff actions -------------------------------------------------------------------


def mark_interrupted(older_than=None):
    """Emails left "sending" by a worker that died: the server may have them, so no automatic retry."""
    older_than = settings.OUTGOING_EMAIL_SENDING_TIMEOUT if older_than is None else older_than
    cutoff = timezone.now() - timedelta(seconds=older_than)
    return OutgoingEmail.objects.filter(status=Status.SENDING, last_attempt_at__lte=cutoff).update(
        status=Status.INTERRUPTED,
        last_error="The sending worker stopped before the mail server answered; the message may have been delivered.",
    )


def due_emails(now=None):
    """Pending emails, and failed ones whose next attempt is due and that have attempts left."""
    now = now or timezone.now()
    return OutgoingEmail.objects.filter(
        Q(status=Status.PENDING)
        | Q(status=Status.FAILED, attempts__lt=max_attempts(), next_attempt_at__lte=now)
        | Q(status=Status.FAILED, attempts__lt=max_attempts(), next_attempt_at__isnull=True)
    ).order_by("created_at", "pk")


def send_due_emails(limit=None):
    """Deliver what is due, oldest first, over one connection; {status: count}."""
    mark_interrupted()
    ids = list(
        due_emails().values_list("pk", flat=True)[:limit] if limit else due_emails().values_list("pk", flat=True)
    )
    return deliver_many(ids) if ids else {}


def retry_now(queryset):
    """Staff asked to send these again: failed and interrupted ones go back to the queue."""
    ids = list(
        queryset.filter(status__in=[Status.FAILED, Status.INTERRUPTED, Status.PENDING]).values_list("pk", flat=True)
    )
    OutgoingEmail.objects.filter(pk__in=ids).exclude(status=Status.PENDING).update(
        status=Status.PENDING, next_attempt_at=None
    )
    for email_id in ids:
        enqueue_delivery(email_id)
    return len(ids)


def forget_address(address):
    """Delete every stored email to `address` (a person asked for their data to be removed)."""
    address = address.strip().lower()
    candidates = OutgoingEmail.objects.filter(to__icontains=address).only("pk", "to")
    ids = [email.pk for email in candidates if address in {r.lower() for r in email.recipients}]
    OutgoingEmail.objects.filter(pk__in=ids).delete()
    return len(ids)
