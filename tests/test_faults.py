"""Faults survived: the database, the cache, the mail server and the search engine going away.

The site is served as in production (gunicorn, cms.settings.production, 2 workers, see
tests/production.py) from a PostgreSQL server that the tests start themselves, and one service
at a time is broken for real:

- PostgreSQL is stopped while requests come in, then started again. While it is down, every
  answer is the 503 page in the visitor's language, with Retry-After: public pages, form posts
  and the admin alike. Once it is back, the same worker processes serve again, no restart.
- Redis, the SMTP server and Elasticsearch are addresses where nothing listens. Pages are still
  served (uncached), forms are stored, and search answers from the database. Emails wait in the
  queue, staff see them failed in the admin, and they go out once a mail server listens again.
"""

import threading

import psycopg
import pytest
from django.db import OperationalError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from core.errors import server_error
from core.models import OutgoingEmail
from network.applications.models import Application
from network.newsletter.models import Subscriber
from tests.production import (
    FORM_PAGE_PATH,
    Browser,
    PrivatePostgres,
    ProductionServer,
    free_port,
    postgres_bin,
    prepare_database,
    wait_until,
)
from tests.services import require
from tests.smtp_sink import start_sink

# The tests start a PostgreSQL server of their own, whatever the test database is.
pytestmark = [pytest.mark.backend_independent, pytest.mark.xdist_group("faults")]

HEADING = "The site is temporarily unavailable"
FORM_LOST = "What you sent has not been received. Please send it again in a few minutes."


def translated(message, language):
    """`message` as the 503 page shows it in `language` (whatever the catalogue says)."""
    with translation.override(language):
        return escape(gettext(message))


def signup(email, language="tr"):
    return {"email": email, "language": language, "consent": "on", "ui_language": language, "form_name": "page"}


def expression_of_interest(organisation, email):
    return {
        "organisation": organisation,
        "kind": "national_association",
        "country": "TR",
        "website": "https://example.org",
        "contact_name": "Ayşe Yılmaz",
        "position": "Uzman",
        "email": email,
        "member_authorities": "12",
        "motivation": "İklim eylemini desteklemek istiyoruz.",
        "planned_services": ["training"],
        "consent": "on",
    }


def test_the_503_page_is_rendered_without_the_database():
    """No database access is allowed in this test: a query would fail it."""
    request = RequestFactory().get("/ru/news/?page=2", HTTP_ACCEPT_LANGUAGE="tr")
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(request)
    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert '<html lang="ru"' in page
    assert translated(HEADING, "ru") in page
    assert 'href="/ru/news/?page=2"' in page  # "try again"


def test_a_form_sent_from_a_page_is_answered_in_that_pages_language():
    request = RequestFactory().post(
        "/newsletter/subscribe/", HTTP_REFERER="https://example.org/tk/", HTTP_ACCEPT_LANGUAGE="ru"
    )
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Content-Language"] == "tk"
    assert translated(FORM_LOST, "tk") in response.content.decode()


def test_other_errors_keep_the_500_page():
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(RequestFactory().get("/en/"))
    assert response.status_code == 500
    assert not response.has_header("Retry-After")


@pytest.fixture(scope="module")
def postgres():
    require(postgres_bin() is None and "PostgreSQL's programs (initdb, pg_ctl) are not installed", "the fault tests")
    server = PrivatePostgres().init()
    try:
        server.start()
        prepare_database(server.url("faults"))
        yield server
    finally:
        server.destroy()


@pytest.fixture(scope="module")
def database(postgres):
    """Plain SQL on the test's database, to see what the server stored."""
    url = postgres.url("faults")

    def query(sql, *params):
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{postgres.port}/faults") as connection:
            return connection.execute(sql, params).fetchall()

    query.url = url
    return query


