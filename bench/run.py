"""`make bench`: how fast the public site answers, uncached and through Varnish.

    .venv/bin/python -m bench.run                      # SQLite in bench/data/bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python -m bench.run

1. Builds the data set in its own database (the demo content, then bench/data.py scales it to
   10,000 signatories, 300 supporters, 2,000 news items and 500 events in every language);
   built once, reused by later runs (delete bench/data/bench.sqlite3, or the PostgreSQL
   database, to build it again). With DATABASE_URL, that database is used: give it a
   database of its own (it is created if missing).
2. Serves it as in production: gunicorn, `cms.settings.production`, DEBUG off, 2 sync
   workers, persistent database connections, the shared cache in files (or Redis with REDIS_URL).
3. Measures each URL with wrk (8 connections, BENCH_DURATION seconds, default 10) after a
   warm-up, and counts its SQL queries and bytes in-process (the shared cache warm, as between
   two requests of the server). `robots.txt` touches no database: the framework's ceiling on
   this machine; `ratio` is a URL's requests/s over that ceiling.
4. Where `varnishd` is installed: the same URLs through Varnish (deploy/varnish/default.vcl),
   a static file of the same bytes through the same Varnish, and the time a publish takes to
   show through the cache.
5. Times `import_signatories` of each number of rows in BENCH_IMPORT_ROWS (default 10,000 and
   100,000, comma-separated; 0 for none) into a copy of the database, in wall-clock and CPU time
   (the CPU time of the command, not of the database), and reads the workers' memory after the
   whole run.
6. Times fetching 200 feeds of 50 items each from a server on loopback, into a copy of the
   database (bench/aggregation.py): the first fetch and the conditional second one.

Prints one table per pass and writes bench/results/latest.json (the uncached rows: url, rps,
p50_ms, p99_ms, queries, bytes, ratio) and bench/results/latest-summary.json (everything).
Needs wrk (`apt-get install -y wrk`); Varnish is optional (`apt-get install -y varnish`).
"""

import contextlib
import csv
import datetime
import hashlib
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / "bench" / "data"
RESULTS_DIR = BASE_DIR / "bench" / "results"
VCL = BASE_DIR / "deploy" / "varnish" / "default.vcl"
PYTHON = sys.executable
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
IMPORT_ROWS = [int(rows) for rows in os.environ.get("BENCH_IMPORT_ROWS", "10000,100000").split(",") if int(rows or 0)]

# Seconds for import_signatories: 10,000 rows "well under a minute", 100,000 in under five minutes.
IMPORT_TARGETS = {10_000: 30, 100_000: 300}
# The targets of the performance issue (requests/s uncached on PostgreSQL, p99 in ms).
TARGETS = {
    "news item": 300,
    "event": 300,
    "signatory profile": 300,
    "supporter profile": 300,
    "home": 150,
    "news index": 150,
    "directory": 150,
    "directory, filtered": 150,
    "directory, page 50": 150,
    "directory, by supporter": 150,
    "search": 100,
}
P99_TARGET_MS = 100


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url():
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DATA_DIR / 'bench.sqlite3'}"


def server_environment(db_url, port):
    """The environment of the production server (and of this process, which shares its cache)."""
    digest = hashlib.sha256(db_url.encode()).hexdigest()[:12]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DATABASE_URL": db_url,
        "SECRET_KEY": "bench-" + hashlib.sha256(f"{db_url}{port}".encode()).hexdigest(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DB_CONN_MAX_AGE": "600",
        "LOG_LEVEL": "ERROR",
        "CACHE_DIR": str(DATA_DIR / f"cache-{digest}"),
        "BASE_URL": f"http://127.0.0.1:{port}",
        "PYTHONPATH": str(BASE_DIR),
        # wrk is one client asking thousands of searches a minute: what is measured is the search,
        # not the rate limit's 429 answers.
        "SEARCH_RATE_LIMIT": "100000000/m",
    }
    env.pop("VARNISH_URL", None)  # purges are sent by the publish test only (publish_latency)
    return env


