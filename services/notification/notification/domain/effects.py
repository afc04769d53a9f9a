"""What makes one message distinct from another: the effect it has in the world, never the event that carried it.

A producer may send the same fact again under a new event id (a re-sent routing decision, a replayed outbox), so
a delivery keyed by the event would go out twice. Each message kind is instead keyed by the complaint, the kind,
and what makes *that kind* happen more than once in the domain: nothing for a once-per-complaint message, the
request or note id for those that repeat, the reopening cycle for the lifecycle letters. The recipient and the
channel are added by `delivery.notification_id`. The table is mirrored in the service README.
"""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from complaint_contracts import ComplaintEvent, Event

from .catalogue import Template
from .facts import ComplaintFacts

ONCE = "once"
"""The occurrence of a message sent once per complaint and recipient."""


def _cycle(event: Any, facts: ComplaintFacts | None) -> str:
    """The reopening cycle the event falls in: a reopened complaint gets its lifecycle letters again."""
    return f"cycle {facts.cycle_at(event.time) if facts else 0}"


def _owner_since(event: Any, facts: ComplaintFacts | None) -> str:
    """The assignment the notice is about: when the current owner took the case (a repeat names the same)."""
    since = facts and (facts.owner_since or facts.assigned_at)
    return f"owner since {_utc(since)}" if since else ONCE


def _deadline(event: Any, facts: ComplaintFacts | None) -> str:
    # A paused clock moves the due time: a warning about the new due time is news, the same one again is not.
    return f"deadline {event.deadline} {event.clock.value} due {_utc(event.due_at)}"


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


OCCURRENCES: dict[Template, Callable[[Any, ComplaintFacts | None], str]] = {
    Template.ACKNOWLEDGEMENT: lambda event, facts: ONCE,
    Template.INFORMATION_REQUESTED: lambda event, facts: f"request {event.request_id}",
    Template.RESOLUTION_PROPOSED: lambda event, facts: f"proposal {event.proposal_id}",
    Template.FINAL_RESPONSE: _cycle,
    Template.COMPLAINT_CLOSED: _cycle,
    Template.COMPLAINT_REOPENED: _cycle,
    Template.COMPLAINT_ESCALATED: lambda event, facts: f"{_cycle(event, facts)} tier {event.tier}",
    Template.CASE_NOTE: lambda event, facts: f"note {event.note_id}",
    # Each code is its own message. Intake publishes an issuance once (from its outbox, a replay keeps the event
    # id), and the code itself must not feed an id that is published and stored.
    Template.ACCESS_CODE: lambda event, facts: f"code issued {event.id}",
    Template.PROPOSAL_ACCEPTED: lambda event, facts: f"proposal {event.proposal_id}",
    Template.PLAN_STEP_COMPLETED: lambda event, facts: f"proposal {event.proposal_id} step {event.step_id}",
    Template.REDRESS_PAID: lambda event, facts: f"proposal {event.proposal_id} payment {event.payment_reference}",
    Template.RESOLUTION_IMPLEMENTED: lambda event, facts: f"proposal {event.proposal_id}",
    Template.COMPLAINT_MERGED: lambda event, facts: f"merged into {event.merged_into}",
    Template.NEW_ASSIGNMENT: _owner_since,
    Template.DEADLINE_WARNING: _deadline,
    Template.DEADLINE_BREACHED: _deadline,
    Template.CASE_ESCALATED: lambda event, facts: f"{_cycle(event, facts)} tier {event.tier}",
    Template.POSSIBLE_DUPLICATE: lambda event, facts: f"duplicate of {event.duplicate_of}",
    Template.SYSTEMIC_ISSUE: lambda event, facts: f"issue {event.issue_id}",
    Template.PLAN_STEP_OVERDUE: lambda event, facts: f"proposal {event.proposal_id} step {event.step_id}",
}
"""Message kind → what makes one message of that kind distinct (per complaint; recipient and channel apart)."""


def effect_key(*, template: Template, event: Event, facts: ComplaintFacts | None) -> str:
    """The identity of the message `event` calls for, whatever id the event travelled under."""
    subject = event.complaint_id if isinstance(event, ComplaintEvent) else "-"
    return f"{subject}\n{template.value}\n{OCCURRENCES[template](event, facts)}"
