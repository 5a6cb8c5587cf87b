"""Signed links: the contact's link to manage a request, and the links to answer a relayed message.

Each carries a random key (never an address nor a database id), signed with SECRET_KEY, a
purpose-specific salt and a timestamp: a link for one purpose cannot serve another, a changed
character makes it invalid, and it expires (TWINNING_MANAGE_LINK_MAX_AGE,
TWINNING_REPLY_LINK_MAX_AGE). The contact can ask for a fresh management link on the request's
page; a fresh answer link comes with every relayed message.
"""

import uuid

from django.conf import settings
from django.core import signing

MANAGE_SALT = "network.twinning.manage"
REPLY_SALT = "network.twinning.reply"
REPORT_SALT = "network.twinning.report"


class LinkError(Exception):
    INVALID = "invalid"
    EXPIRED = "expired"

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _sign(salt, value):
    return signing.TimestampSigner(salt=salt).sign(value)


def _unsign(salt, token, max_age):
    try:
        return signing.TimestampSigner(salt=salt).unsign(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkError(LinkError.EXPIRED) from error
    except signing.BadSignature as error:
        raise LinkError(LinkError.INVALID) from error


def _uuid(value):
    try:
        return uuid.UUID(hex=value)
    except (TypeError, ValueError) as error:
        raise LinkError(LinkError.INVALID) from error


def manage_token(partnership_request):
    return _sign(MANAGE_SALT, partnership_request.key.hex)


def read_manage_token(token):
    return _uuid(_unsign(MANAGE_SALT, token, settings.TWINNING_MANAGE_LINK_MAX_AGE))


def reply_token(conversation, direction):
    """A link for the recipient of a message in `direction` to answer it."""
    return _sign(REPLY_SALT, f"{conversation.key.hex}.{direction}")


def report_token(conversation, direction):
    return _sign(REPORT_SALT, f"{conversation.key.hex}.{direction}")


def _conversation(salt, token, directions):
    value = _unsign(salt, token, settings.TWINNING_REPLY_LINK_MAX_AGE)
    key, _dot, direction = value.partition(".")
    if direction not in directions:
        raise LinkError(LinkError.INVALID)
    return _uuid(key), direction


def read_reply_token(token, directions):
    """(conversation key, direction of the message being answered)."""
    return _conversation(REPLY_SALT, token, directions)


def read_report_token(token, directions):
    return _conversation(REPORT_SALT, token, directions)