def ensure_postgres_database(db_url):
    """Create the PostgreSQL database of DATABASE_URL if it does not exist."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(db_url)
    params = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
    return config, params


# The data set and the list of URLs ------------------------------------------------------------


def prepare(out):
    """Migrate, load the demo, scale it, collect static files; {name: url} of the pages to measure."""
    import io

    from django.core.management import call_command
    from django.db import connection

    from bench.data import scale_content
    from signatories.models import SignatoryPage

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    if SignatoryPage.objects.filter(slug__startswith="bench-").exists():
        # load_demo checks every page again: minutes on the scaled data set, for nothing new.
        out.write("Data set found (delete its database to build it again)\n")
    else:
        call_command("load_demo", stdout=io.StringIO())
    added = scale_content(stdout=out)
    if any(added.values()):
        out.write("Indexing for search...\n")
        call_command("update_index", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    # The planner's statistics, as autovacuum keeps them on a live PostgreSQL (some servers run
    # without it): plans made for empty tables are not those of a site with 50,000 pages.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    out.write(f"Data set ready in {time.perf_counter() - started:.0f} s\n")
    return pick_urls()


def pick_urls():
    from django.db.models import Count
    from wagtail.models import Locale

    from home.models import HomePage
    from network.agenda.models import AgendaIndexPage, EventPage
    from network.news.models import NewsCategory, NewsIndexPage, NewsPage
    from network.supporters.models import SupporterPage
    from signatories.models import SignatoryIndexPage, SignatoryNetworkLink, SignatoryPage

    en = Locale.objects.get(language_code="en")

    def live(model):
        return model.objects.live().filter(locale=en)

    def demo(model):
        return live(model).exclude(slug__startswith="bench-")

    news = demo(NewsPage).filter(lead_image__isnull=False).order_by("-date").first() or demo(NewsPage).first()
    signatory = demo(SignatoryPage).annotate(reports=Count("monitoring_reports")).order_by("-reports", "pk").first()
    directory = live(SignatoryIndexPage).first().url
    event = demo(EventPage).order_by("-start").first()
    category = NewsCategory.objects.filter(locale=en).order_by("pk").first()
    # The supporter that the most signatories name.
    most_named = (
        SignatoryNetworkLink.objects.filter(supporter_page__isnull=False)
        .values("supporter_page__translation_key")
        .annotate(links=Count("pk"))
        .order_by("-links")
        .first()
    )
    supported = (
        most_named and live(SupporterPage).filter(translation_key=most_named["supporter_page__translation_key"]).first()
    )
    urls = {
        "home": live(HomePage).first().url,
        "news index": live(NewsIndexPage).first().url,
        "news item": news.url,
        "event": event.url,
        "agenda index": live(AgendaIndexPage).first().url,
        "directory": directory,
        "directory, filtered": directory + "?country=TR&status=adhesion&sort=-population",
        "directory, page 50": directory + "?page=50",
        "directory, by supporter": directory + f"?supporter={supported.slug}" if supported else None,
        "signatory profile": signatory.url,
        "supporter profile": demo(SupporterPage).order_by("pk").first().url,
        "search": "/en/search/?q=climate+energy",
        "news RSS": "/en/feeds/news/rss/",
        "news Atom": "/en/feeds/news/atom/",
        "agenda RSS": "/en/feeds/agenda/rss/",
        "agenda iCalendar": "/en/feeds/agenda/agenda.ics",
        "news RSS, a category": f"/en/feeds/news/category/{category.slug}/rss/" if category else None,
        "event iCalendar": f"/en/feeds/agenda/events/{event.pk}.ics",
        "404": "/en/no-such-page/",
        "robots.txt": "/robots.txt",
    }
    return {name: url for name, url in urls.items() if url}, news.pk


def count_queries(urls, host):
    """{name: (queries, bytes, status)} of each URL, as the second of two requests (caches warm)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=host)
    counts = {}
    for name, url in urls.items():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counts[name] = (len(queries), len(response.content), response.status_code)
    return counts


