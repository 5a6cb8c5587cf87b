"""The life of a partnership request: submission, moderation, updates and closing.

    pending --publish--> open --match--> matched
       |                  |  \\--close--> closed
       |                  \\--(contact changes the text)--> pending
       \\--reject--> rejected          closed | matched --reopen (staff)--> open

Each step locks the row, checks that it starts from an allowed status (a double click or two
moderators at once cannot apply it twice), records a RequestEvent and a Wagtail audit log
entry, and queues its email in the same transaction.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from . import emails
from .choices import RequestStatus as Status
from .models import PartnershipRequest, RequestEvent

Actor = RequestEvent.Actor


class TransitionError(Exception):
    """The step is not possible from the request's current status."""


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple
    target: str
    icon: str

    @property
    def log_action(self):
        return f"twinning.{self.name}"


TRANSITIONS = {
    "publish": Transition("publish", _("Publish"), (Status.PENDING,), Status.OPEN, "success"),
    "reject": Transition("reject", _("Reject"), (Status.PENDING,), Status.REJECTED, "cross"),
    "match": Transition("match", _("Mark as matched"), (Status.OPEN,), Status.MATCHED, "link"),
    "close": Transition("close", _("Close"), (Status.PENDING, Status.OPEN, Status.MATCHED), Status.CLOSED, "lock"),
    "reopen": Transition("reopen", _("Reopen"), (Status.MATCHED, Status.CLOSED), Status.OPEN, "resubmit"),
}
#: What staff may do in the admin; the contact may only match and close, through the signed link.
STAFF_TRANSITIONS = ("publish", "reject", "match", "close", "reopen")
CONTACT_TRANSITIONS = ("match", "close")


def available_transitions(partnership_request, names=STAFF_TRANSITIONS):
    return [TRANSITIONS[name] for name in names if partnership_request.status in TRANSITIONS[name].sources]


def _lock(partnership_request, name):
    transition = TRANSITIONS[name]
    locked = PartnershipRequest.objects.select_for_update().get(pk=partnership_request.pk)
    if locked.status not in transition.sources:
        raise TransitionError(
            _("“%(action)s” is not possible for a request that is %(status)s.")
            % {"action": transition.label, "status": locked.get_status_display().lower()}
        )
    return locked, transition


def _record(partnership_request, previous, target, *, actor, user=None, note="", action, **data):
    RequestEvent.objects.create(
        partnership_request=partnership_request,
        from_status=previous,
        to_status=target,
        actor=actor,
        user=user,
        note=note,
    )
    log(partnership_request, action, user=user, data={"from": previous, "to": target, "note": note, **data})


def _apply(partnership_request, name, *, actor, user=None, note="", **fields):
    locked, transition = _lock(partnership_request, name)
    previous = locked.status
    locked.status = transition.target
    for field, value in fields.items():
        setattr(locked, field, value)
    locked.save()
    _record(locked, previous, transition.target, actor=actor, user=user, note=note, action=transition.log_action)
    return locked


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
    _record(partnership_request, "", Status.PENDING, actor=Actor.CONTACT, action="twinning.submit")
    emails.send_received(partnership_request)
    emails.send_staff_notice(partnership_request)
    return partnership_request


@transaction.atomic
def publish(partnership_request, user, *, note=""):
    locked = PartnershipRequest.objects.select_for_update().get(pk=partnership_request.pk)
    first_time = locked.published_at is None
    extra = {"published_at": timezone.now()} if first_time else {}
    locked = _apply(locked, "publish", actor=Actor.STAFF, user=user, note=note, moderation_note="", **extra)
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
    _record(
        partnership_request,
        before.status,
        partnership_request.status,
        actor=Actor.CONTACT,
        action="twinning.update",
        note=", ".join(form.changed_data),
        changed=form.changed_data,
    )
    if needs_review or before.status == Status.PENDING:
        emails.send_staff_notice(partnership_request, updated=True)
    return partnership_request, needs_review