@pytest.mark.slow
def test_postgresql_down_gives_a_translated_503_and_the_same_workers_recover(postgres, database, tmp_path):
    # Persistent connections, as in production: the ones the restart breaks must be replaced.
    # Its emails are not the subject here: the dummy task backend queues them nowhere, so that the
    # task worker of the tests below sends (and counts) only their own.
    with ProductionServer(
        database.url,
        tmp_path,
        DB_CONN_MAX_AGE=600,
        SERVICE_UNAVAILABLE_RETRY_AFTER=30,
        TASK_BACKEND="django_tasks.backends.dummy.DummyBackend",
    ) as server:
        visitor = Browser(server.base_url)
        assert visitor.get("/tr/").status == 200
        editor = Browser(server.base_url)
        editor.log_in_to_admin()
        assert editor.get("/admin/").status == 200
        workers = server.worker_pids()

        # Visitors keep coming while the database stops and starts again.
        statuses, done = [], threading.Event()

        def keep_visiting():
            while not done.is_set():
                for path in ("/en/", "/tr/", FORM_PAGE_PATH["en"]):
                    try:
                        statuses.append(Browser(server.base_url).get(path).status)
                    except OSError as error:  # a dropped connection is a failure too
                        statuses.append(repr(error))

        traffic = threading.Thread(target=keep_visiting)
        traffic.start()
        try:
            wait_until(lambda: len(statuses) >= 3, 30)
            postgres.stop()
            assert wait_until(lambda: 503 in statuses, 30), statuses

            # The address's language wins over the browser's.
            page = Browser(server.base_url, language="ru").get("/tr/")
            assert page.status == 503, server.log()
            assert page.header("Retry-After") == "30"
            assert page.header("Content-Language") == "tr"
            assert "no-store" in page.header("Cache-Control")
            assert '<html lang="tr"' in page.text
            assert translated(HEADING, "tr") in page.text

            # A language-free address answers in the browser's language: a form post, the admin.
            posted = Browser(server.base_url, language="ru").post("/newsletter/subscribe/", signup("lost@example.org"))
            assert posted.status == 503
            assert '<html lang="ru"' in posted.text
            assert translated(FORM_LOST, "ru") in posted.text
            admin = editor.get("/admin/")
            assert admin.status == 503
            assert translated(HEADING, "en") in admin.text

            # The balancer stops sending visitors; the supervisor leaves the processes alone.
            ready, live = Browser(server.base_url).get("/health/ready"), Browser(server.base_url).get("/health/live")
            assert (ready.status, ready.text, live.status, live.text) == (503, "down\n", 200, "up\n")

            postgres.start()
            assert wait_until(lambda: visitor.get("/tr/").status == 200, 30), server.log()
            assert wait_until(lambda: Browser(server.base_url).get("/health/ready").status == 200, 30)
        finally:
            done.set()
            traffic.join(timeout=60)

        assert set(statuses) == {200, 503}, statuses
        assert editor.get("/admin/").status == 200  # the session outlived the outage
        stored = Browser(server.base_url).post("/newsletter/subscribe/", signup("back@example.org"))
        assert stored.status == 200
        assert server.worker_pids() == workers  # no worker died or was restarted
    table = Subscriber._meta.db_table
    stored = database(f"SELECT email FROM {table} WHERE email IN ('lost@example.org', 'back@example.org')")  # noqa: S608
    assert stored == [("back@example.org",)]


@pytest.fixture(scope="module")
def without_services(postgres, database, tmp_path_factory):
    """The site with Redis, the SMTP server and Elasticsearch at ports where nothing listens, the
    emails queued in the database and delivered by a task worker."""
    smtp_port = free_port()
    server = ProductionServer(
        database.url,
        tmp_path_factory.mktemp("without-services"),
        REDIS_URL=f"redis://127.0.0.1:{free_port()}/0",
        ELASTICSEARCH_URL=f"http://127.0.0.1:{free_port()}",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=smtp_port,
        EMAIL_TIMEOUT=5,
        TASK_BACKEND="django_tasks_db.DatabaseBackend",
        STAFF_NOTIFICATION_EMAILS="staff@example.org",
    )
    with server:
        worker = server.run_task_worker()
        try:
            yield server
        finally:
            worker.terminate()
            worker.wait(timeout=30)


