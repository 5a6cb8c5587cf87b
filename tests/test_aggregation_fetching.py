"""Fetching feeds from a real HTTP server on loopback: every failure recorded, every item stored once.

The server (tests/loopback_http.py) answers each test at paths of its own. The limits are cut
down (read 0.3 s, total 1 s) so the servers that answer slowly or never cost a second at most.
"""

import itertools
import threading
import time
from datetime import timedelta
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from network.aggregation import fetching, ingest
from network.aggregation.fetching import fetch_due_sources, fetch_source, next_fetch_delay
from network.aggregation.ingest import store_entries
from network.aggregation.models import FeedItem, FeedSource, FetchOutcome, FetchRecord, ItemStatus, identity_of
from network.aggregation.parsing import ParsedEntry
from network.aggregation.tasks import fetch_due_feeds, fetch_feed
from tests.loopback_http import LoopbackServer

# A fetch whose deadlines broke would wait for a hostile server for ever: it fails here instead.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("test_aggregation_fetching"), pytest.mark.timeout(120)]

RSS = "application/rss+xml; charset=utf-8"
paths = itertools.count()


@pytest.fixture(scope="module")
def server():
    with LoopbackServer() as running:
        yield running


@pytest.fixture(autouse=True)
def loopback_limits(settings):
    settings.OUTBOUND_ALLOW_INTERNAL_ADDRESSES = True
    settings.AGGREGATION_CONNECT_TIMEOUT = 0.5
    settings.AGGREGATION_READ_TIMEOUT = 0.3
    settings.AGGREGATION_TOTAL_TIMEOUT = 1
    settings.AGGREGATION_MAX_REDIRECTS = 3
    settings.AGGREGATION_CONCURRENCY = 4


@pytest.fixture
def release():
    """Set when the test ends: handlers that hold a request wait for it, then let go."""
    event = threading.Event()
    yield event
    event.set()


@pytest.fixture
def serve(server):
    """serve(body, status=..., headers=..., handler=...) -> the address of a path of this test's own."""

    def route(body=b"", *, status=200, headers=None, handler=None, name="feed.xml"):
        path = f"/{next(paths)}/{name}"
        server.route(path, status=status, body=body, headers={"Content-Type": RSS, **(headers or {})}, handler=handler)
        return server.url(path)

    return route


def path_of(url):
    return urlsplit(url).path


def answer(request, body, *, status=200, headers=None):
    """Write a whole answer from a route's handler."""
    request.send_response(status)
    for name, value in {"Content-Type": RSS, "Content-Length": str(len(body)), **(headers or {})}.items():
        request.send_header(name, value)
    request.end_headers()
    request.wfile.write(body)


def item(guid=None, *, title="Item", link=None, description="Text of the item.", date=None, extra=""):
    parts = [f"<title>{title}</title>" if title is not None else ""]
    if guid is not None:
        parts.append(f'<guid isPermaLink="false">{guid}</guid>')
    if link is not None:
        parts.append(f"<link>{link}</link>")
    if description is not None:
        parts.append(f"<description>{description}</description>")
    if date is not None:
        parts.append(f"<pubDate>{date:%a, %d %b %Y %H:%M:%S} +0000</pubDate>")
    return "<item>" + "".join(parts) + extra + "</item>"


def rss(*items, language="en"):
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Partner</title><link>https://partner.example/</link><language>{language}</language>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def source_for(url, **fields):
    values = {"name": f"Source {url.rsplit('/', 2)[-2]}", "url": url, "owner_kind": "media", "language": "en"}
    return FeedSource.objects.create(**{**values, **fields})


def fetched(source, **kwargs):
    """Fetch `source` and return its record, with the source read again."""
    record = fetch_source(source, **kwargs)
    source.refresh_from_db()
    return record


