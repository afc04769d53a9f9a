"""The case aggregate: what resolution knows about one complaint, and the one way every command changes it."""

from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

from complaint_contracts.base import ComplaintEvent
from complaint_contracts.resolution import SOURCE
from complaint_contracts.types import (
    AwareDatetime,
    Category,
    Clock,
    ComplaintKind,
    DeadlineTerms,
    Decision,
    Outcome,
    Priority,
    Regime,
    Remedy,
)
from pydantic import BaseModel, ConfigDict, Field, computed_field

from .case_parts import ContactRecord, DuplicateLink, PlanStep, RegulatoryReport, Task
from .errors import IllegalTransition, VersionConflict
from .ledger import RedressLedger
from .policy import DEFAULT_POLICY, CasePolicy
from .states import FINISHED_STATES, CaseAction, CaseState, allowed_actions, next_state

SYSTEM = "system"
"""Actor of what the deadline scan and event reactions do."""
CUSTOMER = "customer"
"""Actor of what the customer does through intake."""


class Acting(BaseModel):
    """Who acts, when and why: every accepted command records it in the audit trail."""

    model_config = ConfigDict(frozen=True)

    by: str = Field(description="Employee id, `customer` or `system`")
    at: AwareDatetime = Field(description="When the action takes effect (from the injected clock)")
    reason: str = Field(default="", max_length=4000, description="Why, in words (never the customer's own words)")
    expected_version: int | None = Field(default=None, description="Case version the caller read; None skips the check")
    causation_id: str | None = Field(default=None, description="Id of the event that caused the action, if any")


class AuditEntry(BaseModel):
    at: datetime
    by: str
    action: CaseAction
    reason: str
    from_state: CaseState
    to_state: CaseState
    version: int
    detail: dict[str, str] = Field(default_factory=dict)


class TrackedDeadline(BaseModel):
    name: str
    clock: Clock
    due_at: datetime = Field(description="Current due time; service deadlines move later by paused time")
    basis: str
    terms: DeadlineTerms | None = Field(default=None, description="The rule as data, as routing set it")
    started_at: datetime = Field(description="When the clock of this deadline started")
    shifted_seconds: float = Field(default=0.0, description="Working seconds added by pauses so far")
    met_at: datetime | None = None
    kept_elsewhere: bool = Field(
        default=False, description="Another service meets it (the acknowledgement of receipt): it is the case "
                                   "owner's to meet only once the acknowledgement reached no channel")


class Pause(BaseModel):
    started_at: datetime
    request_id: str | None = None
    ended_at: datetime | None = None
    working_seconds: float = 0.0


class AlertKind(StrEnum):
    WARNING = "warning"
    BREACH = "breach"


class RaisedAlert(BaseModel):
    deadline: str
    clock: Clock
    kind: AlertKind
    at: datetime


class Proposal(BaseModel):
    proposal_id: str
    summary: str
    remedies: list[Remedy]
    proposed_at: datetime
    by: str
    respond_by: datetime | None = None
    plan: list[PlanStep] = Field(default_factory=list, description="What will be done and by when")
    decision: Decision | None = Field(default=None, description="The customer's decision, once made")
    decided_at: datetime | None = None


class InformationRequest(BaseModel):
    request_id: str
    question: str
    asked_at: datetime
    by: str
    respond_by: datetime | None = None


class IssuedResponse(BaseModel):
    """A final response as issued (a reopened case keeps the earlier ones)."""

    outcome: Outcome
    text: str
    issued_at: datetime
    by: str
    gaps: list[str] = Field(default_factory=list,
                            description="Minimum content (ISO 10002) the response lacked when it was issued")


class Note(BaseModel):
    note_id: str
    text: str
    public: bool
    at: datetime
    by: str


