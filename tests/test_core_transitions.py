"""The state machine of core.transitions, on its own: what it allows, what it writes, and when it refuses.

It runs here on applications, with a machine of its own that reuses two of their steps (their log
actions are registered), so that what is tested is the engine and not the review of applications
(tests/test_applications_review.py).
"""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection, transaction
from wagtail.models import ModelLogEntry

from core.transitions import StateMachine, Transition, TransitionError
from network.applications.models import Application, ApplicationEvent
from network.applications.models import ApplicationStatus as Status
from tests.application_factories import ApplicationFactory

pytestmark = pytest.mark.django_db

MACHINE = StateMachine(
    Application,
    [
        Transition("eligible", "Confirm", (Status.RECEIVED,), Status.ELIGIBLE, "check"),
        Transition("reject", "Withdraw", (Status.RECEIVED, Status.ELIGIBLE), Status.REJECTED, "cross"),
    ],
    event_model=ApplicationEvent,
    record_field="application",
    log_prefix="applications",
    not_possible="“%(action)s” is not possible for an application that is %(status)s.",
)


def log_entries(application):
    return ModelLogEntry.objects.filter(object_id=str(application.pk), action__startswith="applications.").order_by(
        "pk"
    )


@pytest.fixture
def reviewer(django_user_model):
    return django_user_model.objects.create_user("reviewer", "reviewer@network.example", "a-long-test-password")


class TestAvailable:
    def test_the_transitions_from_the_current_status_in_their_declared_order(self):
        assert [t.name for t in MACHINE.available(Application(status=Status.RECEIVED))] == ["eligible", "reject"]
        assert [t.name for t in MACHINE.available(Application(status=Status.ELIGIBLE))] == ["reject"]
        assert MACHINE.available(Application(status=Status.REJECTED)) == []

    def test_names_choose_among_them_and_set_the_order(self):
        received = Application(status=Status.RECEIVED)
        assert [t.name for t in MACHINE.available(received, ["reject", "eligible"])] == ["reject", "eligible"]
        assert [t.name for t in MACHINE.available(received, ["eligible"])] == ["eligible"]


class TestApply:
    def test_it_moves_the_record_and_writes_the_event_and_the_log_entry(self, reviewer):
        application = ApplicationFactory()
        with transaction.atomic():
            moved = MACHINE.apply(
                application, "reject", user=reviewer, note="Asked by phone.", fields={"rejection_reason": "Merged"}
            )

        assert moved.status == Status.REJECTED
        stored = Application.objects.get(pk=application.pk)
        assert (stored.status, stored.rejection_reason) == (Status.REJECTED, "Merged")
        event = stored.events.last()
        assert (event.from_status, event.to_status, event.user, event.note) == (
            Status.RECEIVED,
            Status.REJECTED,
            reviewer,
            "Asked by phone.",
        )
        [entry] = log_entries(application)
        assert (entry.action, entry.user) == ("applications.reject", reviewer)
        assert entry.data == {"from": "received", "to": "rejected", "note": "Asked by phone."}

    def test_log_data_goes_to_the_log_entry_only(self, reviewer):
        application = ApplicationFactory()
        with transaction.atomic():
            MACHINE.apply(application, "eligible", user=reviewer, checked_by="phone")
        [entry] = log_entries(application)
        assert entry.data["checked_by"] == "phone"

    def test_from_a_status_without_the_transition_it_refuses_and_writes_nothing(self, reviewer):
        application = ApplicationFactory(status=Status.REJECTED)
        events_before = application.events.count()

        with pytest.raises(TransitionError) as refused, transaction.atomic():
            MACHINE.apply(application, "eligible", user=reviewer)

        assert str(refused.value) == "“Confirm” is not possible for an application that is rejected."
        assert Application.objects.get(pk=application.pk).status == Status.REJECTED
        assert application.events.count() == events_before
        assert not log_entries(application).exists()

    def test_the_status_checked_is_the_stored_one_not_the_copy_in_hand(self, reviewer):
        """A second click, with a copy of the record read before the first one was applied."""
        application = ApplicationFactory()
        stale_copy = Application.objects.get(pk=application.pk)
        with transaction.atomic():
            MACHINE.apply(application, "eligible", user=reviewer)

        with pytest.raises(TransitionError), transaction.atomic():
            MACHINE.apply(stale_copy, "eligible", user=reviewer)
        assert [entry.action for entry in log_entries(application)] == ["applications.eligible"]

    def test_advance_moves_the_row_it_was_given_by_lock(self, reviewer):
        application = ApplicationFactory()
        with transaction.atomic():
            locked, transition = MACHINE.lock(application, "eligible")
            locked.website = "https://read-under-the-lock.example"
            advanced = MACHINE.advance(locked, transition, user=reviewer)

        assert advanced is locked
        stored = Application.objects.get(pk=application.pk)
        assert (stored.status, stored.website) == (Status.ELIGIBLE, "https://read-under-the-lock.example")


class TestRecord:
    def test_a_step_outside_the_transitions_writes_an_event_to_the_current_status(self):
        application = ApplicationFactory.build()
        application.save()
        MACHINE.record(application, "received", from_status="", language="tr")

        event = application.events.get()
        assert (event.from_status, event.to_status, event.user) == ("", Status.RECEIVED, None)
        [entry] = log_entries(application)
        assert entry.action == "applications.received"
        assert entry.data == {"from": "", "to": "received", "note": "", "language": "tr"}


class TestStatusEvent:
    def test_the_history_names_the_account_else_who_acts_without_one(self, reviewer):
        application = ApplicationFactory()
        event = application.events.get()
        assert event.get_by_display() == "the applicant"
        event.user = reviewer
        assert event.get_by_display() == "reviewer"
        assert str(event) == f"{application}: - -> received"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_reviewers_at_once_apply_a_transition_once():
    """Each thread has its own connection and transaction: the row lock makes the second wait, then refuse."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers: the race needs PostgreSQL (run with DATABASE_URL=postgres://...)")
    application = ApplicationFactory()
    reviewers = 2
    start = Barrier(reviewers)

    def review(_n):
        try:
            start.wait(timeout=10)
            with transaction.atomic():
                MACHINE.apply(application, "eligible")
            return "applied"
        except TransitionError:
            return "refused"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=reviewers) as pool:
        outcomes = sorted(pool.map(review, range(reviewers)))

    assert outcomes == ["applied", "refused"]
    assert list(application.events.values_list("to_status", flat=True)) == [Status.RECEIVED, Status.ELIGIBLE]
    assert log_entries(application).count() == 1