class TestStoring:
    def test_a_feed_is_fetched_stored_and_logged(self, serve, server):
        now = timezone.now()
        url = serve(rss(item("a", title="First", link="https://partner.example/a"), item("b", title="Second")))
        source = source_for(url)
        record = fetched(source, now=now)
        assert (record.outcome, record.http_status, record.new_items, record.updated_items, record.error) == (
            FetchOutcome.OK, 200, 2, 0, "",
        )  # fmt: skip
        assert record.started_at == now
        assert FetchRecord.objects.filter(source=source).count() == 1
        titles = dict(FeedItem.objects.filter(source=source).values_list("guid", "title"))
        assert titles == {"a": "First", "b": "Second"}
        assert (source.last_fetched_at, source.last_success_at, source.consecutive_failures) == (now, now, 0)
        assert source.next_fetch_at == now + timedelta(minutes=60)
        [(_method, _path, headers)] = server.requests_to(path_of(url))
        assert "application/rss+xml" in headers["Accept"] and "application/feed+json" in headers["Accept"]

    @pytest.mark.parametrize(("trusted", "status"), [(True, ItemStatus.PUBLISHED), (False, ItemStatus.PENDING)])
    def test_trusted_sources_publish_at_once_others_wait_for_moderation(self, serve, trusted, status):
        source = source_for(serve(rss(item("only"))), publish_immediately=trusted)
        fetched(source)
        assert list(FeedItem.objects.filter(source=source).values_list("status", flat=True)) == [status]

    def test_duplicate_guids_in_one_feed_are_stored_once_first_wins(self, serve):
        source = source_for(serve(rss(item("same", title="First copy"), item("same", title="Second copy"))))
        record = fetched(source)
        assert record.new_items == 1
        assert list(FeedItem.objects.filter(source=source).values_list("title", flat=True)) == ["First copy"]

    def test_the_same_items_on_the_next_fetch_are_not_stored_again(self, serve):
        source = source_for(serve(rss(item("a"), item(None, link="https://partner.example/b"), item(None))))
        first = fetched(source)
        second = fetched(source)
        assert (first.new_items, second.new_items, second.updated_items) == (3, 0, 0)
        assert FeedItem.objects.filter(source=source).count() == 3

    def test_items_without_dates_or_links_are_stored_with_the_time_first_seen(self, serve):
        now = timezone.now()
        long_link = "https://partner.example/" + "x" * 1100
        source = source_for(
            serve(
                rss(
                    item("no-date", link="https://partner.example/no-date"),
                    item("no-link", title="No link"),
                    item(None, title="Neither guid nor link", description="Only text"),
                    item("long-link", title="Long link", link=long_link),
                )
            )
        )
        assert fetched(source, now=now).new_items == 4
        items = {row.title: row for row in FeedItem.objects.filter(source=source)}
        assert {row.published_at for row in items.values()} == {now}
        assert items["No link"].link == ""
        assert items["Long link"].link == ""  # a cut address would lead nowhere: dropped
        nameless = items["Neither guid nor link"]
        assert nameless.identity == identity_of("", "", nameless.content_hash)

    def test_dates_in_the_future_become_the_time_first_seen(self, serve):
        now = timezone.now().replace(microsecond=0)
        past = now - timedelta(days=3)
        source = source_for(serve(rss(item("future", date=now + timedelta(days=30)), item("past", date=past))))
        fetched(source, now=now)
        dates = dict(FeedItem.objects.filter(source=source).values_list("guid", "published_at"))
        assert dates == {"future": now, "past": past}

    def test_hostile_html_is_stored_cleaned(self, serve):
        hostile = (
            '<p onclick="x()" style="color:red">Kept <a href="/page">link</a></p><script>alert(1)</script>'
            '<img src="https://tracker.example/p.gif" onerror="alert(2)"><iframe src="https://evil.example"></iframe>'
            '<a href="javascript:alert(3)">js</a>'
        )
        source = source_for(
            serve(
                rss(
                    item(
                        "h",
                        title="<b>Bold</b> title",
                        description=None,
                        extra=f"<content:encoded><![CDATA[{hostile}]]></content:encoded>",
                    )
                )
            )
        )
        fetched(source)
        stored = FeedItem.objects.get(source=source)
        assert stored.title == "Bold title"
        for forbidden in ("<script", "<img", "<iframe", "onclick", "onerror", "style=", "javascript", "tracker"):
            assert forbidden not in stored.content
        assert '<a href="http://127.0.0.1:' in stored.content and 'rel="nofollow noopener"' in stored.content
        assert stored.summary == "Kept link js"

    def test_a_json_feed_is_stored_and_languages_follow_the_site(self, serve):
        body = (
            b'{"version": "https://jsonfeed.org/version/1.1", "language": "ru", "items": ['
            b'{"id": "1", "title": "Turkish", "content_text": "x", "language": "tr-TR"},'
            b'{"id": "2", "title": "Feed language", "content_text": "x"},'
            b'{"id": "3", "title": "German", "content_text": "x", "language": "de"}]}'
        )
        source = source_for(
            serve(body, headers={"Content-Type": "application/feed+json"}, name="feed.json"), language="tk"
        )
        assert fetched(source).new_items == 3
        languages = dict(FeedItem.objects.filter(source=source).values_list("title", "language"))
        assert languages == {"Turkish": "tr", "Feed language": "ru", "German": "tk"}  # German is not a site language

    def test_an_item_changed_at_the_source_updates_its_row_and_keeps_its_status(self, serve, server):
        url = serve(rss(item("a", title="Draft title"), item("b", title="Unchanged")))
        source = source_for(url)
        first_fetch = timezone.now() - timedelta(hours=2)
        fetched(source, now=first_fetch)
        FeedItem.objects.filter(source=source, guid="a").update(status=ItemStatus.HIDDEN)
        server.routes[path_of(url)].body = rss(
            item("a", title="Final title", description="Corrected text."), item("b", title="Unchanged")
        )
        record = fetched(source)
        assert (record.new_items, record.updated_items) == (0, 1), (record.outcome, record.error)
        changed = FeedItem.objects.get(source=source, guid="a")
        assert (changed.title, changed.summary, changed.status) == ("Final title", "Corrected text.", ItemStatus.HIDDEN)
        assert changed.first_seen_at == first_fetch and changed.published_at == first_fetch
        assert changed.updated_at > first_fetch
        assert FeedItem.objects.get(source=source, guid="b").updated_at == first_fetch

    def test_a_second_insert_of_the_same_item_reads_the_stored_row(self):
        """What a fetch that races another fetch of the same source meets: the unique constraint."""
        source = FeedSource.objects.create(
            name="Race", url="https://race.example/feed", owner_kind="media", language="en"
        )
        now = timezone.now()
        entry = ParsedEntry(guid="race", title="Raced", content="<p>x</p>")
        assert store_entries(source, [entry], now=now).new == 1
        fields = ingest.fields_of(entry, source, timezone.now())
        # As if the lookup had not seen the row yet: the constraint skips it, and it is not counted as this fetch's.
        assert ingest.insert_new(source, [fields], timezone.now()) == []
        assert FeedItem.objects.filter(source=source).count() == 1  # and the transaction still works

    def test_new_items_are_found_by_search_once_stored(self, django_capture_on_commit_callbacks):
        from wagtail.search.backends import get_search_backend

        source = FeedSource.objects.create(
            name="Bulk", url="https://bulk.example/feed", owner_kind="media", language="en", publish_immediately=True
        )
        entries = [ParsedEntry(guid=f"g{n}", title=f"Solar roofs in town {n}", content="<p>x</p>") for n in range(3)]
        with django_capture_on_commit_callbacks(execute=True):
            assert store_entries(source, entries).new == 3
        found = get_search_backend().search("solar", FeedItem.objects.published())
        assert sorted(item.title for item in found) == [f"Solar roofs in town {n}" for n in range(3)]


