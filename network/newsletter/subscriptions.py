"""The life of a subscription: signup, confirmation, preferences, unsubscription, erasure.

Signing up never tells the visitor whether the address was known: the answer is the same in
every case, and only the owner of the mailbox learns something (a confirmation link, or a
reminder that they are subscribed). At most one such email per address per
NEWSLETTER_NOTIFY_INTERVAL, so double clicks and repeated submissions do not flood a mailbox.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core import mail

from .models import Subscriber, normalise_email
from .tokens import confirmation_token, manage_token

Status = Subscriber.Status


def confirm_url(subscriber):
    return mail.absolute_url(reverse("newsletter_confirm", args=[confirmation_token(subscriber)]))


def preferences_url(subscriber):
    return mail.absolute_url(reverse("newsletter_preferences", args=[manage_token(subscriber)]))


def unsubscribe_url(subscriber):
    return mail.absolute_url(reverse("newsletter_unsubscribe", args=[manage_token(subscriber)]))


def subscribe(*, email, language, form, consent_language):
    """Record a signup and email the mailbox owner; returns the subscriber.

    - a new address becomes a pending subscriber and gets a confirmation link;
    - a pending or unsubscribed one records the new consent and gets a fresh link;
    - a confirmed one is left as it is, and gets a reminder with the link to its preferences.
    """
    key = normalise_email(email)
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.get_or_create(
            email_key=key, defaults={"email": email.strip(), "language": language}
        )
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status != Status.CONFIRMED:
            subscriber.language = language
            subscriber.status = Status.PENDING
            subscriber.record_consent(form=form, language=consent_language)
            subscriber.save()
        if claim_notification(subscriber):
            if subscriber.status == Status.CONFIRMED:
                send_already_subscribed(subscriber)
            else:
                send_confirmation(subscriber)
    return subscriber


def claim_notification(subscriber):
    """True for one caller per interval: the one allowed to email this subscriber now."""
    now = timezone.now()
    cutoff = now - timedelta(seconds=settings.NEWSLETTER_NOTIFY_INTERVAL)
    return bool(
        Subscriber.objects.filter(pk=subscriber.pk)
        .filter(Q(last_notified_at__isnull=True) | Q(last_notified_at__lte=cutoff))
        .update(last_notified_at=now)
    )


def send_confirmation(subscriber):
    rendered = mail.render_email(
        "newsletter/email/confirmation",
        {
            "confirm_url": confirm_url(subscriber),
            "valid_days": max(1, settings.NEWSLETTER_CONFIRMATION_MAX_AGE // 86400),
        },
        language=subscriber.language,
    )
    return mail.queue_rendered(
        rendered, to=subscriber.email, purpose="newsletter-confirmation", language=subscriber.language
    )


def send_already_subscribed(subscriber):
    rendered = mail.render_email(
        "newsletter/email/already_subscribed",
        {"preferences_url": preferences_url(subscriber), "unsubscribe_url": unsubscribe_url(subscriber)},
        language=subscriber.language,
    )
    return mail.queue_rendered(
        rendered,
        to=subscriber.email,
        purpose="newsletter-reminder",
        language=subscriber.language,
        headers=list_headers(unsubscribe_url(subscriber)),
    )


def list_headers(unsubscribe):
    """RFC 2369 / RFC 8058 headers: mail clients offer an unsubscribe button that POSTs here."""
    return {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"<newsletter.{list_id_domain()}>",
    }


def list_id_domain():
    from urllib.parse import urlsplit

    return urlsplit(mail.site_base_url()).hostname or "localhost"


def confirm(subscriber):
    """Pending -> confirmed; True if that happened now (False: it already was)."""
    return bool(
        Subscriber.objects.filter(pk=subscriber.pk, status=Status.PENDING).update(
            status=Status.CONFIRMED, confirmed_at=timezone.now()
        )
    )


def unsubscribe(subscriber):
    """Anything -> unsubscribed; True if that happened now. Idempotent."""
    return bool(
        Subscriber.objects.filter(pk=subscriber.pk)
        .exclude(status=Status.UNSUBSCRIBED)
        .update(status=Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())
    )


def change_language(subscriber, language):
    Subscriber.objects.filter(pk=subscriber.pk).update(language=language)
    subscriber.language = language


@transaction.atomic
def erase(subscriber, user=None):
    """Remove the person for real: the subscriber, every email to the address, the log's traces.

    Deliveries of past issues stay (so the counts stay true) but no longer point at anyone. The
    deletion itself is logged under "Subscriber <number>", which names no one.
    """
    from wagtail.log_actions import log
    from wagtail.models import ModelLogEntry

    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Subscriber), object_id=str(subscriber.pk)
    ).delete()
    log(instance=subscriber, action="wagtail.delete", user=user, deleted=True)
    # Deliveries lose their subscriber; the post_delete signal deletes the stored emails.
    subscriber.delete()
