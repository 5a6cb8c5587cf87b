"""The production stack of deploy/, started as `make stack` starts it, proven end to end.

nginx -> Varnish -> nginx -> two gunicorn (deploy/gunicorn.conf.py) and one task worker, on
loopback ports of the test's own, on the machine's PostgreSQL (a database of the test's own,
see tests/production.py) and Redis (a database number of its own), with a real SMTP sink. The
processes are those of `deploy.stack.Stack`, the class behind `make stack`.

Each test prints what it measured (failures while a server is killed, p99 of page requests
during a newsletter send); the README's Deploying section quotes them.
"""

import html.parser
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import tarfile
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
import redis

from deploy.stack import Stack
from tests.production import (
    ADMIN_PASSWORD,
    ADMIN_USERNAME,
    FORM_PAGE_PATH,
    Browser,
    ProductionServer,
    collected_static,
    drop_postgres_database,
    free_port,
    postgres_bin,
    prepare_database,
    query,
    wait_until,
)
from tests.services import redis_missing, require
from tests.smtp_sink import start_sink

pytestmark = [pytest.mark.slow, pytest.mark.backend_independent]

POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/13"
SUBSCRIBERS = 1000
CONCURRENT_CLIENTS = 6


def missing_programs():
    missing = [name for name in ("nginx", "varnishd") if not (shutil.which(name) or Path(f"/usr/sbin/{name}").exists())]
    if missing:
        return f"{' and '.join(missing)} not installed (apt-get install -y nginx varnish)"
    return None


def postgres_missing():
    try:
        query(f"{POSTGRES}/postgres", "SELECT 1")
    except Exception as error:  # any failure means no server to test against
        return f"no PostgreSQL at 127.0.0.1:5432 ({error.__class__.__name__})"
    return None


@pytest.fixture(scope="module")
def smtp():
    sink, controller = start_sink()
    yield sink
    controller.stop()


@pytest.fixture(scope="module")
def stack(tmp_path_factory, smtp):
    for reason in (missing_programs(), postgres_missing(), redis_missing()):
        require(reason, "the production stack test")
    redis.Redis.from_url(REDIS_URL).flushdb()
    database_url = f"{POSTGRES}/network_stack_test_{os.getpid()}"
    stack = Stack(
        root=tmp_path_factory.mktemp("stack"),
        public_port=free_port(),
        varnish_port=free_port(),
        app_port=free_port(),
        web_ports=(free_port(), free_port()),
        database_url=database_url,
        redis_url=REDIS_URL,
        static_root=collected_static(),
        gunicorn_workers=2,
        gunicorn_threads=2,
        environment={
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": smtp.port,
            "STAFF_NOTIFICATION_EMAILS": "staff@example.org",
            # A day's window: the count must not start again in the middle of the test (django-ratelimit's
            # windows are fixed), only this test searches, and the Redis database is emptied first.
            "SEARCH_RATE_LIMIT": "8/d",
        },
    )
    try:
        prepare_database(database_url)
        with stack:
            yield stack
    finally:
        drop_postgres_database(database_url)


def manage_shell(stack, code):
    """Run Python in the stack's environment (its settings, database and Varnish), as an operator would."""
    return stack.manage("shell", "-c", code)


# Varnish and publishing ---------------------------------------------------------------------------


