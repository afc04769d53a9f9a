"""Where a complaint stands, folded from its timeline entries.

The entries are a set keyed by event: adding an event twice changes nothing, and the fold always runs over
the entries in `ordering_key` order, so events that arrive out of order end in the same state.
"""

from enum import StrEnum
from typing import Any

from complaint_contracts import Clock, Deadline, Event, Language
from complaint_contracts.types import AwareDatetime, Contract
from pydantic import Field

from .timeline import Milestone, TimelineEntry, entry_from_event, ordering_key


class Status(StrEnum):
    NOT_FOUND = "not_found"
    """Only other services' events arrived so far; intake's own record is not there yet."""
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    WAITING_FOR_CUSTOMER = "waiting_for_customer"
    DECISION_NEEDED = "decision_needed"
    RESOLUTION_ACCEPTED = "resolution_accepted"
    RESOLVED = "resolved"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


class Stage(StrEnum):
    """The steps of the published complaints process (ISO 10002)."""

    RECEIPT = "receipt"
    ACKNOWLEDGEMENT = "acknowledgement"
    ASSESSMENT = "assessment"
    INVESTIGATION = "investigation"
    RESPONSE = "response"
    CLOSING = "closing"


STAGE_OF_STATUS = {
    Status.NOT_FOUND: Stage.RECEIPT,
    Status.RECEIVED: Stage.RECEIPT,
    Status.ACKNOWLEDGED: Stage.ASSESSMENT,
    Status.IN_PROGRESS: Stage.INVESTIGATION,
    Status.WAITING_FOR_CUSTOMER: Stage.INVESTIGATION,
    Status.DECISION_NEEDED: Stage.RESPONSE,
    Status.RESOLUTION_ACCEPTED: Stage.RESPONSE,
    Status.RESOLVED: Stage.RESPONSE,
    Status.CLOSED: Stage.CLOSING,
    Status.WITHDRAWN: Stage.CLOSING,
}

_BEFORE_HANDLING = {Status.RECEIVED, Status.ACKNOWLEDGED}


class Progress(Contract):
    """The complaint's state as the customer's status page and the customer actions need it."""

    status: Status = Field(default=Status.NOT_FOUND, description="Where the complaint stands")
    language: Language = Field(default=Language.EN, description="Language the customer asked for")
    received_at: AwareDatetime | None = Field(default=None, description="When it was received")
    department: str | None = Field(default=None, description="Department that handles it")
    deadlines: tuple[Deadline, ...] = Field(
        default=(), description="Deadlines set at the initial assessment; service ones as the last resumption left "
                                "them (moved, or met)")
    service_clock_paused: bool = Field(
        default=False, description="The service clock is stopped while we wait for the customer's answer (the "
                                   "regulatory one never stops)")
    acknowledged: bool = Field(default=False, description="The customer was sent the acknowledgement of receipt")
    open_request: TimelineEntry | None = Field(default=None, description="Question waiting for the customer")
    open_proposal: TimelineEntry | None = Field(default=None, description="Proposal waiting for a decision")
    resolved: bool = Field(default=False, description="A final response was given (and not reopened since)")
    closed: bool = Field(default=False, description="Closed (and not reopened since)")
    withdrawn: bool = Field(default=False, description="Withdrawn by the customer (and not reopened since)")
    feedback_given: bool = Field(default=False, description="The customer rated the process")
    escalation_pending: bool = Field(default=False, description="The customer asked for escalation, not yet done")
    tier: int = Field(default=1, description="Escalation tier (1 = first line)")
    finished_at: AwareDatetime | None = Field(
        default=None, description="When it was last resolved or closed (not reopened since): the customer may ask to "
                                  "reopen within a window from here")
    reopening_pending: bool = Field(default=False, description="The customer asked to reopen, not yet done")
    merged: bool = Field(default=False, description="Closed as a duplicate of another complaint (not reopened since)")
    merged_into: str | None = Field(default=None, description="Tracking number of the complaint it was merged into")

    @property
    def stage(self) -> Stage:
        """The step of the published process the complaint is in."""
        return STAGE_OF_STATUS[self.status]

    @property
    def finished(self) -> bool:
        """Closed or withdrawn: nothing more will happen unless it is reopened."""
        return self.closed or self.withdrawn


def add_entry(entries: tuple[TimelineEntry, ...], entry: TimelineEntry) -> tuple[TimelineEntry, ...]:
    """The entries with one more, in order; unchanged when the event is already there."""
    if any(existing.event_key == entry.event_key for existing in entries):
        return entries
    return tuple(sorted((*entries, entry), key=ordering_key))


def record_event(*, entries: tuple[TimelineEntry, ...], event: Event) -> tuple[TimelineEntry, ...]:
    """Add what the customer may see of an event; unchanged for events they do not see or already have."""
    entry = entry_from_event(event)
    return entries if entry is None else add_entry(entries, entry)


def progress_of(entries: tuple[TimelineEntry, ...]) -> Progress:
    """Fold the timeline into the complaint's current state."""
    state = dict(Progress())
    for entry in sorted(entries, key=ordering_key):
        _apply(state, entry)
    if state["received_at"] is None:
        state["status"] = Status.NOT_FOUND
    return Progress.model_validate(state)