class TestFailures:
    def test_malformed_xml_is_a_fetch_error(self, serve):
        source = source_for(serve(b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>cut'))
        record = fetched(source)
        assert record.outcome == FetchOutcome.ERROR
        assert "not a well-formed feed" in record.error
        assert (source.consecutive_failures, source.last_error) == (1, record.error)
        assert not FeedItem.objects.filter(source=source).exists()

    def test_an_html_page_is_a_fetch_error(self, serve):
        page = b"<!DOCTYPE html><html><head><title>Home</title></head><body><h1>Welcome</h1></body></html>"
        record = fetched(source_for(serve(page, headers={"Content-Type": "text/html; charset=utf-8"})))
        assert (record.outcome, record.http_status) == (FetchOutcome.ERROR, 200)
        assert "web page" in record.error

    @pytest.mark.parametrize("status", [404, 500, 410, 302])
    def test_http_errors_are_fetch_errors(self, serve, status):
        record = fetched(source_for(serve(b"nope", status=status, headers={"Content-Type": "text/plain"})))
        assert (record.outcome, record.http_status) == (FetchOutcome.ERROR, status)
        assert record.error.startswith(f"HTTP {status}")

    def test_a_ten_megabyte_feed_is_refused(self, serve):
        ten_megabytes = rss(item("big", description="x" * (10 * 1024 * 1024)))
        started = time.monotonic()
        record = fetched(source_for(serve(ten_megabytes)))
        assert record.outcome == FetchOutcome.ERROR
        assert "bytes" in record.error and "5242880" in record.error
        assert time.monotonic() - started < 1

    def test_a_ten_megabyte_feed_without_a_length_is_cut_while_it_streams(self, serve):
        def stream(request):
            request.send_response(200)
            request.send_header("Content-Type", RSS)
            request.send_header("Connection", "close")
            request.end_headers()
            try:
                request.wfile.write(b'<rss version="2.0"><channel><item><title>')
                for _chunk in range(10 * 16):
                    request.wfile.write(b"x" * 65536)
            except OSError:
                pass  # the client hung up once it had enough

        record = fetched(source_for(serve(handler=stream)))
        assert record.outcome == FetchOutcome.ERROR
        assert "larger than 5242880 bytes" in record.error

    def test_a_server_that_never_answers_times_out(self, serve, release):
        started = time.monotonic()
        record = fetched(source_for(serve(handler=lambda request: release.wait(5))))
        assert record.outcome == FetchOutcome.ERROR
        assert "did not answer within 0.3 s" in record.error
        assert record.http_status is None
        assert time.monotonic() - started < 1

    def test_a_server_that_drips_its_answer_meets_the_total_deadline(self, serve, release):
        def drip(request):
            request.send_response(200)
            request.send_header("Content-Type", RSS)
            request.send_header("Content-Length", "100000")
            request.end_headers()
            try:
                while not release.wait(0.1):  # a byte well within each read timeout
                    request.wfile.write(b" ")
                    request.wfile.flush()
            except OSError:
                pass

        started = time.monotonic()
        record = fetched(source_for(serve(handler=drip)))
        assert record.outcome == FetchOutcome.ERROR
        assert "longer than 1 s" in record.error
        assert time.monotonic() - started < 2

    def test_a_redirect_loop_is_a_fetch_error(self, server):
        base = f"/{next(paths)}"
        server.route(f"{base}/a", status=302, headers={"Location": f"{base}/b"})
        server.route(f"{base}/b", status=301, headers={"Location": f"{base}/a"})
        record = fetched(source_for(server.url(f"{base}/a")))
        assert record.outcome == FetchOutcome.ERROR
        assert "loop" in record.error
        assert len(server.requests_to(f"{base}/a")) == 1

    def test_a_long_chain_of_redirects_is_a_fetch_error(self, server):
        base = f"/{next(paths)}"
        for step in range(6):
            server.route(f"{base}/{step}", status=307, headers={"Location": f"{base}/{step + 1}"})
        record = fetched(source_for(server.url(f"{base}/0")))
        assert "More than 3 redirects" in record.error

    def test_a_followed_redirect_resolves_links_against_the_final_address(self, server):
        base = f"/{next(paths)}"
        server.route(f"{base}/old", status=301, headers={"Location": f"{base}/new/feed"})
        server.route(f"{base}/new/feed", body=rss(item("r", link="story")), headers={"Content-Type": RSS})
        source = source_for(server.url(f"{base}/old"))
        assert fetched(source).new_items == 1
        assert FeedItem.objects.get(source=source).link == server.url(f"{base}/new/story")

    def test_a_failure_while_storing_is_recorded_not_raised(self, serve, monkeypatch):
        def broken_store(source, entries, *, now=None):
            raise RuntimeError("the database went away")

        monkeypatch.setattr(fetching, "store_entries", broken_store)
        record = fetched(source_for(serve(rss(item("x")))))
        assert record.outcome == FetchOutcome.ERROR
        assert record.error == "The items could not be stored (RuntimeError)."


class TestInternalAddresses:
    @pytest.fixture(autouse=True)
    def setting_off(self, settings):
        settings.OUTBOUND_ALLOW_INTERNAL_ADDRESSES = False

    @pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
    def test_loopback_is_refused_before_any_request(self, server, host):
        path = f"/{next(paths)}/feed.xml"
        server.route(path, body=rss(item("secret")), headers={"Content-Type": RSS})
        record = fetched(source_for(f"http://{host}:{server.port}{path}"))
        assert record.outcome == FetchOutcome.ERROR
        assert "internal address" in record.error
        assert server.requests_to(path) == []
        assert not FeedItem.objects.exists()

    def test_the_cloud_metadata_address_is_refused(self):
        started = time.monotonic()
        record = fetched(source_for("http://169.254.169.254/latest/meta-data/"))
        assert (record.outcome, record.http_status) == (FetchOutcome.ERROR, None)
        assert record.error == "169.254.169.254 is an internal address."
        assert time.monotonic() - started < 0.5  # refused, not tried


class TestConditionalGet:
    def test_an_unchanged_feed_answers_304_and_is_not_modified(self, serve, server):
        body = rss(item("a"), item("b"))

        def conditional(request):
            if request.headers.get("If-None-Match") == '"v1"':
                answer(request, b"", status=304, headers={"ETag": '"v1"'})
            else:
                answer(request, body, headers={"ETag": '"v1"', "Last-Modified": "Mon, 03 Jun 2024 10:00:00 GMT"})

        url = serve(handler=conditional)
        source = source_for(url)
        assert fetched(source).new_items == 2
        assert (source.etag, source.last_modified) == ('"v1"', "Mon, 03 Jun 2024 10:00:00 GMT")
        later = timezone.now() + timedelta(hours=1)
        record = fetched(source, now=later)
        assert (record.outcome, record.http_status, record.new_items) == (FetchOutcome.NOT_MODIFIED, 304, 0)
        assert (source.last_success_at, source.consecutive_failures) == (later, 0)
        assert source.etag == '"v1"'
        first, second = server.requests_to(path_of(url))
        assert "If-None-Match" not in first[2]
        assert second[2]["If-None-Match"] == '"v1"'
        assert second[2]["If-Modified-Since"] == "Mon, 03 Jun 2024 10:00:00 GMT"
        assert FeedItem.objects.filter(source=source).count() == 2


class TestBackoff:
    @pytest.mark.parametrize(
        ("interval", "failures", "delay"),
        [
            (60, 0, timedelta(hours=1)),
            (60, 1, timedelta(hours=2)),
            (60, 3, timedelta(hours=8)),
            (60, 5, timedelta(hours=24)),  # 32 hours, capped
            (60, 1000, timedelta(hours=24)),
            (15, 2, timedelta(hours=1)),
            (7 * 24 * 60, 2, timedelta(days=7)),  # a weekly source never waits less than a week
        ],
    )
    def test_next_fetch_delay(self, interval, failures, delay):
        assert next_fetch_delay(FeedSource(fetch_interval=interval, consecutive_failures=failures)) == delay

    def test_failures_back_off_and_a_success_resets(self, serve, server):
        url = serve(b"gone", status=503, headers={"Content-Type": "text/plain"})
        source = source_for(url)
        now = timezone.now()
        for _attempt in range(3):
            record = fetched(source, now=now)
        assert record.error.startswith("HTTP 503")
        assert source.consecutive_failures == 3
        assert source.next_fetch_at == now + timedelta(hours=8)
        assert source.last_success_at is None
        route = server.routes[path_of(url)]
        route.status, route.body, route.headers = 200, rss(item("back")), {"Content-Type": RSS}
        fetched(source, now=now)
        assert (source.consecutive_failures, source.last_error) == (0, "")
        assert source.next_fetch_at == now + timedelta(hours=1)
        assert FetchRecord.objects.filter(source=source).count() == 4


class TestManySources:
    def test_a_slow_source_does_not_hold_back_a_fast_one(self, serve, server, settings, release):
        settings.AGGREGATION_READ_TIMEOUT = 2
        settings.AGGREGATION_TOTAL_TIMEOUT = 3
        seen_while_slow = []

        def slow(request):
            release.wait(0.8)
            # Fetched one after another (the slow source first), nothing else would have been asked yet.
            seen_while_slow.extend(path for _method, path, _headers in server.requests)
            answer(request, rss(item("slow")))

        slow_source = source_for(serve(handler=slow))
        fast = source_for(serve(rss(item("fast"))))
        broken = source_for(serve(b"not a feed at all", headers={"Content-Type": "text/plain"}))
        not_due = source_for(serve(rss(item("later"))), next_fetch_at=timezone.now() + timedelta(hours=1))
        paused = source_for(serve(rss(item("paused"))), is_active=False)
        started = time.monotonic()
        records = fetch_due_sources(concurrency=3)
        elapsed = time.monotonic() - started
        assert [record.source for record in records][-1] == slow_source  # the others were stored first
        assert {record.source for record in records} == {slow_source, fast, broken}
        by_source = {record.source: record for record in records}
        assert by_source[fast].outcome == FetchOutcome.OK
        assert by_source[fast].duration_ms < by_source[slow_source].duration_ms
        assert by_source[broken].outcome == FetchOutcome.ERROR
        assert by_source[slow_source].outcome == FetchOutcome.OK and by_source[slow_source].duration_ms >= 700
        # The others were asked while the slow one was still waiting: the downloads ran side by side.
        assert {urlsplit(source.url).path for source in (fast, broken)} <= set(seen_while_slow)
        assert elapsed < 1.6
        assert not FeedItem.objects.filter(source__in=[not_due, paused]).exists()
        assert FeedItem.objects.filter(source__in=[slow_source, fast]).count() == 2

    def test_the_task_fetches_due_sources_in_process_with_the_immediate_backend(self, serve):
        due = source_for(serve(rss(item("task"))))
        result = fetch_due_feeds.enqueue()
        assert result.return_value == {"fetched": 1, "enqueued": 0}
        assert FetchRecord.objects.get(source=due).outcome == FetchOutcome.OK
        assert fetch_feed.enqueue(due.pk).return_value == FetchOutcome.OK
        assert fetch_feed.enqueue(0).return_value == "skipped"

    @override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
    def test_the_task_enqueues_one_fetch_per_due_source_with_a_queue(self, serve):
        from django_tasks_db.models import DBTaskResult

        due = [source_for(serve(rss(item("q1")))), source_for(serve(rss(item("q2"))))]
        source_for(serve(rss(item("q3"))), is_active=False)
        fetch_due_feeds.call()
        queued = DBTaskResult.objects.filter(task_path="network.aggregation.tasks.fetch_feed")
        assert sorted(task.args_kwargs["args"][0] for task in queued) == sorted(source.pk for source in due)
        assert not FeedSource.objects.due().exists()  # held until their fetches run
        fetch_due_feeds.call()
        assert queued.count() == 2
        assert fetch_feed.call(due[0].pk) == FetchOutcome.OK  # what the worker runs
        assert FeedItem.objects.get(source=due[0]).guid == "q1"


class TestCommand:
    def run(self, *args):
        out = StringIO()
        call_command("fetch_feeds", *args, stdout=out)
        return out.getvalue()

    def test_due_sources_are_fetched_and_reported(self, serve):
        source_for(serve(rss(item("c1"), item("c2"))), name="Good feed")
        source_for(serve(b"", status=404), name="Missing feed")
        source_for(serve(rss(item("c3"))), name="Later feed", next_fetch_at=timezone.now() + timedelta(hours=1))
        output = self.run()  # a failed source does not fail the command
        lines = output.splitlines()
        assert "Good feed: Fetched, 2 new, 0 updated" in lines
        assert "Missing feed: Failed, 0 new, 0 updated (HTTP 404 Not Found)" in lines
        assert "Later feed" not in output
        assert lines[-1] == "2 sources: 1 fetched, 0 not modified, 1 failed; 2 new items, 0 updated."
        assert self.run() == "No news source is due.\n"

    def test_all_fetches_every_active_source_due_or_not(self, serve):
        source_for(serve(rss(item("a1"))), name="Due")
        source_for(serve(rss(item("a2"))), name="Not due", next_fetch_at=timezone.now() + timedelta(hours=1))
        source_for(serve(rss(item("a3"))), name="Paused", is_active=False)
        output = self.run("--all")
        assert "Due: Fetched" in output and "Not due: Fetched" in output and "Paused" not in output

    def test_one_source_even_when_paused(self, serve):
        paused = source_for(serve(rss(item("p1"))), name="Paused one", is_active=False)
        output = self.run("--source", str(paused.pk))
        assert output.splitlines()[0] == "Paused one: Fetched, 1 new, 0 updated"
        assert FeedItem.objects.filter(source=paused).count() == 1

    @pytest.mark.parametrize("args", [("--source", "0"), ("--source", "abc"), ("--all", "--source", "1")])
    def test_a_bad_argument_fails_the_command(self, args):
        with pytest.raises(CommandError):
            self.run(*args)
        assert not FetchRecord.objects.exists()
