"""Messages between a visitor and a request's contact, relayed by email through the site.

Neither side sees the other's address unless its author agrees: the relayed email comes from
the site, its Reply-To is the author only with the author's consent (share_address), otherwise
the relay address (TWINNING_RELAY_REPLY_TO, by default the site's own), and it always carries a
signed link to answer through the site. Every message is stored (RelayMessage) and visible to
staff; a message from a blocked address or domain is stored as blocked and never sent, while its
author sees the usual confirmation (a blocked sender learns nothing).
"""

import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from core.mail import absolute_url

from . import emails
from .models import BlockedSender, Conversation, RelayMessage
from .tokens import reply_token, report_token

logger = logging.getLogger(__name__)

Direction = RelayMessage.Direction


def relay_address():
    return settings.TWINNING_RELAY_REPLY_TO or settings.DEFAULT_FROM_EMAIL


def opposite(direction):
    return Direction.TO_SENDER if direction == Direction.TO_CONTACT else Direction.TO_CONTACT


def reply_url(conversation, direction):
    return absolute_url(reverse("twinning_reply", args=[reply_token(conversation, direction)]))


def report_url(conversation, direction):
    return absolute_url(reverse("twinning_report", args=[report_token(conversation, direction)]))


@transaction.atomic
def start_conversation(partnership_request, *, name, organisation, email, body, share_address, language):
    """A visitor's first message to the contact of `partnership_request`."""
    conversation = Conversation.objects.create(
        partnership_request=partnership_request,
        sender_name=name.strip(),
        sender_organisation=organisation.strip(),
        sender_email=email.strip(),
        sender_language=language,
    )
    return relay(conversation, Direction.TO_CONTACT, body=body, share_address=share_address)


@transaction.atomic
def relay(conversation, direction, *, body, share_address):
    """Store one message and, unless its author is blocked, queue the email that carries it."""
    partnership_request = conversation.partnership_request
    if direction == Direction.TO_CONTACT:
        author, recipient = conversation.sender_email, partnership_request.contact_email
        language = partnership_request.language
    else:
        author, recipient = partnership_request.contact_email, conversation.sender_email
        language = conversation.sender_language
    blocked = BlockedSender.blocks(author)
    message = RelayMessage.objects.create(
        conversation=conversation,
        direction=direction,
        author_email=author,
        body=body.strip(),
        share_address=share_address,
        status=RelayMessage.Status.BLOCKED if blocked else RelayMessage.Status.RELAYED,
    )
    log(
        partnership_request,
        "twinning.message",
        data={"message": message.pk, "direction": direction, "status": message.status},
    )
    if blocked:
        logger.info("Message %s from a blocked address was not relayed.", message.pk)
        return message
    message.email = emails.send(
        "relayed_message",
        {
            "conversation": conversation,
            "partnership_request": partnership_request,
            "message": message,
            "to_contact": direction == Direction.TO_CONTACT,
            "author_email": author if share_address else "",
            "reply_url": reply_url(conversation, direction),
            "report_url": report_url(conversation, direction),
            "request_url": emails.request_url(partnership_request, language),
        },
        to=[recipient],
        language=language,
        purpose="twinning-relay",
        reply_to=[author] if share_address else [relay_address()],
        headers={"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "OOF, AutoReply"},
    )
    message.save(update_fields=["email"])
    return message


def latest_message(conversation, direction):
    """The last message of `conversation` that went in `direction` (what an answer answers)."""
    return conversation.messages.filter(direction=direction).order_by("-created_at", "-pk").first()


@transaction.atomic
def report(conversation, direction):
    """The recipient of a message says it is abuse: staff are told once; returns True the first time."""
    updated = Conversation.objects.filter(pk=conversation.pk, reported_at__isnull=True).update(
        reported_at=timezone.now()
    )
    if updated:
        conversation.refresh_from_db()
        emails.send_abuse_report(conversation, latest_message(conversation, direction))
        log(conversation.partnership_request, "twinning.report", data={"conversation": conversation.pk})
    return bool(updated)


def block(address, *, user=None, reason=""):
    """Block an address (or a domain given as @domain); returns the BlockedSender."""
    blocked, _created = BlockedSender.objects.get_or_create(
        address=address.strip().lower(), defaults={"created_by": user, "reason": reason}
    )
    return blocked
