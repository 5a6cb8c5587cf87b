"""Fetching the network's feeds: a conditional GET per source, its items stored, every fetch logged.

A fetch has two parts. `download` asks the source's server for its feed through
`core.outbound.fetch` (which refuses internal addresses and enforces the AGGREGATION_* limits)
and touches no database, so several run at once in threads. `record_download` then parses what
came back, stores the items (`ingest.store_entries`), writes one FetchRecord and updates the
source, in the calling thread. `fetch_source` does both for one source; `fetch_sources` runs the
downloads in a thread pool and stores each answer as it arrives, so a slow or broken source
holds only its own slot and never another's items.

Nothing that goes wrong with a source is raised: an answer that is no feed, an HTTP error, a
refused address, a timeout or a failure while storing becomes the fetch's error, and the source
is tried again later, each failure in a row doubling the wait (`next_fetch_delay`).
"""

import http
import logging
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from core.outbound import OutboundError, OutboundResponse, fetch

from . import purging
from .ingest import IngestResult, store_entries
from .models import FeedSource, FetchOutcome, FetchRecord
from .parsing import NotAFeed, parse_feed

logger = logging.getLogger(__name__)

# The feed formats first, then XML and JSON of any kind: some servers label feeds loosely.
FEED_ACCEPT = (
    "application/atom+xml, application/rss+xml, application/feed+json, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, application/json;q=0.7, */*;q=0.1"
)
# The longest wait after failures (unless the source's own interval is longer).
MAX_BACKOFF = timedelta(hours=24)
ERROR_LENGTH = 2000


@dataclass(frozen=True)
class Download:
    """What the network part of a fetch brought back: the server's answer, or why there is none."""

    started_at: datetime
    started: float  # time.monotonic() at the start, for the duration
    response: OutboundResponse | None = None
    error: str = ""


def next_fetch_delay(source):
    """How long to wait before fetching `source` again.

    Its interval after a success; after n failures in a row the interval × 2^n, at most 24 hours
    (a source whose own interval is longer than that keeps its interval).
    """
    interval = timedelta(minutes=source.fetch_interval)
    failures = min(source.consecutive_failures, 32)  # enough to pass any cap
    if not failures:
        return interval
    return max(interval, min(interval * 2**failures, MAX_BACKOFF))


def conditional_headers(source):
    headers = {"Accept": FEED_ACCEPT}
    if source.etag:
        headers["If-None-Match"] = source.etag
    if source.last_modified:
        headers["If-Modified-Since"] = source.last_modified
    return headers


def download(source, *, now=None):
    """Ask the server of `source` for its feed; the answer or the error, never an exception.

    Reads the source's url, etag and last_modified only, and no database: it runs in threads.
    """
    started_at = now or timezone.now()
    started = time.monotonic()
    try:
        response = fetch(
            source.url,
            headers=conditional_headers(source),
            connect_timeout=settings.AGGREGATION_CONNECT_TIMEOUT,
            read_timeout=settings.AGGREGATION_READ_TIMEOUT,
            total_timeout=settings.AGGREGATION_TOTAL_TIMEOUT,
            max_bytes=settings.AGGREGATION_MAX_BYTES,
            max_redirects=settings.AGGREGATION_MAX_REDIRECTS,
        )
    except OutboundError as error:
        return Download(started_at=started_at, started=started, error=str(error))
    except Exception as error:
        logger.exception("Fetching the feed %s failed unexpectedly.", source.url)
        return Download(started_at=started_at, started=started, error=f"The fetch failed ({type(error).__name__}).")
    return Download(started_at=started_at, started=started, response=response)


def http_error(status):
    try:
        return f"HTTP {status} {http.HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def validator(headers, name, field_name):
    """A caching validator (ETag, Last-Modified) to send back, or "" when it does not fit its column."""
    value = (headers.get(name) or "").strip()
    return value if len(value) <= FeedSource._meta.get_field(field_name).max_length else ""