# Servers -----------------------------------------------------------------------------------------


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own server
                response.read()
                return True
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.2)
    return False


@contextlib.contextmanager
def gunicorn(env, port):
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        "cms.wsgi:application",
        "--workers",
        str(WORKERS),
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=BASE_DIR, env=env, start_new_session=True)  # noqa: S603
    try:
        if not wait_for(f"http://127.0.0.1:{port}/robots.txt"):
            raise RuntimeError("gunicorn did not start")
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


@contextlib.contextmanager
def varnish(backend_port, port):
    """varnishd in the foreground with the repository's VCL, pointed at the bench's gunicorn."""
    workdir = Path(tempfile.mkdtemp(prefix="bench-varnish-"))
    vcl = workdir / "default.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
    os.chmod(workdir, 0o755)  # noqa: S103 - varnishd drops to its own user and must read the VCL
    os.chmod(vcl, 0o644)
    command = [
        shutil.which("varnishd"),
        "-F",
        "-a",
        f"127.0.0.1:{port}",
        "-f",
        str(vcl),
        "-n",
        str(workdir / "instance"),
        "-s",
        "malloc,256m",
    ]
    process = subprocess.Popen(  # noqa: S603
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        if not wait_for(f"http://127.0.0.1:{port}/robots.txt", timeout=30):
            process.kill()
            raise RuntimeError("varnishd did not start: " + process.stderr.read().decode(errors="replace")[-2000:])
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(workdir, ignore_errors=True)


def worker_memory_mb(master):
    """Resident memory (MB) of each worker of a gunicorn master process."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        with contextlib.suppress(OSError):
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
            if fields.get("PPid", "").strip() == str(master.pid):
                sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sorted(sizes)


# wrk ---------------------------------------------------------------------------------------------

UNITS_MS = {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}


def _milliseconds(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return float(match[1]) * UNITS_MS[match[2]] if match else None


def wrk(url, duration):
    """{rps, p50_ms, p99_ms, errors, non_2xx} of `url` under CONNECTIONS connections for `duration` seconds."""
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}s", "--timeout", "10s", "--latency", url]
    return parse_wrk(subprocess.run(command, capture_output=True, text=True, check=True).stdout)  # noqa: S603


def parse_wrk(output):
    """{rps, p50_ms, p99_ms, errors, non_2xx} from wrk's report (with --latency)."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.MULTILINE))
    errors = re.search(r"Socket errors: (.*)", output)
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": round(rps, 1),
        "p50_ms": round(_milliseconds(percentiles["50"]), 2),
        "p99_ms": round(_milliseconds(percentiles["99"]), 2),
        "errors": errors[1] if errors else "",
        "non_2xx": int(failed[1]) if failed else 0,
    }


def settle(base):
    """Wait until the server has answered what wrk left queued (the next URL starts on an idle server)."""
    for _ in range(CONNECTIONS):
        wait_for(base + "/robots.txt", timeout=60)


def measure(base, urls, counts, out, title):
    rows = []
    for name, url in urls.items():
        if WARMUP:
            wrk(base + url, WARMUP)
            settle(base)
        result = wrk(base + url, DURATION)
        settle(base)
        queries, size, status = counts.get(name, (None, None, None))
        rows.append({"name": name, "url": url, **result, "queries": queries, "bytes": size, "status": status})
        out.write(f"  {name}: {result['rps']:.0f} requests/s\n")
        out.flush()
    ceiling = next((row["rps"] for row in rows if row["name"] == "robots.txt"), None)
    for row in rows:
        row["ratio"] = round(row["rps"] / ceiling, 3) if ceiling else None
    out.write(table(rows, title) + "\n")
    return rows


