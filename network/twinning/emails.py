"""The emails of the partner finder, rendered in the reader's language and queued through core.mail.

Every function stores an OutgoingEmail that a task delivers once the transaction commits; the
relayed messages (relay.py) go the same way.
"""

from django.conf import settings
from django.urls import reverse

from core.mail import absolute_url, queue_rendered, render_email

from .models import PartnerFinderPage
from .tokens import manage_token

TEMPLATES = "twinning/email/"


def send(template, context, *, to, language, purpose, reply_to=(), headers=None):
    rendered = render_email(TEMPLATES + template, context, language=language)
    return queue_rendered(rendered, to=to, language=language, purpose=purpose, reply_to=reply_to, headers=headers)


def finder_page(language):
    """The partner finder of `language`, else of the default language, else None."""
    pages = PartnerFinderPage.objects.live().public().select_related("locale")
    return (
        pages.filter(locale__language_code=language).first()
        or pages.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    )


def request_url(partnership_request, language=None):
    page = finder_page(language or partnership_request.language)
    if page is None:
        return ""
    return absolute_url(page.route_url("request", partnership_request.pk))


def manage_url(partnership_request):
    return absolute_url(reverse("twinning_manage", args=[manage_token(partnership_request)]))


def admin_url(partnership_request):
    return absolute_url(reverse("twinning_requests:inspect", args=[partnership_request.pk]))


def _to_contact(partnership_request, template, purpose, **context):
    return send(
        template,
        {
            "partnership_request": partnership_request,
            "manage_url": manage_url(partnership_request),
            "request_url": request_url(partnership_request),
            **context,
        },
        to=[partnership_request.contact_email],
        language=partnership_request.language,
        purpose=purpose,
        reply_to=settings.STAFF_NOTIFICATION_EMAILS,
    )


def send_received(partnership_request):
    return _to_contact(partnership_request, "request_received", "twinning-request-received")


def send_published(partnership_request):
    return _to_contact(partnership_request, "request_published", "twinning-request-published")


def send_rejected(partnership_request):
    return _to_contact(partnership_request, "request_rejected", "twinning-request-rejected")


def send_manage_link(partnership_request):
    return _to_contact(partnership_request, "manage_link", "twinning-manage-link")


def send_staff_notice(partnership_request, *, updated=False):
    if not settings.STAFF_NOTIFICATION_EMAILS:
        return None
    return send(
        "staff_notice",
        {
            "partnership_request": partnership_request,
            "updated": updated,
            "admin_url": admin_url(partnership_request),
        },
        to=settings.STAFF_NOTIFICATION_EMAILS,
        language=settings.LANGUAGE_CODE,
        purpose="twinning-staff-notice",
    )


def send_abuse_report(conversation, message):
    if not settings.STAFF_NOTIFICATION_EMAILS:
        return None
    return send(
        "abuse_report",
        {
            "conversation": conversation,
            "message": message,
            "admin_url": absolute_url(reverse("twinning_messages:inspect", args=[message.pk])) if message else "",
        },
        to=settings.STAFF_NOTIFICATION_EMAILS,
        language=settings.LANGUAGE_CODE,
        purpose="twinning-abuse-report",
    )
