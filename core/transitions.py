"""One small state machine for every record that moves through statuses under review.

Applications and partnership requests are reviewed the same way: a member of staff (or the
record's contact) takes a named step that is allowed only from some statuses. Taking it always
means the same five things, written once here:

1. lock the row (``select_for_update``) and check that it is *still* in an allowed status, so a
   double click or two reviewers at once cannot apply the step twice;
2. set the new status and whatever fields the step changes;
3. save;
4. write an event row, the history shown in the admin (see core.models.StatusEvent);
5. write a Wagtail audit log entry (``wagtail.log_actions.log``).

The caller wraps the step in ``transaction.atomic`` with the emails it queues, so that all of it
happens or none does; the lock is only meaningful inside that transaction.
"""

from dataclasses import dataclass

from wagtail.log_actions import log


class TransitionError(Exception):
    """The step is not possible from the record's current status, or cannot be carried out."""


@dataclass(frozen=True)
class Transition:
    """A named step from any of `sources` to `target`; `label` and `icon` are what the admin shows."""

    name: str
    label: str
    sources: tuple
    target: str
    icon: str


class StateMachine:
    """The transitions of one model, and how its steps are recorded.

    `record_field` is the event model's foreign key to the record; `log_prefix` names the audit
    log actions (``f"{log_prefix}.{step}"``, registered by the app's ``register_log_actions``
    hook); `not_possible` is the message of a step taken from the wrong status, with
    ``%(action)s`` and ``%(status)s`` placeholders (each app words it for its own records).
    """

    def __init__(
        self,
        model,
        transitions,
        *,
        event_model,
        record_field,
        log_prefix,
        not_possible,
        status_field="status",
    ):
        self.model = model
        self.transitions = {transition.name: transition for transition in transitions}
        self.event_model = event_model
        self.record_field = record_field
        self.log_prefix = log_prefix
        self.not_possible = not_possible
        self.status_field = status_field

    def status_of(self, obj):
        return getattr(obj, self.status_field)

    def available(self, obj, names=None):
        """The transitions `obj` may take now, among `names` (all by default), in that order."""
        candidates = self.transitions.values() if names is None else (self.transitions[name] for name in names)
        status = self.status_of(obj)
        return [transition for transition in candidates if status in transition.sources]

    def lock(self, obj, name):
        """The row of `obj` locked for this transaction, and the transition, if it may still take it."""
        transition = self.transitions[name]
        locked = self.model._default_manager.select_for_update().get(pk=obj.pk)
        if self.status_of(locked) not in transition.sources:
            status = getattr(locked, f"get_{self.status_field}_display")()
            raise TransitionError(self.not_possible % {"action": transition.label, "status": status.lower()})
        return locked, transition

    def apply(self, obj, name, *, user=None, note="", fields=None, event_fields=None, **log_data):
        """Take the transition `name`: lock and check (lock), then move and record (advance).

        Returns the locked, saved copy of `obj`, to use rather than `obj` afterwards.
        """
        locked, transition = self.lock(obj, name)
        return self.advance(
            locked, transition, user=user, note=note, fields=fields, event_fields=event_fields, **log_data
        )

    def advance(self, locked, transition, *, user=None, note="", fields=None, event_fields=None, **log_data):
        """Move `locked` (from lock(), in this transaction) to the target status, with `fields`; save; record.

        For steps that read the locked row before they change it; apply() does both at once.
        `event_fields` go to the event row, `log_data` to the audit log entry. Returns `locked`.
        """
        previous = self.status_of(locked)
        setattr(locked, self.status_field, transition.target)
        for field, value in (fields or {}).items():
            setattr(locked, field, value)
        locked.save()
        self.record(
            locked, transition.name, from_status=previous, user=user, note=note, event_fields=event_fields, **log_data
        )
        return locked

    def record(self, obj, action, *, from_status, user=None, note="", event_fields=None, **log_data):
        """Write the event row and the audit log entry of a step `obj` (already saved) has taken.

        For steps outside the transitions, such as the submission or a contact's update.
        """
        to_status = self.status_of(obj)
        self.event_model.objects.create(
            **{self.record_field: obj},
            from_status=from_status,
            to_status=to_status,
            user=user,
            note=note,
            **(event_fields or {}),
        )
        log(
            obj,
            f"{self.log_prefix}.{action}",
            user=user,
            data={"from": from_status, "to": to_status, "note": note, **log_data},
        )
