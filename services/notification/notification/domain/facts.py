"""What notification remembers about a complaint: later events do not carry the customer's address."""

from datetime import datetime

from complaint_contracts import (
    AccessCodeIssued,
    CaseAssigned,
    ComplaintClosed,
    ComplaintKind,
    ComplaintReceived,
    ComplaintReopened,
    ComplaintRerouted,
    ComplaintResolved,
    ComplaintRouted,
    CustomerContact,
    Deadline,
    Event,
    Language,
    PersonalDataErased,
    Priority,
    Regime,
    ResolutionProposed,
)
from complaint_contracts.resolution import PlanStep
from complaint_contracts.types import personal
from pydantic import BaseModel, ConfigDict, Field

from .erasure import shows_erased, without_personal_data


class ComplaintFacts(BaseModel):
    """The projection notification keeps per complaint, folded from the events it consumes."""

    model_config = ConfigDict(frozen=True)

    complaint_id: str
    tracking_number: str
    title: str = personal("The complaint's title in the customer's words: quoted in messages, erased with the "
                          "customer's personal data")
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
    owner_since: datetime | None = None
    """`time` of the event that gave the case its current team and assignee (a repeat naming them again does not
    move it): what makes one assignment notice distinct from the next."""
    routed_at: datetime | None = None
    """`time` of the routing decision; routing decides once per complaint, so a later `ComplaintRouted` is that
    decision again (re-sent under a new id) and changes nothing."""
    finished_at: tuple[datetime, ...] = Field(default=())
    """Times the complaint was resolved or closed."""
    reopened_at: tuple[datetime, ...] = Field(default=())
    """Times of the reopenings that followed a resolution or closing (a repeated reopening is not a new one)."""
    plans: dict[str, tuple[PlanStep, ...]] = Field(default_factory=dict)
    """Proposal id → the steps it promised, so the confirmation of an acceptance can list them."""
    access_code_issued_at: datetime | None = None
    """When an access code was first sent to the customer by message (never the code itself)."""
    personal_data_erased: bool = False
    """The customer's personal data was erased: the contact details are gone and the customer gets no message."""
    revision: int = Field(default=0, exclude=True)
    """Which stored version these facts were read as (0: as received). Not part of the facts (never written out):
    a run stores what it changed as the next revision, so two runs that read the same one cannot both store theirs
    under it (optimistic concurrency, as `version_number` in cosmicpython)."""

    def cycle_at(self, moment: datetime) -> int:
        """How many times the complaint had been reopened by `moment` (0 before the first reopening).

        Counted by event time, so an old event redelivered after a reopening still falls in its own cycle.
        """
        return sum(reopened <= moment for reopened in self.reopened_at)


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
        personal_data_erased=shows_erased(event),  # read after its keys were destroyed (a replay)
    )


def erased_facts(facts: ComplaintFacts) -> ComplaintFacts:
    """The facts without the customer's personal data, marked erased; the rest of the record stays."""
    return without_personal_data(facts).model_copy(update={"personal_data_erased": True,
                                                           "revision": facts.revision})


def written_over(facts: ComplaintFacts, *, stored: ComplaintFacts) -> ComplaintFacts:
    """What a run stores when another run stored newer facts since it read them: its own, as the last writer, except
    that erased facts stay erased (what it learnt is kept, without the personal data it read before the erasure)."""
    kept = erased_facts(facts) if stored.personal_data_erased and not facts.personal_data_erased else facts
    return kept.model_copy(update={"revision": stored.revision})


def record_facts(*, facts: ComplaintFacts | None, event: Event) -> ComplaintFacts | None:
    """Fold one event into the projection; events that change nothing return the facts unchanged."""
    if isinstance(event, ComplaintReceived):
        return facts_from_received(event=event) if facts is None else facts
    if facts is None:
        return None
    if isinstance(event, PersonalDataErased):
        return erased_facts(facts)  # the same facts again when they were erased before
    if isinstance(event, ComplaintRouted):
        if facts.routed_at is not None:
            return facts
        assessed = facts.model_copy(update={"routed_at": event.time, "kind": event.kind, "regime": event.regime,
                                            "priority": event.priority, "deadlines": tuple(event.deadlines)})
        return _assigned(assessed, event, department=event.department, team=event.team, assignee=event.assignee)
    if isinstance(event, ComplaintRerouted):
        return _assigned(facts, event, department=event.department, team=event.team, assignee=event.assignee)
    if isinstance(event, CaseAssigned):
        return _assigned(facts, event, team=event.team, assignee=event.assignee)
    if isinstance(event, ComplaintResolved | ComplaintClosed):
        return facts if event.time in facts.finished_at else facts.model_copy(
            update={"finished_at": tuple(sorted({*facts.finished_at, event.time}))})
    if isinstance(event, ComplaintReopened):
        return _reopened(facts, event.time)
    if isinstance(event, ResolutionProposed) and event.plan and event.proposal_id not in facts.plans:
        return facts.model_copy(update={"plans": {**facts.plans, event.proposal_id: tuple(event.plan)}})
    if isinstance(event, AccessCodeIssued) and facts.access_code_issued_at is None:
        return facts.model_copy(update={"access_code_issued_at": event.time})
    return facts


def _reopened(facts: ComplaintFacts, at: datetime) -> ComplaintFacts:
    # A reopening counts only if the complaint was finished since the reopening before it: the same reopening
    # re-sent under a new id (and a later time) finds nothing finished in between and starts no new cycle.
    if at in facts.reopened_at:
        return facts
    previous = max((r for r in facts.reopened_at if r < at), default=None)
    if not any((previous is None or previous < f) and f <= at for f in facts.finished_at):
        return facts
    return facts.model_copy(update={"reopened_at": tuple(sorted({*facts.reopened_at, at}))})


def _assigned(facts: ComplaintFacts, event: Event, **owner: str | None) -> ComplaintFacts:
    # Routing and resolution publish on different topics, so a redelivered routing event can arrive after a
    # later assignment: the newer event keeps the owner.
    if facts.assigned_at is not None and event.time < facts.assigned_at:
        return facts
    moved = (owner.get("team", facts.team), owner.get("assignee", facts.assignee)) != (facts.team, facts.assignee)
    # Facts kept before `owner_since` existed fall back to the time of the event that last assigned the owner.
    since = event.time if moved else facts.owner_since or facts.assigned_at or event.time
    return facts.model_copy(update={**owner, "assigned_at": event.time, "owner_since": since})