class FormFields(html.parser.HTMLParser):
    """The fields a browser would send with the form whose id is `form_id`, as (name, value) pairs."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, []
        self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.inside = attributes.get("id") == self.form_id
        if not self.inside or attributes.get("disabled") is not None:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in attributes:
                return
            if kind not in {"submit", "button", "file", "image", "reset"}:
                self.fields.append((name, attributes.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = [name, None, None]  # name, first option, selected option
        elif tag == "option" and self._select:
            value = attributes.get("value", "")
            if self._select[1] is None:
                self._select[1] = value
            if "selected" in attributes:
                self._select[2] = value

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea:
            self.fields.append(tuple(self._textarea))
            self._textarea = None
        elif tag == "select" and self._select:
            name, first, selected = self._select
            if not name.endswith("[]"):
                self.fields.append((name, selected if selected is not None else first or ""))
            self._select = None


def form_fields(page_html, form_id):
    parser = FormFields(form_id)
    parser.feed(page_html)
    return parser.fields


def page_id(stack, url_path):
    return query(stack.database_url, f"SELECT id FROM wagtailcore_page WHERE url_path = '{url_path}'")[0][0]  # noqa: S608


def test_anonymous_pages_are_cached_and_a_publish_in_the_admin_purges_them_at_once(stack):
    visitor = Browser(stack.url)
    first, second = visitor.get("/en/newsletter/"), visitor.get("/en/newsletter/")
    assert first.status == second.status == 200
    assert "public" in first.header("Cache-Control"), first.header("Cache-Control")
    assert (first.header("X-Cache"), second.header("X-Cache")) == ("MISS", "HIT")
    assert int(second.header("Age")) >= 0

    editor = Browser(stack.url)
    editor.log_in_to_admin()
    edit_path = f"/admin/pages/{page_id(stack, '/home/newsletter/')}/edit/"
    form = editor.get(edit_path)
    assert form.status == 200, form.text[:500]
    fields = [(name, value) for name, value in form_fields(form.text, "page-edit-form") if name != "title"]
    fields += [("title", "Newsletter of the stack"), ("action-publish", "action-publish")]
    answer = editor.request("POST", edit_path, data=fields)
    published = time.monotonic()
    assert answer.status == 302, answer.text[:2000]

    seen = wait_until(lambda: "Newsletter of the stack" in visitor.get("/en/newsletter/").text, 1, interval=0.02)
    elapsed = time.monotonic() - published
    print(f"\nPublished in the admin, visible through Varnish after {elapsed:.3f} s")
    assert seen
    assert visitor.get("/en/newsletter/").header("X-Cache") in {"MISS", "HIT"}


# nginx: static files and the body limit ------------------------------------------------------------


def test_static_files_come_from_nginx_compressed_and_immutable(stack):
    manifest = json.loads((stack.static_root / "staticfiles.json").read_text())["paths"]
    hashed = next(name for original, name in manifest.items() if original.endswith(".css"))
    answer = Browser(stack.url).get(f"/static/{hashed}", headers={"Accept-Encoding": "gzip"})
    assert answer.status == 200
    assert answer.headers.get_all("Cache-Control") == ["public, max-age=31536000, immutable"]
    assert answer.header("Content-Encoding") == "gzip"
    assert answer.header("Server") == "nginx"
    # No application server saw it.
    assert f"/static/{hashed}" not in "".join(stack.log_tail(f"web-{port}.log", 10**6) for port in stack.web_ports)


def raw_request(port, head):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(head.encode())
        return connection.recv(4096).decode(errors="replace")


def test_a_body_over_the_upload_limit_is_refused_by_nginx(stack):
    path = "/admin/documents/multiple/add/"
    answer = raw_request(
        stack.public_port,
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{stack.public_port}\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 30000000\r\n\r\n",
    )
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    assert path not in "".join(stack.log_tail(f"web-{port}.log", 10**6) for port in stack.web_ports)


# Email through the worker ----------------------------------------------------------------------------

APPLICATION = {
    "organisation": "Stack test association",
    "kind": "national_association",
    "country": "TR",
    "website": "https://example.org",
    "contact_name": "Ayşe Yılmaz",
    "position": "Coordinator",
    "email": "applicant@stack.example.org",
    "member_authorities": "12",
    "motivation": "We want to support climate action.",
    "planned_services": ["training"],
    "consent": "on",
}


def test_an_expression_of_interest_is_stored_acknowledged_by_the_worker_and_shown_to_staff(stack, smtp):
    answer = Browser(stack.url).post_form(FORM_PAGE_PATH["en"], APPLICATION, form_class="eoi-form")
    assert answer.status == 302, answer.text[:1000]
    assert query(stack.database_url, "SELECT organisation FROM applications_application") == [
        ("Stack test association",)
    ]
    assert wait_until(lambda: smtp.to("applicant@stack.example.org"), 20), stack.log_tail("worker.log")
    assert wait_until(lambda: smtp.to("staff@example.org"), 20)

    staff = Browser(stack.url)
    staff.log_in_to_admin()
    listing = staff.get("/admin/applications/")
    assert listing.status == 200
    assert "Stack test association" in listing.text


NEWSLETTER_SETUP = f"""
from django.contrib.auth import get_user_model
from network.newsletter import sending
from tests.newsletter_factories import NewsletterIssuePageFactory, SubscriberFactory
from network.newsletter.models import NewsletterIndexPage

