"""Signed links: a confirmation link that expires, and a management link that does not.

Both carry the subscriber's random key (never the address nor the database id), signed with
the site's SECRET_KEY and a purpose-specific salt, so a link for one purpose cannot be used
for the other and a changed character makes it invalid.
"""

import uuid

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "network.newsletter.confirm"
MANAGE_SALT = "network.newsletter.manage"


class LinkError(Exception):
    INVALID = "invalid"
    EXPIRED = "expired"

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def confirmation_token(subscriber):
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(subscriber.key.hex)


def manage_token(subscriber):
    return signing.Signer(salt=MANAGE_SALT).sign(subscriber.key.hex)


def _key(value):
    try:
        return uuid.UUID(hex=value)
    except (TypeError, ValueError) as error:
        raise LinkError(LinkError.INVALID) from error


def read_confirmation_token(token):
    try:
        value = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(
            token, max_age=settings.NEWSLETTER_CONFIRMATION_MAX_AGE
        )
    except signing.SignatureExpired as error:
        raise LinkError(LinkError.EXPIRED) from error
    except signing.BadSignature as error:
        raise LinkError(LinkError.INVALID) from error
    return _key(value)


def read_manage_token(token):
    try:
        value = signing.Signer(salt=MANAGE_SALT).unsign(token)
    except signing.BadSignature as error:
        raise LinkError(LinkError.INVALID) from error
    return _key(value)
