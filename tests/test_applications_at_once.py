"""The same expression of interest sent several times at once is stored once (PostgreSQL).

Requests race for real here: each thread has its own database connection and its own transaction,
and the unique constraint on the waiting submission's fingerprint decides. SQLite runs one writer
at a time, so there the second request always finds the first (tests/test_applications_form.py).
"""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection

from core.models import OutgoingEmail
from network.applications.forms import ExpressionOfInterestForm
from network.applications.models import Application, ApplicationEvent
from network.applications.transitions import submit_application
from tests.test_applications_form import VALID

SENDERS = 6


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_submissions_make_one_application_and_one_acknowledgement():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers: the race needs PostgreSQL (run with DATABASE_URL=postgres://...)")
    start = Barrier(SENDERS)

    def send(_n):
        try:
            form = ExpressionOfInterestForm(VALID, language="en")
            assert form.is_valid(), form.errors
            start.wait(timeout=10)
            return submit_application(form, language="en").pk
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=SENDERS) as pool:
        stored = set(pool.map(send, range(SENDERS)))

    application = Application.objects.get()
    assert stored == {application.pk}
    assert ApplicationEvent.objects.filter(application=application).count() == 1
    assert OutgoingEmail.objects.filter(purpose="application-acknowledgement").count() == 1