SubscriberFactory.create_batch({SUBSCRIBERS}, email=__import__("factory").Sequence(lambda n: f"reader{{n:04}}@stack.example.org"))
issue = NewsletterIssuePageFactory(parent=NewsletterIndexPage.objects.get(locale__language_code="en"), title="Stack issue")
staff = get_user_model().objects.get(username="{ADMIN_USERNAME}")
sending.send_test(issue, staff)
sending.start_send(issue, staff)
"""


def timed_get(browser, path, times, failures):
    started = time.perf_counter()
    try:
        status = browser.get(path).status
    except OSError as error:
        failures.append(repr(error))
        return
    times.append(time.perf_counter() - started)
    if status != 200:
        failures.append(status)


def test_a_newsletter_to_a_thousand_subscribers_goes_out_once_each_while_pages_are_served(stack, smtp):
    smtp.clear()

    def readers():
        return [received for received in smtp.messages if received.envelope_to[0].endswith("@stack.example.org")]

    manage_shell(stack, NEWSLETTER_SETUP)
    started = time.monotonic()
    times, failures, sent = [], [], threading.Event()

    def visitor(number):
        """An uncached page every 50 ms or so, until every email is out (at most 400 requests)."""
        browser = Browser(stack.url)
        for request in range(400):
            if sent.is_set():
                return
            timed_get(browser, f"/en/?visitor={number}&request={request}", times, failures)
            time.sleep(0.05)

    threads = [threading.Thread(target=visitor, args=(number,)) for number in range(CONCURRENT_CLIENTS)]
    for thread in threads:
        thread.start()
    all_sent = wait_until(lambda: len(readers()) >= SUBSCRIBERS, 120)
    took = time.monotonic() - started
    sent.set()
    for thread in threads:
        thread.join(timeout=60)
    assert all_sent, (len(readers()), stack.log_tail("worker.log"))
    time.sleep(1)  # a second email to anyone would arrive meanwhile

    p99 = statistics.quantiles(times, n=100)[98]
    print(
        f"\nNewsletter to {SUBSCRIBERS} subscribers: {len(readers())} emails in {took:.1f} s; "
        f"{len(times)} page requests meanwhile, p50 {statistics.median(times) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms"
    )
    assert not failures, failures[:5]
    assert Counter(address for received in readers() for address in received.envelope_to) == Counter(
        f"reader{number:04}@stack.example.org" for number in range(SUBSCRIBERS)
    )
    assert p99 < 2, "page requests waited on the send"


# Backup and restore --------------------------------------------------------------------------------------

DOCUMENT_SETUP = """
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
document = Document(title="Backup probe")
document.file.save("backup-probe.txt", ContentFile(b"what the backup keeps"), save=False)
document.save()
print(document.url)
"""


def comparable(page):
    """A page without what differs from one rendering to the next (CSRF tokens)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def test_the_readmes_backup_restores_a_site_that_serves_the_same_pages(stack, tmp_path):
    document_url = manage_shell(stack, DOCUMENT_SETUP).strip().splitlines()[-1]
    dump, files = tmp_path / "network.dump", tmp_path / "network-files.tar.gz"
    pg = postgres_bin()
    subprocess.run(  # noqa: S603
        [pg / "pg_dump", "--format=custom", "--no-owner", f"--file={dump}", stack.database_url], check=True
    )
    with tarfile.open(files, "w:gz") as archive:  # tar -czf network-files.tar.gz -C var media private
        for folder in ("media", "private"):
            archive.add(stack.root / folder, arcname=folder)

    restored_url = f"{stack.database_url}_restored"
    # A new server's folder: tar -xzf network-files.tar.gz -C var puts media/ and private/ in it.
    restored_var = tmp_path / "restored"
    subprocess.run([pg / "createdb", "-h", "127.0.0.1", "-U", "postgres", restored_url.rsplit("/", 1)[1]], check=True)  # noqa: S603
    try:
        subprocess.run([pg / "pg_restore", "--no-owner", f"--dbname={restored_url}", dump], check=True)  # noqa: S603
        with tarfile.open(files) as archive:
            archive.extractall(restored_var, filter="data")
        server = ProductionServer(restored_url, restored_var)
        with server:
            original, restored = Browser(stack.web_url(stack.web_ports[1])), Browser(server.base_url)
            for path in ("/en/", "/en/newsletter/", "/tr/", FORM_PAGE_PATH["en"]):
                before, after = original.get(path), restored.get(path)
                assert (before.status, after.status) == (200, 200), path
                assert comparable(after.text) == comparable(before.text), path
            staff = Browser(server.base_url)
            staff.log_in_to_admin(ADMIN_USERNAME, ADMIN_PASSWORD)
            document = staff.get(document_url)
            assert document.status == 200 and document.text == "what the backup keeps"
    finally:
        drop_postgres_database(restored_url)