def table(rows, title):
    lines = [
        title,
        f"{'URL':<62}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'queries':>9}{'bytes':>9}{'ratio':>7}",
    ]
    for row in rows:
        queries = "" if row.get("queries") is None else str(row["queries"])
        size = "" if row.get("bytes") is None else str(row["bytes"])
        ratio = "" if row.get("ratio") is None else f"{row['ratio']:.2f}"
        label = f"{row['name']}: {row['url']}"
        if len(label) > 60:
            label = label[:59] + "…"
        lines.append(
            f"{label:<62}{row['rps']:>8.0f}{row['p50_ms']:>9.1f}{row['p99_ms']:>9.1f}{queries:>9}{size:>9}{ratio:>7}"
        )
        if row.get("errors"):
            lines.append(f"{'':<4}socket errors: {row['errors']}")
        if row.get("non_2xx") and (row.get("status") or 200) < 400:
            # Answers other than the page's own (a 429, a 500): its figures are not the page's.
            lines.append(f"{'':<4}{row['non_2xx']} responses were not 2xx or 3xx")
    return "\n".join(lines)


# Through Varnish -----------------------------------------------------------------------------------


def publish_latency(base, url, page_id, out):
    """Seconds from the end of a publish until Varnish serves the new title (then restored).

    The publish happens in this process, as in an editor's request: the front-cache purge goes
    to the Varnish at `base`, through wagtail.contrib.frontend_cache (core/frontend_cache.py).
    """
    from django.test import override_settings
    from wagtail.models import Page

    backends = {"varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": base}}
    with override_settings(WAGTAILFRONTENDCACHE=backends):
        page = Page.objects.get(pk=page_id).specific
        for _ in range(2):
            with urllib.request.urlopen(base + url) as response:  # noqa: S310 - our own server
                response.read()  # cached now
        original = page.title
        marker = f"{original} (published {datetime.datetime.now(datetime.UTC):%H%M%S%f})"
        page.title = marker
        page.save_revision().publish()
        published = time.perf_counter()
        seen = None
        while time.perf_counter() - published < 10:
            with urllib.request.urlopen(base + url) as response:  # noqa: S310 - our own server
                if marker.encode() in response.read():
                    seen = time.perf_counter() - published
                    break
            time.sleep(0.01)
        page = Page.objects.get(pk=page.pk).specific
        page.title = original
        page.save_revision().publish()
    out.write(f"Publish visible through Varnish after {seen:.3f} s\n" if seen else "Publish not visible after 10 s\n")
    return seen


def static_copy(urls, name, host):
    """A static file with the bytes of the page `name` (served by WhiteNoise, cached by Varnish)."""
    from django.conf import settings
    from django.test import Client

    body = Client(HTTP_HOST=host).get(urls[name]).content
    target = Path(settings.STATIC_ROOT) / "bench" / "page.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(body)
    return "/static/bench/page.html"


# import_signatories ------------------------------------------------------------------------------------


def import_benchmark(db_url, env, rows, out):
    """{rows, seconds, cpu_s} of `manage.py import_signatories` with `rows` new rows, in a copy of the
    database (None if it failed)."""
    from django.db import connections

    connections.close_all()
    csv_path = DATA_DIR / f"import-{rows}.csv"
    write_import_csv(csv_path, rows)
    copy_url, drop = copy_database(db_url)
    try:
        command = [PYTHON, "manage.py", "import_signatories", str(csv_path)]
        started, cpu_before = time.perf_counter(), _children_cpu()
        result = subprocess.run(  # noqa: S603
            command, cwd=BASE_DIR, env={**env, "DATABASE_URL": copy_url}, capture_output=True, text=True
        )
        elapsed, cpu = time.perf_counter() - started, _children_cpu() - cpu_before
    finally:
        drop()
    if result.returncode != 0:
        out.write(f"import_signatories failed:\n{result.stderr[-3000:]}\n")
        return None
    report = " ".join(line for line in result.stdout.splitlines() if line.startswith(("Created", "Time")))
    out.write(f"import_signatories of {rows:,} rows: {elapsed:.0f} s in all, {cpu:.0f} s of CPU ({report})\n")
    return {"rows": rows, "seconds": round(elapsed, 1), "cpu_s": round(cpu, 1)}