@pytest.mark.slow
def test_without_redis_pages_are_served_uncached(without_services):
    for language in ("en", "tr", "tk", "ru"):
        for _attempt in range(2):  # the second would come from the cache, if there were one
            page = Browser(without_services.base_url).get(f"/{language}/")
            assert page.status == 200, without_services.log()
            assert f'<html lang="{language}"' in page.text
    assert Browser(without_services.base_url).get(FORM_PAGE_PATH["tr"]).status == 200
    # Redis was asked, and its failures were logged, not shown. (Forms work too: their rate limits
    # are counted in Redis; see the test of mail below.)
    assert "Exception ignored" in without_services.log()


@pytest.mark.slow
def test_without_redis_and_elasticsearch_the_site_is_live_but_not_ready(without_services):
    ready = Browser(without_services.base_url).get("/health/ready")
    assert (ready.status, ready.text) == (503, "down\n")
    assert Browser(without_services.base_url).get("/health/live").status == 200
    assert "Not ready: cache, elasticsearch." in without_services.log()


@pytest.mark.slow
def test_without_elasticsearch_search_answers_from_the_database(without_services):
    page = Browser(without_services.base_url).get("/en/search/?q=interest")
    assert page.status == 200, without_services.log()
    assert f'href="{FORM_PAGE_PATH["en"]}"' in page.text


@pytest.mark.slow
def test_without_smtp_submissions_are_stored_and_emails_wait_until_the_server_is_back(without_services, database):
    visitor = Browser(without_services.base_url, language="tr")
    assert visitor.post("/newsletter/subscribe/", signup("okur@example.org")).status == 200
    answer = visitor.post_form(
        FORM_PAGE_PATH["tr"], expression_of_interest("Muğla Belediyesi", "muhtar@example.org"), form_class="eoi-form"
    )
    assert answer.status == 302, answer.text[:2000]

    # Stored at once, whatever the mail server does.
    subscribers, applications = Subscriber._meta.db_table, Application._meta.db_table
    assert database(f"SELECT status FROM {subscribers} WHERE email = 'okur@example.org'") == [("pending",)]  # noqa: S608
    assert database(f"SELECT email FROM {applications} WHERE organisation = 'Muğla Belediyesi'") == [  # noqa: S608
        ("muhtar@example.org",)
    ]

    emails = OutgoingEmail._meta.db_table
    recipients = {"okur@example.org", "muhtar@example.org", "staff@example.org"}

    def statuses():
        return dict(database(f'SELECT "to", status FROM {emails} WHERE "to" = ANY(%s)', list(recipients)))  # noqa: S608

    # The task worker tried, and failed: the emails wait, marked failed, with the error.
    assert wait_until(lambda: statuses() == dict.fromkeys(recipients, "failed"), 60), statuses()
    errors = database(f'SELECT last_error FROM {emails} WHERE "to" = ANY(%s)', list(recipients))  # noqa: S608
    assert all("refused" in error.lower() for (error,) in errors), errors

    # Staff see them in the admin, and send them again once the mail server is back.
    staff = Browser(without_services.base_url)
    staff.log_in_to_admin()
    listing = staff.get(reverse("outgoing_email:index"))
    assert listing.status == 200
    assert "okur@example.org" in listing.text
    assert "Retry 3 failed emails" in listing.text

    sink, controller = start_sink(int(without_services.env["EMAIL_PORT"]))
    try:
        retry = reverse("outgoing_email:retry_failed")
        assert staff.post_form(retry, {}).status == 302
        assert wait_until(lambda: len(sink.messages) == 3, 60), (statuses(), without_services.log())
        assert {to for message in sink.messages for to in message.envelope_to} == recipients
        assert statuses() == dict.fromkeys(recipients, "sent")
    finally:
        controller.stop()
