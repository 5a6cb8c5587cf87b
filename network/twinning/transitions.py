"""The life of a partnership request: submission, moderation, updates and closing.

    pending --publish--> open --match--> matched
       |                  |  \\--close--> closed
       |                  \\--(contact changes the text)--> pending
       \\--reject--> rejected          closed | matched --reopen (staff)--> open

Each step goes through core.transitions (lock, check the status, save, a RequestEvent and a
Wagtail audit log entry) and queues its email in the same transaction.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.transitions import StateMachine, Transition, TransitionError

from . import emails
from .choices import RequestStatus as Status
from .models import PartnershipRequest, RequestEvent

Actor = RequestEvent.Actor

STATE_MACHINE = StateMachine(
    PartnershipRequest,
    [
        Transition("publish", _("Publish"), (Status.PENDING,), Status.OPEN, "success"),
        Transition("reject", _("Reject"), (Status.PENDING,), Status.REJECTED, "cross"),
        Transition("match", _("Mark as matched"), (Status.OPEN,), Status.MATCHED, "link"),
        Transition("close", _("Close"), (Status.PENDING, Status.OPEN, Status.MATCHED), Status.CLOSED, "lock"),
        Transition("reopen", _("Reopen"), (Status.MATCHED, Status.CLOSED), Status.OPEN, "resubmit"),
    ],
    event_model=RequestEvent,
    record_field="partnership_request",
    log_prefix="twinning",
    not_possible=_("“%(action)s” is not possible for a request that is %(status)s."),
)
TRANSITIONS = STATE_MACHINE.transitions
#: What staff may do in the admin; the contact may only match and close, through the signed link.
STAFF_TRANSITIONS = ("publish", "reject", "match", "close", "reopen")
CONTACT_TRANSITIONS = ("match", "close")


def available_transitions(partnership_request, names=STAFF_TRANSITIONS):
    return STATE_MACHINE.available(partnership_request, names)


def _apply(partnership_request, name, *, actor, user=None, note="", **fields):
    return STATE_MACHINE.apply(
        partnership_request, name, user=user, note=note, fields=fields, event_fields={"actor": actor}
    )


@transaction.atomic
def submit(form, *, language):
    """Store a valid request form as pending, and tell the contact and staff."""
    partnership_request = form.save(commit=False)
    partnership_request.language = language
    partnership_request.status = Status.PENDING
    partnership_request.consented_at = timezone.now()
    partnership_request.copy_authority_facts()
    partnership_request.save()
    form.save_m2m()
    STATE_MACHINE.record(partnership_request, "submit", from_status="", event_fields={"actor": Actor.CONTACT})
    emails.send_received(partnership_request)
    emails.send_staff_notice(partnership_request)
    return partnership_request


@transaction.atomic
def publish(partnership_request, user, *, note=""):
    locked, transition = STATE_MACHINE.lock(partnership_request, "publish")
    fields = {"moderation_note": ""}
    if locked.published_at is None:
        fields["published_at"] = timezone.now()
    STATE_MACHINE.advance(locked, transition, user=user, note=note, fields=fields, event_fields={"actor": Actor.STAFF})
    emails.send_published(locked)
    return locked


@transaction.atomic
def reject(partnership_request, user, *, reason, note=""):
    if not reason.strip():
        raise TransitionError(_("A rejection needs a reason."))
    locked = _apply(
        partnership_request, "reject", actor=Actor.STAFF, user=user, note=note, moderation_note=reason.strip()
    )
    emails.send_rejected(locked)
    return locked


@transaction.atomic
def match(partnership_request, *, actor, user=None, note=""):
    return _apply(partnership_request, "match", actor=actor, user=user, note=note, outcome=note.strip())


@transaction.atomic
def close(partnership_request, *, actor, user=None, note=""):
    return _apply(partnership_request, "close", actor=actor, user=user, note=note, outcome=note.strip())


@transaction.atomic
def reopen(partnership_request, user, *, note=""):
    return _apply(partnership_request, "reopen", actor=Actor.STAFF, user=user, note=note)


#: Fields whose change by the contact sends an open request back to moderation: what people read.
REVIEWED_FIELDS = ("title", "description", "authority_name", "contact_name", "other_programme")


@transaction.atomic
def update_by_contact(form):
    """Save the contact's changes; new text on an open request goes back to staff first.

    Returns (request, needs_review).
    """
    before = PartnershipRequest.objects.select_for_update().get(pk=form.instance.pk)
    if before.status not in {Status.PENDING, Status.OPEN}:
        raise TransitionError(_("This request is closed and can no longer be changed."))
    partnership_request = form.save(commit=False)
    partnership_request.copy_authority_facts()
    changed_text = [field for field in REVIEWED_FIELDS if getattr(before, field) != getattr(partnership_request, field)]
    needs_review = before.status == Status.OPEN and bool(changed_text)
    if needs_review:
        partnership_request.status = Status.PENDING
    partnership_request.save()
    form.save_m2m()
    STATE_MACHINE.record(
        partnership_request,
        "update",
        from_status=before.status,
        note=", ".join(form.changed_data),
        event_fields={"actor": Actor.CONTACT},
        changed=form.changed_data,
    )
    if needs_review or before.status == Status.PENDING:
        emails.send_staff_notice(partnership_request, updated=True)
    return partnership_request, needs_review