def feeds_benchmark(db_url, env, out):
    """What bench/aggregation.py measures (fetching 200 feeds of 50 items), in a copy of the database."""
    from django.db import connections

    connections.close_all()
    copy_url, drop = copy_database(db_url)
    try:
        result = subprocess.run(  # noqa: S603
            [PYTHON, "-m", "bench.aggregation"],
            cwd=BASE_DIR,
            env={**env, "DATABASE_URL": copy_url},
            capture_output=True,
            text=True,
        )
    finally:
        drop()
    if result.returncode != 0:
        out.write(f"bench.aggregation failed:\n{result.stderr[-3000:]}\n")
        return None
    *lines, last = result.stdout.strip().splitlines()
    out.write("\n".join(lines) + "\n")
    return json.loads(last)


def _children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def write_import_csv(path, rows):
    from signatories.exports import COLUMN_NAMES

    if path.exists():
        return
    countries = ["TR", "TM", "PT", "AT", "GE", "UA", "RO", "AZ"]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMN_NAMES)
        writer.writeheader()
        for number in range(rows):
            writer.writerow(
                {
                    "organisation_id": f"IMPORT-{number:06d}",
                    "name": f"Importköy {number}",
                    "country_code": countries[number % len(countries)],
                    "region": f"Region {number % 80}",
                    "latitude": f"{36 + number % 600 / 100:.4f}",
                    "longitude": f"{26 + number % 1900 / 100:.4f}",
                    "population": 1000 + (number * 37) % 900_000,
                    "population_year": 2020,
                    "signatory_status": "adhesion",
                    "adhesion_type": "individual",
                    "date_of_adhesion": (
                        datetime.date(2010, 1, 1) + datetime.timedelta(days=number % 5000)
                    ).isoformat(),
                    "commitment_2030": "1" if number % 2 else "0",
                    "target_2030_percent": "40" if number % 2 else "",
                    "commitment_2050": "1" if number % 3 == 0 else "0",
                }
            )


def copy_database(db_url):
    """(url of a copy of the database, function that drops it)."""
    if db_url.startswith("sqlite"):
        source = Path(db_url.removeprefix("sqlite:///"))
        copy = DATA_DIR / "import-copy.sqlite3"
        shutil.copyfile(source, copy)
        return f"sqlite:///{copy}", lambda: copy.unlink(missing_ok=True)
    import psycopg
    from psycopg import sql

    config, params = ensure_postgres_database(db_url)
    name = config["NAME"] + "_import"
    with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(config["NAME"]))
        )

    def drop():
        with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))

    return db_url.rsplit("/", 1)[0] + "/" + name, drop


# The run -------------------------------------------------------------------------------------------------


def machine():
    cpu, memory = platform.processor(), ""
    with contextlib.suppress(OSError, StopIteration):
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        cpu = next(line.split(":", 1)[1].strip() for line in lines if line.startswith("model name"))
    with contextlib.suppress(OSError, StopIteration):
        lines = Path("/proc/meminfo").read_text().splitlines()
        kilobytes = int(next(line for line in lines if line.startswith("MemTotal")).split()[1])
        memory = f", {kilobytes / 1024 / 1024:.0f} GB RAM"
    return f"{cpu}, {os.cpu_count()} cores{memory}, {platform.platform()}"


def versions():
    import django
    import wagtail

    return f"Python {platform.python_version()}, Django {django.get_version()}, Wagtail {wagtail.__version__}"


