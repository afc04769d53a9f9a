"""What notification remembers about a complaint: later events do not carry the customer's address."""

from datetime import datetime

from complaint_contracts import (
    CaseAssigned,
    ComplaintKind,
    ComplaintReceived,
    ComplaintRerouted,
    ComplaintRouted,
    CustomerContact,
    Deadline,
    Event,
    Language,
    Priority,
    Regime,
)
from pydantic import BaseModel, ConfigDict, Field


class ComplaintFacts(BaseModel):
    """The projection notification keeps per complaint, folded from the events it consumes."""

    model_config = ConfigDict(frozen=True)

    complaint_id: str
    tracking_number: str
    title: str
    customer: CustomerContact
    language: Language
    jurisdiction: str
    received_at: datetime
    source_system: str | None = None
    department: str | None = None
    team: str | None = None
    assignee: str | None = None
    kind: ComplaintKind = ComplaintKind.COMPLAINT
    regime: Regime = Regime.NONE
    priority: Priority | None = None
    deadlines: tuple[Deadline, ...] = Field(default=())
    assigned_at: datetime | None = None
    """`time` of the event that set department, team and assignee: an older one (redelivered) cannot undo it."""


def facts_from_received(*, event: ComplaintReceived) -> ComplaintFacts:
    """Start the projection from the complaint as filed."""
    return ComplaintFacts(
        complaint_id=event.complaint_id,
        tracking_number=event.tracking_number,
        title=event.title,
        customer=event.customer,
        language=event.language,
        jurisdiction=event.jurisdiction,
        received_at=event.received_at,
        source_system=event.source_system,
    )


def record_facts(*, facts: ComplaintFacts | None, event: Event) -> ComplaintFacts | None:
    """Fold one event into the projection; events that change nothing return the facts unchanged."""
    if isinstance(event, ComplaintReceived):
        return facts_from_received(event=event) if facts is None else facts
    if facts is None:
        return None
    if isinstance(event, ComplaintRouted):
        assessed = facts.model_copy(update={"kind": event.kind, "regime": event.regime, "priority": event.priority,
                                            "deadlines": tuple(event.deadlines)})
        return _assigned(assessed, event, department=event.department, team=event.team, assignee=event.assignee)
    if isinstance(event, ComplaintRerouted):
        return _assigned(facts, event, department=event.department, team=event.team, assignee=event.assignee)
    if isinstance(event, CaseAssigned):
        return _assigned(facts, event, team=event.team, assignee=event.assignee)
    return facts


def _assigned(facts: ComplaintFacts, event: Event, **owner: str | None) -> ComplaintFacts:
    # Routing and resolution publish on different topics, so a redelivered routing event can arrive after a
    # later assignment: the newer event keeps the owner.
    if facts.assigned_at is not None and event.time < facts.assigned_at:
        return facts
    return facts.model_copy(update={**owner, "assigned_at": event.time})