def _apply(s: dict[str, Any], entry: TimelineEntry) -> None:
    match entry.milestone:
        case Milestone.RECEIVED:
            s.update(status=Status.RECEIVED, received_at=entry.at, language=entry.language or Language.EN)
        case Milestone.ACKNOWLEDGED:
            s["acknowledged"] = True
            if s["status"] == Status.RECEIVED:
                s["status"] = Status.ACKNOWLEDGED
        case Milestone.ASSIGNED | Milestone.REASSIGNED | Milestone.CASE_OPENED | Milestone.INVESTIGATION_STARTED:
            s["department"] = entry.department or s["department"]
            if entry.milestone == Milestone.ASSIGNED:
                s["deadlines"] = entry.deadlines
            if s["status"] in _BEFORE_HANDLING:
                s["status"] = Status.IN_PROGRESS
        case Milestone.INFORMATION_REQUESTED:
            s["open_request"] = entry
            s["service_clock_paused"] = not (s["closed"] or s["withdrawn"])
            _move(s, Status.WAITING_FOR_CUSTOMER)
        case Milestone.DEADLINES_CHANGED:
            s["deadlines"] = entry.deadlines  # every unmet one, as the case tracks it now
        case Milestone.INVESTIGATION_RESUMED:
            s.update(service_clock_paused=False, deadlines=_moved(s["deadlines"], entry.deadlines))
            # Staff may stop waiting without an answer: the question is no longer awaited (a reply stays welcome).
            _answered(s, entry.replies_to)
        case Milestone.CUSTOMER_REPLIED:
            _answered(s, entry.replies_to)
        case Milestone.RESOLUTION_PROPOSED:
            s["open_proposal"] = entry
            _move(s, Status.DECISION_NEEDED)
        case Milestone.RESOLUTION_ACCEPTED | Milestone.RESOLUTION_REJECTED:
            proposal = s["open_proposal"]
            if proposal is not None and entry.replies_to == proposal.reference:
                s["open_proposal"] = None
                accepted = entry.milestone == Milestone.RESOLUTION_ACCEPTED
                _move(s, Status.RESOLUTION_ACCEPTED if accepted else Status.IN_PROGRESS)
        case Milestone.RESOLVED:
            s.update(resolved=True, open_request=None, open_proposal=None, finished_at=s["finished_at"] or entry.at)
            _move(s, Status.RESOLVED)
        case Milestone.CLOSED:
            # The reopening window runs from closure (or from the final response, when it came first and the
            # case closes later: the customer may ask from the moment they have the answer).
            s.update(closed=True, open_request=None, open_proposal=None, escalation_pending=False,
                     service_clock_paused=False, finished_at=entry.at,
                     merged=s["merged"] or entry.close_reason == "duplicate",
                     status=Status.WITHDRAWN if s["withdrawn"] or entry.close_reason == "withdrawn" else Status.CLOSED)
        case Milestone.MERGED:
            s.update(merged=True, merged_into=entry.reference or s["merged_into"])
        case Milestone.REOPENED:
            s.update(closed=False, resolved=False, withdrawn=False, merged=False, merged_into=None, finished_at=None,
                     reopening_pending=False, status=Status.IN_PROGRESS)
        case Milestone.REOPENING_REQUESTED:
            s["reopening_pending"] = s["closed"] or s["resolved"]
        case Milestone.WITHDRAWN:
            s.update(withdrawn=True, open_request=None, open_proposal=None, escalation_pending=False)
            if not s["closed"]:
                s["status"] = Status.WITHDRAWN
        case Milestone.ESCALATION_REQUESTED:
            s["escalation_pending"] = not (s["closed"] or s["withdrawn"])
        case Milestone.ESCALATED:
            s.update(escalation_pending=False, tier=max(s["tier"], entry.tier or 1))
        case Milestone.FEEDBACK_GIVEN:
            s["feedback_given"] = True


def _answered(s: dict[str, Any], request_id: str | None) -> None:
    """The open question (the one named, or any when none is) is no longer waiting for the customer."""
    request = s["open_request"]
    if request is not None and request_id in (None, request.reference):
        s["open_request"] = None
        if s["status"] == Status.WAITING_FOR_CUSTOMER:
            s["status"] = Status.DECISION_NEEDED if s["open_proposal"] else Status.IN_PROGRESS


def _moved(deadlines: tuple[Deadline, ...], moved: tuple[Deadline, ...]) -> tuple[Deadline, ...]:
    """The deadlines after a resumption: the regulatory ones as they were, and the service ones it lists (every
    unmet one, at its new time; one it leaves out was met, and is no longer counted down)."""
    return tuple(d for d in deadlines if d.clock is not Clock.SERVICE) + tuple(
        d for d in moved if d.clock is Clock.SERVICE)


def _move(s: dict[str, Any], status: Status) -> None:
    if not (s["closed"] or s["withdrawn"]):
        s["status"] = status