# The access log ---------------------------------------------------------------------------------------


def test_the_access_log_is_json_with_the_visitors_address(stack):
    Browser(stack.url).get("/en/?access-log")

    def logged():
        """The request's line, once its server has written it (after the answer went out)."""
        lines = [
            json.loads(line)
            for port in stack.web_ports
            for line in stack.log_tail(f"web-{port}.log", 10**6).splitlines()
            if line.startswith("{")
        ]
        return next((line for line in lines if line["query"] == "access-log"), None)

    assert wait_until(logged, 10)
    entry = logged()
    assert entry["client"] == "127.0.0.1" and entry["status"] == 200 and entry["method"] == "GET"


# One application server killed (last: the stack keeps one server down) ------------------------------


def kill_web_server(stack, port):
    """SIGKILL the gunicorn master on `port` and its workers (its process group), as a crash would."""
    master = stack.web_process(port).pid()
    assert master, f"no gunicorn on port {port}"
    os.killpg(master, signal.SIGKILL)
    assert wait_until(lambda: stack.web_process(port).pid() is None, 10)


def test_a_killed_application_server_costs_no_request_and_no_session(stack):
    admin = Browser(stack.url)
    admin.log_in_to_admin()
    for _ in range(5):  # counted in Redis against 127.0.0.1, whichever server answers
        assert admin.get("/en/search/?q=network").status == 200

    answers, failures, stop = Counter(), [], threading.Event()

    def visitor(number):
        browser, request = Browser(stack.url), 0
        while not stop.is_set():
            request += 1
            try:
                answers[browser.get(f"/en/?kill={number}-{request}").status] += 1
            except OSError as error:
                failures.append(repr(error))

    threads = [threading.Thread(target=visitor, args=(number,)) for number in range(CONCURRENT_CLIENTS)]
    for thread in threads:
        thread.start()
    time.sleep(1.5)
    killed = stack.web_ports[0]
    kill_web_server(stack, killed)
    time.sleep(2.5)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    failed = failures + [status for status in answers.elements() if status != 200]
    print(
        f"\nOne of two application servers killed under {CONCURRENT_CLIENTS} clients: "
        f"{sum(answers.values())} requests, {len(failed)} failed"
    )
    assert answers[200] > 50
    assert len(failed) <= CONCURRENT_CLIENTS, failed[:10]
    # The session is in PostgreSQL and the rate-limit counts in Redis: both outlive the server.
    dashboard = admin.get("/admin/")
    assert dashboard.status == 200 and "Dashboard" in dashboard.text
    statuses = [admin.get("/en/search/?q=network").status for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
