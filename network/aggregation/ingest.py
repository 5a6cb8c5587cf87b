"""Storing the entries of a fetched feed: every item once, changed items updated, new ones moderated.

An entry is the same item on the next fetch when it has the same guid, else the same link, else
the same text (`models.identity_of`); the unique constraint on (source, identity) holds that
even when two fetches of one source run at once, the later insert re-reading the earlier's row.
An item whose text changed at the source is updated in place and keeps its moderation status;
new items are published at once only for trusted sources, otherwise they wait for a moderator.

New items are stored in bulk and indexed for search in bulk once the transaction has committed;
an updated item is indexed by Wagtail's own signal handlers as it is saved.
"""

import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.search.backends import get_search_backends

from search.backends import bulk_indexing

from .models import FeedItem, ItemStatus, identity_of
from .parsing import FALLBACK_TITLE_LENGTH, plain_text

logger = logging.getLogger(__name__)

# Existing items are looked up this many identities at a time (databases limit query parameters).
LOOKUP_BATCH = 500

# What an update of a changed item takes from the feed; its status and language stay as they were.
TAKEN_FROM_THE_FEED = ["title", "summary", "content", "link", "author", "content_hash"]
UPDATED_FIELDS = [*TAKEN_FROM_THE_FEED, "published_at", "updated_at"]


@dataclass(frozen=True)
class IngestResult:
    new: int = 0
    updated: int = 0
    unchanged: int = 0


def max_length(field_name):
    return FeedItem._meta.get_field(field_name).max_length


def content_hash_of(title, summary, content, link):
    """What tells a changed item from an unchanged one: a hash of everything shown of it."""
    text = "\x1f".join([title, summary, content, link])  # a separator no feed text contains
    return hashlib.sha256(text.encode()).hexdigest()


def item_language(code, source):
    """`code` when it is one of the site's languages (or its primary subtag is), else the source's."""
    languages = {language for language, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
    code = (code or "").strip().lower().replace("_", "-")
    if code in languages:
        return code
    primary = code.split("-", 1)[0]
    return primary if primary in languages else source.language


def published_date(entry_date, now):
    """The entry's own date when it is a real one, not in the future; None otherwise."""
    if not isinstance(entry_date, datetime):
        return None
    if timezone.is_naive(entry_date):
        entry_date = entry_date.replace(tzinfo=UTC)
    return entry_date if entry_date <= now else None


def fields_of(entry, source, now):
    """The columns of the item `entry` stands for, cut to their lengths; None when it has nothing to show."""
    link = (entry.link or "").strip()
    if len(link) > max_length("link"):
        link = ""  # a cut address would lead nowhere
    summary = entry.summary or ""
    content = entry.content or ""
    title = (entry.title or "").strip() or plain_text(content, limit=FALLBACK_TITLE_LENGTH) or link
    if not title:
        return None
    title = title[: max_length("title")]
    guid = (entry.guid or "").strip()[: max_length("guid")]
    content_hash = content_hash_of(title, summary, content, link)
    return {
        "identity": identity_of(guid, link, content_hash),
        "guid": guid,
        "link": link,
        "content_hash": content_hash,
        "title": title,
        "summary": summary,
        "content": content,
        "author": (entry.author or "").strip()[: max_length("author")],
        "language": item_language(entry.language, source),
        "published_at": published_date(entry.published_at, now),
    }


def existing_items(source, identities):
    found = {}
    for start in range(0, len(identities), LOOKUP_BATCH):
        batch = identities[start : start + LOOKUP_BATCH]
        found.update((item.identity, item) for item in FeedItem.objects.filter(source=source, identity__in=batch))
    return found


def insert_new(source, new_fields, now):
    """Store the new items in bulk; the rows this fetch stored.

    A row that another fetch of the source stored meanwhile is skipped by the unique constraint
    (it is not this fetch's to count: the caller reads it back and compares it instead).
    """
    status = ItemStatus.PUBLISHED if source.publish_immediately else ItemStatus.PENDING
    FeedItem.objects.bulk_create(
        [
            FeedItem(
                source=source,
                status=status,
                first_seen_at=now,
                updated_at=now,
                **{**fields, "published_at": fields["published_at"] or now},
            )
            for fields in new_fields
        ],
        batch_size=LOOKUP_BATCH,
        ignore_conflicts=True,
    )
    identities = [fields["identity"] for fields in new_fields]
    return [item for item in existing_items(source, identities).values() if item.first_seen_at == now]


def index_items(pks):
    """Add the items to every search backend in bulk (saving one by one would index one by one).

    Run after the commit: the items are stored whatever the search backend does, and a backend
    that fails is logged; `manage.py update_index` adds what it missed.
    """
    try:
        items = list(FeedItem.objects.filter(pk__in=pks).select_related("source"))
        backends = list(get_search_backends(with_auto_update=True))
        with bulk_indexing(backends):
            for backend in backends:
                backend.add_bulk(FeedItem, items)
    except Exception:
        logger.exception("%d new network news items could not be indexed for search.", len(pks))


def update(item, fields, now):
    """Rewrite `item` when its text changed at the source; True when it did."""
    if item.content_hash == fields["content_hash"]:
        return False
    for name in TAKEN_FROM_THE_FEED:
        setattr(item, name, fields[name])
    # An entry that lost its date (or now claims a future one) keeps the date it had.
    item.published_at = fields["published_at"] or item.published_at
    item.updated_at = now
    item.save(update_fields=UPDATED_FIELDS)
    return True


def store_entries(source, entries, *, now=None):
    """Store the parsed `entries` of one fetch of `source` in one transaction; what changed, counted.

    Duplicates within the feed are taken once, the first one winning.
    """
    now = now or timezone.now()
    prepared = {}
    for entry in entries:
        fields = fields_of(entry, source, now)
        if fields is not None:
            prepared.setdefault(fields["identity"], fields)
    new = updated = unchanged = 0
    with transaction.atomic():
        found = existing_items(source, list(prepared))
        new_fields = [fields for identity, fields in prepared.items() if identity not in found]
        created = insert_new(source, new_fields, now) if new_fields else []
        new = len(created)
        if len(created) < len(new_fields):  # another fetch stored some first: compare with its rows
            ours = {item.identity for item in created}
            found.update(existing_items(source, [f["identity"] for f in new_fields if f["identity"] not in ours]))
        for identity, fields in prepared.items():
            item = found.get(identity)
            if item is None:
                continue  # one of the rows this fetch just stored
            if update(item, fields, now):
                updated += 1
            else:
                unchanged += 1
        if created:
            pks = [item.pk for item in created]
            transaction.on_commit(lambda: index_items(pks))
    return IngestResult(new=new, updated=updated, unchanged=unchanged)
