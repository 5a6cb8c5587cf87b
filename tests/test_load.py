"""Load with nothing lost: 16 visitors at once send 200 expressions of interest and 500 newsletter
signups to the production server, and every accepted submission is stored exactly once.

The site runs as in production (gunicorn, 2 sync workers, cms.settings.production, emails queued
in the database for a task worker; see tests/production.py) on a database of the test's own: on
the PostgreSQL of DATABASE_URL when it names one (a database named after it, with "_load"
added), else on an SQLite file. The rate limits are raised: every request comes from 127.0.0.1.

The 500 signups use 400 addresses; the 100 others repeat one of them, some typed differently
(upper case, spaces). As the newsletter feature says, a repeated signup gets the same answer as
a new one, creates no second subscriber, and sends no second confirmation email within
NEWSLETTER_NOTIFY_INTERVAL. An expression of interest has no such rule: each is one application.
"""

import os
import random
import threading
from collections import Counter

import dj_database_url
import pytest

from core.models import OutgoingEmail
from network.applications.models import Application
from network.newsletter.models import Subscriber
from tests.production import (
    FORM_PAGE_PATH,
    Browser,
    ProductionServer,
    drop_postgres_database,
    is_postgres,
    prepare_database,
    query,
)

pytestmark = pytest.mark.slow

CLIENTS = 16
APPLICATIONS = 200
SIGNUPS = 500
ADDRESSES = 400


@pytest.fixture(scope="module")
def database_url(tmp_path_factory):
    url = os.environ.get("DATABASE_URL", "")
    if is_postgres(url):
        config = dj_database_url.parse(url)
        own = url.rsplit("/", 1)[0] + f"/{config['NAME']}_load"
        prepare_database(own)
        yield own
        drop_postgres_database(own)
    else:
        own = f"sqlite:///{tmp_path_factory.mktemp('load') / 'load.sqlite3'}"
        prepare_database(own)
        yield own


def application(number):
    return {
        "organisation": f"Load test association {number:03}",
        "kind": "national_association",
        "country": "TR",
        "website": "https://example.org",
        "contact_name": f"Contact {number}",
        "position": "Coordinator",
        "email": f"applicant{number:03}@example.org",
        "member_authorities": "12",
        "motivation": "We want to support climate action.",
        "planned_services": ["training"],
        "consent": "on",
    }


def signup_addresses():
    """500 addresses as typed: 400 distinct ones, then 100 repeats, some in another spelling."""
    rng = random.Random(9)
    addresses = [f"reader{number:03}@example.org" for number in range(ADDRESSES)]
    repeats = []
    for number in rng.sample(range(ADDRESSES), SIGNUPS - ADDRESSES):
        address = addresses[number]
        repeats.append(rng.choice([address, address.upper(), f"  {address} ", address.capitalize()]))
    return addresses + repeats


def test_parallel_submissions_are_all_stored_exactly_once(database_url, tmp_path):
    jobs = [("application", number) for number in range(APPLICATIONS)]
    jobs += [("signup", address) for address in signup_addresses()]
    random.Random(16).shuffle(jobs)
    answers, failures = Counter(), []

    with ProductionServer(
        database_url,
        tmp_path,
        TASK_BACKEND="django_tasks_db.DatabaseBackend",  # the emails wait in the database
        APPLICATION_RATE_LIMIT="100000/h",
        NEWSLETTER_SIGNUP_RATE="100000/h",
    ) as server:

        def visitor(share):
            browser = Browser(server.base_url, language="tr")
            form = browser.get(FORM_PAGE_PATH["tr"])
            action, token = form.form_action("eoi-form"), form.csrf_token()
            for kind, value in share:
                try:
                    if kind == "application":
                        data = {**application(value), "csrfmiddlewaretoken": token}
                        answer = browser.post(action, data)
                        expected = 302
                    else:
                        data = {"email": value, "language": "tr", "consent": "on", "ui_language": "tr"}
                        answer = browser.post("/newsletter/subscribe/", data)
                        expected = 200
                except OSError as error:
                    failures.append((kind, value, repr(error)))
                    continue
                answers[kind, answer.status] += 1
                if answer.status != expected:
                    failures.append((kind, value, answer.status, answer.text[:300]))

        threads = [threading.Thread(target=visitor, args=(jobs[index::CLIENTS],)) for index in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        log = server.log()

    assert not failures, (failures[:5], log)
    assert answers == {("application", 302): APPLICATIONS, ("signup", 200): SIGNUPS}

    # Every application once.
    applications = query(database_url, f"SELECT organisation, email FROM {Application._meta.db_table}")  # noqa: S608
    assert sorted(applications) == sorted(
        (application(number)["organisation"], application(number)["email"]) for number in range(APPLICATIONS)
    )
    # Every address once, as one pending subscriber, with one confirmation email.
    subscribers = query(database_url, f"SELECT email_key, status FROM {Subscriber._meta.db_table}")  # noqa: S608
    assert sorted(subscribers) == sorted((address, "pending") for address in signup_addresses()[:ADDRESSES])
    emails = query(database_url, f'SELECT purpose, "to" FROM {OutgoingEmail._meta.db_table}')  # noqa: S608
    confirmations = Counter(to.strip().lower() for purpose, to in emails if purpose == "newsletter-confirmation")
    assert confirmations == Counter(signup_addresses()[:ADDRESSES])
    acknowledgements = Counter(to for purpose, to in emails if purpose == "application-acknowledgement")
    assert acknowledgements == Counter(application(number)["email"] for number in range(APPLICATIONS))
    assert Counter(purpose for purpose, _to in emails) == {
        "newsletter-confirmation": ADDRESSES,
        "application-acknowledgement": APPLICATIONS,
        "application-staff-notice": APPLICATIONS,
    }
