"""The emails of an application, rendered in the right language and queued through core.mail.

Each function stores an OutgoingEmail; core.mail delivers it with a task once the surrounding
transaction commits, so a mail server that is down never loses an application: staff see the
failed email in the admin and it is retried.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.models import Locale

from core.mail import absolute_url, queue_rendered, render_email

TEMPLATES = "applications/email/"


def _send(template, context, *, to, language, purpose, reply_to=()):
    rendered = render_email(TEMPLATES + template, context, language=language)
    return queue_rendered(rendered, to=to, language=language, purpose=purpose, reply_to=reply_to)


def admin_url(application):
    return absolute_url(reverse("supporter_applications:inspect", args=[application.pk]))


def localized_form_page(application):
    """The expression-of-interest page in the applicant's language (for the agreement form and links)."""
    from .models import ExpressionOfInterestPage

    page = application.form_page
    if page is not None:
        return page.get_translation_or_none(application.locale) or page
    return ExpressionOfInterestPage.objects.filter(locale=application.locale).first()


def send_acknowledgement(application):
    return _send(
        "acknowledgement",
        {"application": application},
        to=[application.email],
        language=application.language,
        purpose="application-acknowledgement",
        reply_to=settings.STAFF_NOTIFICATION_EMAILS,
    )


def send_staff_notice(application):
    if not settings.STAFF_NOTIFICATION_EMAILS:
        return None
    return _send(
        "staff_notice",
        {"application": application, "admin_url": admin_url(application)},
        to=settings.STAFF_NOTIFICATION_EMAILS,
        language=settings.LANGUAGE_CODE,
        purpose="application-staff-notice",
        reply_to=[application.email],
    )


def agreement_document(application):
    """The agreement form of the applicant's language, else the one of the source page (not yet synchronised)."""
    page = localized_form_page(application)
    if page is None:
        return None
    if page.agreement_form_id:
        return page.agreement_form
    source = page.get_translation_or_none(Locale.get_default())
    if source is not None and source.agreement_form_id:
        return source.agreement_form
    return None


def send_agreement_form(application, message=""):
    document = agreement_document(application)
    return _send(
        "agreement_form",
        {
            "application": application,
            "message": message,
            "agreement_url": absolute_url(document.url) if document is not None else "",
            "agreement_title": document.title if document is not None else "",
        },
        to=[application.email],
        language=application.language,
        purpose="application-agreement-form",
        reply_to=settings.STAFF_NOTIFICATION_EMAILS,
    )


def send_rejection(application):
    return _send(
        "rejection",
        {"application": application},
        to=[application.email],
        language=application.language,
        purpose="application-rejection",
        reply_to=settings.STAFF_NOTIFICATION_EMAILS,
    )


def password_setup_url(user):
    """A link to choose a password: Django's password reset token, through the Wagtail admin's views."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return absolute_url(reverse("wagtailadmin_password_reset_confirm", args=[uid, token]))


def send_invitation(application, user, page):
    return _send(
        "invitation",
        {
            "application": application,
            "user": user,
            "page": page,
            "password_url": password_setup_url(user),
            "login_url": absolute_url(reverse("wagtailadmin_login")),
            "edit_url": absolute_url(reverse("wagtailadmin_pages:edit", args=[page.pk])),
            "reset_url": absolute_url(reverse("wagtailadmin_password_reset")),
        },
        to=[user.email],
        language=application.language,
        purpose="supporter-invitation",
        reply_to=settings.STAFF_NOTIFICATION_EMAILS,
    )