def record_download(source, fetched, *, now=None):
    """Store what `download` brought for `source`: its items, a FetchRecord, the source's state."""
    response = fetched.response
    result = IngestResult()
    error = fetched.error
    changes = {}
    if response is None:
        outcome = FetchOutcome.ERROR
    elif response.status == 304:
        outcome = FetchOutcome.NOT_MODIFIED
        # A 304 may carry fresher validators; it never takes the stored ones away.
        changes = {
            name: value
            for name, value in (
                ("etag", validator(response.headers, "ETag", "etag")),
                ("last_modified", validator(response.headers, "Last-Modified", "last_modified")),
            )
            if value
        }
    elif 200 <= response.status < 300:
        outcome, result, error = store_response(source, response, now)
        if result.new or result.updated:
            purging.items_changed([source.pk])  # after the commit, and only with a front cache
        if outcome == FetchOutcome.OK:
            changes = {
                "etag": validator(response.headers, "ETag", "etag"),
                "last_modified": validator(response.headers, "Last-Modified", "last_modified"),
            }
    else:
        outcome, error = FetchOutcome.ERROR, http_error(response.status)
    return finish(source, fetched, outcome=outcome, result=result, error=error, changes=changes)


def store_response(source, response, now):
    """(outcome, IngestResult, error) of parsing and storing a 2xx answer."""
    try:
        feed = parse_feed(response.body, base_url=response.url, content_type=response.headers.get("Content-Type") or "")
        return FetchOutcome.OK, store_entries(source, feed.entries, now=now), ""
    except NotAFeed as error:
        return FetchOutcome.ERROR, IngestResult(), str(error)
    except Exception as error:
        logger.exception("Storing the items of the feed %s failed.", source.url)
        return FetchOutcome.ERROR, IngestResult(), f"The items could not be stored ({type(error).__name__})."


def finish(source, fetched, *, outcome, result, error, changes):
    """Write the FetchRecord and the source's new state (next fetch time included)."""
    started_at = fetched.started_at
    source.last_fetched_at = started_at
    if outcome == FetchOutcome.ERROR:
        source.consecutive_failures += 1
        source.last_error = error[:ERROR_LENGTH]
        logger.warning("The feed %s failed (%s in a row): %s", source.url, source.consecutive_failures, error)
    else:
        source.consecutive_failures = 0
        source.last_error = ""
        source.last_success_at = started_at
    for name, value in changes.items():
        setattr(source, name, value)
    source.next_fetch_at = started_at + next_fetch_delay(source)
    fields = ["last_fetched_at", "last_success_at", "consecutive_failures", "last_error", "next_fetch_at", *changes]
    # An update of these columns only: an editor may be saving the source's other fields meanwhile.
    FeedSource.objects.filter(pk=source.pk).update(**{name: getattr(source, name) for name in fields})
    return FetchRecord.objects.create(
        source=source,
        started_at=started_at,
        duration_ms=max(0, round((time.monotonic() - fetched.started) * 1000)),
        outcome=outcome,
        http_status=fetched.response.status if fetched.response is not None else None,
        new_items=result.new,
        updated_items=result.updated,
        error=error[:ERROR_LENGTH],
    )


def fetch_source(source, *, now=None):
    """Fetch one source now, whatever its state; its FetchRecord."""
    return record_download(source, download(source, now=now), now=now)


def fetch_sources(sources, *, now=None, concurrency=None):
    """Fetch several sources at once; their FetchRecords in the order the answers came.

    The downloads run in AGGREGATION_CONCURRENCY threads (or `concurrency`); each answer is
    stored here, in the calling thread, as soon as it arrives, so no database connection is
    shared across threads.
    """
    sources = list(sources)
    if not sources:
        return []
    workers = max(1, min(concurrency or settings.AGGREGATION_CONCURRENCY, len(sources)))
    records = []
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="feed-fetch") as pool:
        pending = {pool.submit(download, source, now=now): source for source in sources}
        for done in as_completed(pending):
            source = pending[done]
            try:
                records.append(record_download(source, done.result(), now=now))
            except Exception:
                # The database itself failed; the other sources are still stored.
                logger.exception("The fetch of the feed %s could not be recorded.", source.url)
    return records


def fetch_due_sources(*, now=None, concurrency=None):
    """Fetch every active source whose next fetch time has come."""
    return fetch_sources(FeedSource.objects.due(now), now=now, concurrency=concurrency)