class Case(BaseModel):
    model_config = ConfigDict(extra="ignore")

    complaint_id: str
    correlation_id: str | None = None
    department: str
    team: str
    assignee: str | None = None
    kind: ComplaintKind
    category: Category
    priority: Priority
    regime: Regime
    state: CaseState = CaseState.OPENED
    state_entered_at: datetime
    tier: int = 1
    version: int = 0
    opened_at: datetime
    deadlines: list[TrackedDeadline] = Field(default_factory=list)
    pauses: list[Pause] = Field(default_factory=list)
    raised_alerts: list[RaisedAlert] = Field(default_factory=list)
    information_request_id: str | None = None
    proposals: list[Proposal] = Field(default_factory=list)
    current_proposal_id: str | None = Field(default=None, description="The proposal a customer decision may act on")
    information_requests: list[InformationRequest] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    final_responses: list[IssuedResponse] = Field(default_factory=list)
    redress: RedressLedger = Field(default_factory=RedressLedger)
    outcome: Outcome | None = None
    final_response: str | None = None
    root_cause: str | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    close_reason: str | None = None
    reopen_count: int = 0
    corrective_action_ids: list[str] = Field(default_factory=list)
    received_at: datetime | None = Field(default=None, description="Receipt of the complaint (routing's word)")
    rules_version: str | None = None
    rules_fired: list[str] = Field(default_factory=list, description="Why routing assessed and placed it so")
    flags: list[str] = Field(default_factory=list, description="Flags routing's assessment raised")
    duplicates: list[DuplicateLink] = Field(default_factory=list)
    merged_into: str | None = Field(default=None, description="The complaint this one was merged into")
    merged_from: list[str] = Field(default_factory=list, description="Complaints merged into this one")
    contact: ContactRecord = Field(default_factory=ContactRecord)
    tasks: list[Task] = Field(default_factory=list)
    regulatory_reports: list[RegulatoryReport] = Field(
        default_factory=list, description="Reports filed with a regulator about the complaint, oldest first")
    personal_data_erased_at: datetime | None = Field(
        default=None, description="When the customer's personal data was erased (the case keeps its record)")
    audit: list[AuditEntry] = Field(default_factory=list)
    applied_event_keys: list[str] = Field(default_factory=list, description="Inbound events already applied")
    watermarks: dict[str, datetime] = Field(default_factory=dict,
                                            description="Per event source: time of the newest event applied")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def next_due_at(self) -> datetime | None:
        """Nearest deadline not yet met that is the owner's to meet (the work queue sorts by it): a deadline another
        service keeps counts only once its message reached the customer by no channel."""
        owed = self.contact.acknowledgement_unreached
        return min((d.due_at for d in self.deadlines if d.met_at is None and (owed or not d.kept_elsewhere)),
                   default=None)

    @property
    def open_pause(self) -> Pause | None:
        """The pause of the service SLA in progress, if the case waits for the customer."""
        return self.pauses[-1] if self.pauses and self.pauses[-1].ended_at is None else None

    @property
    def is_open(self) -> bool:
        """Work is still owed to the customer."""
        return self.state not in FINISHED_STATES

    def proposal(self, proposal_id: str) -> Proposal | None:
        """Return the proposal with this id, if any."""
        return next((p for p in self.proposals if p.proposal_id == proposal_id), None)

    @property
    def agreed_proposal(self) -> Proposal | None:
        """The proposal the customer accepted last (its plan is the agreed plan), if any."""
        return next((p for p in reversed(self.proposals) if p.decision is Decision.ACCEPTED), None)


def check_action(case: Case, *, action: CaseAction, acting: Acting) -> CaseState:
    """Refuse a stale version or an illegal action; return the state the action leads to."""
    if acting.expected_version is not None and acting.expected_version != case.version:
        raise VersionConflict(expected=acting.expected_version, actual=case.version)
    target = next_state(state=case.state, action=action)
    if target is None:
        raise IllegalTransition(state=case.state, action=action, allowed=allowed_actions(case.state))
    return target


def record(case: Case, *, action: CaseAction, acting: Acting, policy: CasePolicy = DEFAULT_POLICY,
           detail: dict[str, str] | None = None) -> None:
    """Move the case as the action says, meet the deadlines it meets, bump the version and audit who/when/why."""
    target = check_action(case, action=action, acting=acting)
    previous = case.state
    if target is not previous:
        case.state, case.state_entered_at = target, acting.at
    for deadline in case.deadlines:
        if deadline.met_at is None and policy.meets(deadline=deadline.name, action=action):
            deadline.met_at = acting.at
    case.version += 1
    case.audit.append(AuditEntry(at=acting.at, by=acting.by, action=action, reason=acting.reason,
                                 from_state=previous, to_state=target, version=case.version, detail=detail or {}))


E = TypeVar("E", bound=ComplaintEvent)


def case_event(event_class: type[E], case: Case, acting: Acting, **fields: Any) -> E:
    """Build a contract event about the case, stamped with the acting time and the case's tracing ids."""
    return event_class(complaint_id=case.complaint_id, source=SOURCE, time=acting.at,
                       correlation_id=case.correlation_id or case.complaint_id, causation_id=acting.causation_id,
                       **fields)