def check_targets(rows, varnish_rows, summary):
    lines = ["Targets"]
    by_name = {row["name"]: row for row in rows}
    for name, minimum in TARGETS.items():
        row = by_name.get(name)
        if row:
            ok = row["rps"] >= minimum and row["p99_ms"] < P99_TARGET_MS
            lines.append(
                f"  {'ok  ' if ok else 'MISS'} {name}: {row['rps']:.0f} req/s (>= {minimum}), "
                f"p99 {row['p99_ms']:.0f} ms (< {P99_TARGET_MS})"
            )
    over = [row["name"] for row in rows if row.get("queries") is not None and row["queries"] > 12]
    lines.append(
        f"  {'ok  ' if not over else 'MISS'} at most 12 queries per page{': ' + ', '.join(over) if over else ''}"
    )
    if varnish_rows:
        cached = next(row for row in varnish_rows if row["name"] == "news item")
        static = next(row for row in varnish_rows if row["name"] == "static file, same bytes")
        ratio = cached["rps"] / static["rps"]
        lines.append(
            f"  {'ok  ' if ratio >= 0.5 else 'MISS'} cached page / static file through Varnish: {ratio:.2f} (>= 0.5)"
        )
    if summary.get("publish_visible_s") is not None:
        seconds = summary["publish_visible_s"]
        lines.append(f"  {'ok  ' if seconds < 1 else 'MISS'} publish visible through Varnish: {seconds:.3f} s (< 1)")
    for result in summary.get("imports", []):
        limit = IMPORT_TARGETS.get(result["rows"])
        if limit:
            lines.append(
                f"  {'ok  ' if result['seconds'] < limit else 'MISS'} import_signatories, {result['rows']:,} rows: "
                f"{result['seconds']:.0f} s (< {limit}; {result['cpu_s']:.0f} s of CPU)"
            )
    if summary.get("worker_memory_mb"):
        largest = max(summary["worker_memory_mb"])
        lines.append(f"  {'ok  ' if largest < 200 else 'MISS'} worker memory after the run: {largest:.0f} MB (< 200)")
    return "\n".join(lines)


def main():
    out = sys.stdout
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    db_url = database_url()
    if db_url.startswith("postgres"):
        ensure_postgres_database(db_url)
    port = free_port()
    varnish_port = free_port() if shutil.which("varnishd") else None
    env = server_environment(db_url, port)
    os.environ.update(env)
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.core.cache import cache

    out.write(f"Database: {db_url}\nMachine: {machine()}\n{versions()}\n")
    urls, news_id = prepare(out)
    host = f"127.0.0.1:{port}"
    cache.clear()
    counts = count_queries(urls, host)
    static_url = static_copy(urls, "news item", host) if varnish_port else None
    summary = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": versions(),
        "database": "PostgreSQL" if db_url.startswith("postgres") else "SQLite",
        "cache": "Redis" if os.environ.get("REDIS_URL") else "files",
        "workers": WORKERS,
        "connections": CONNECTIONS,
        "duration_s": DURATION,
    }
    varnish_rows = []
    with gunicorn(env, port) as master:
        base = f"http://{host}"
        rows = measure(base, urls, counts, out, f"Uncached: gunicorn, {WORKERS} workers, {summary['database']}")
        if varnish_port:
            with varnish(port, varnish_port):
                vbase = f"http://127.0.0.1:{varnish_port}"
                cached_urls = {**urls, "static file, same bytes": static_url}
                varnish_rows = measure(vbase, cached_urls, counts, out, "Through Varnish (cached)")
                summary["publish_visible_s"] = publish_latency(vbase, urls["news item"], news_id, out)
        summary["worker_memory_mb"] = [round(size, 1) for size in worker_memory_mb(master)]
    summary["imports"] = [result for rows in IMPORT_ROWS if (result := import_benchmark(db_url, env, rows, out))]
    summary["feeds"] = feeds_benchmark(db_url, env, out)
    out.write(check_targets(rows, varnish_rows, summary) + "\n")

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    keys = ("url", "rps", "p50_ms", "p99_ms", "queries", "bytes", "ratio")
    (RESULTS_DIR / "latest.json").write_text(
        json.dumps([{key: row[key] for key in keys} for row in rows], indent=2) + "\n"
    )
    summary["uncached"] = rows
    summary["varnish"] = varnish_rows
    (RESULTS_DIR / "latest-summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    out.write(f"Written: {RESULTS_DIR / 'latest.json'}, {RESULTS_DIR / 'latest-summary.json'}\n")


if __name__ == "__main__":
    main()
