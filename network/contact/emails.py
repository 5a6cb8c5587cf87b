"""The two emails of a contact message, stored in core.mail's queue after the message itself.

The acknowledgement confirms the topic and the date but does not repeat the message: otherwise the
form would send any text to any address that a robot typed in.
"""

from django.conf import settings
from django.urls import reverse

from core.mail import absolute_url, queue_rendered, render_email

TEMPLATES = "contact/email/"


def admin_url(message):
    return absolute_url(reverse("contact_messages:inspect", args=[message.pk]))


def send_relay(message):
    """The message to the staff address of its topic, in the site's source language; replies go to the visitor."""
    rendered = render_email(
        TEMPLATES + "relay", {"message": message, "admin_url": admin_url(message)}, language=settings.LANGUAGE_CODE
    )
    return queue_rendered(
        rendered,
        to=[message.relayed_to],
        language=settings.LANGUAGE_CODE,
        purpose="contact-relay",
        reply_to=[message.email],
    )


def send_acknowledgement(message):
    rendered = render_email(TEMPLATES + "acknowledgement", {"message": message}, language=message.language)
    return queue_rendered(
        rendered,
        to=[message.email],
        language=message.language,
        purpose="contact-acknowledgement",
        reply_to=[message.relayed_to],
    )
