"""How long fetching the network's feeds takes: 200 sources of 50 items each, from a server on loopback.

    .venv/bin/python -m bench.aggregation              # a fresh SQLite database of its own
    DATABASE_URL=postgres://... .venv/bin/python -m bench.aggregation

`make bench` runs it on a copy of the bench database. It serves 200 RSS 2.0 feeds of 50 items
(HTML in every item, an ETag on every feed) from a threaded HTTP server on loopback, makes 200
sources, and times `fetch_due_sources` twice: the first fetch stores 10,000 new items, the second
asks again with the stored ETags and gets "304 Not Modified" from every feed. It prints the time of
each, items per second, and one JSON line (the last line) for bench/run.py.
"""

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SOURCES = int(os.environ.get("BENCH_FEED_SOURCES", "200"))
ITEMS = int(os.environ.get("BENCH_FEED_ITEMS", "50"))
URL_PREFIX = "http://127.0.0.1"


def feed(number):
    items = "".join(
        f"<item><title>Haber {number}-{item}: şehir eşleştirme</title>"
        f"<link>https://partner-{number}.example/haber/{item}/</link><guid>partner-{number}-{item}</guid>"
        f"<pubDate>Mon, 0{1 + item % 9} Apr 2019 09:00:00 +0300</pubDate>"
        f'<description>&lt;p&gt;Proje ortakları {item}. toplantıda &lt;a href="/x"&gt;bir araya&lt;/a&gt; '
        f"geldi.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description></item>"
        for item in range(ITEMS)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Partner {number}</title>'
        f"<link>https://partner-{number}.example/</link><description>News</description><language>tr</language>"
        f"{items}</channel></rss>"
    ).encode()


def serve(server, path, body):
    etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'

    def answer(request):
        if request.headers.get("If-None-Match") == etag:
            request.send_response(304)
            request.send_header("ETag", etag)
            request.send_header("Content-Length", "0")
            request.end_headers()
            return
        request.send_response(200)
        for name, value in (("Content-Type", "application/rss+xml"), ("ETag", etag), ("Content-Length", len(body))):
            request.send_header(name, str(value))
        request.end_headers()
        request.wfile.write(body)

    return server.route(path, handler=answer)


def run():
    import django

    django.setup()
    from django.test.utils import override_settings

    from network.aggregation.fetching import fetch_due_sources
    from network.aggregation.models import FeedItem, FeedSource, OwnerKind
    from tests.loopback_http import LoopbackServer

    with LoopbackServer() as server, override_settings(OUTBOUND_ALLOW_INTERNAL_ADDRESSES=True):
        FeedSource.objects.filter(url__startswith=URL_PREFIX).delete()
        FeedSource.objects.bulk_create(
            FeedSource(
                name=f"Partner {number}",
                url=serve(server, f"/feeds/{number}.xml", feed(number)),
                owner_kind=OwnerKind.MEDIA,
                language="tr",
                publish_immediately=True,
            )
            for number in range(SOURCES)
        )
        started = time.perf_counter()
        first = fetch_due_sources()
        first_s = time.perf_counter() - started
        stored = FeedItem.objects.filter(source__url__startswith=URL_PREFIX).count()
        FeedSource.objects.filter(url__startswith=URL_PREFIX).update(next_fetch_at=None)
        started = time.perf_counter()
        second = fetch_due_sources()
        second_s = time.perf_counter() - started
        FeedSource.objects.filter(url__startswith=URL_PREFIX).delete()

    errors = [record.error for record in [*first, *second] if record.error]
    result = {
        "sources": SOURCES,
        "items_per_source": ITEMS,
        "items_stored": stored,
        "first_fetch_s": round(first_s, 2),
        "items_per_s": round(stored / first_s, 1) if first_s else None,
        "not_modified_fetch_s": round(second_s, 2),
        "errors": len(errors),
    }
    print(f"Feeds: {SOURCES} sources x {ITEMS} items from loopback")
    print(f"  first fetch:   {first_s:6.2f} s, {stored:,} items stored ({result['items_per_s']} items/s)")
    print(f"  second fetch:  {second_s:6.2f} s, every feed answered 304 Not Modified")
    if errors:
        print(f"  {len(errors)} fetches failed, the first: {errors[0]}")
    print(json.dumps(result))
    return result


def main():
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    if os.environ.get("DATABASE_URL"):
        run()
        return
    with tempfile.TemporaryDirectory() as directory:
        os.environ["DATABASE_URL"] = f"sqlite:///{directory}/aggregation.sqlite3"
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=BASE_DIR, check=True)
        run()


if __name__ == "__main__":
    main()
