"""What the staff API accepts and returns."""

from datetime import datetime
from typing import Literal

from complaint_contracts.types import AwareDatetime, Money, Outcome, Remedy, RemedyKind
from complaints_chassis.clock import Clock
from pydantic import BaseModel, Field

from ..domain.case import Case
from ..domain.ledger import CurrencyTotals
from ..domain.queue import CaseSummary
from ..domain.states import CaseAction, allowed_actions


class Command(BaseModel):
    version: int = Field(ge=1, description="Case version the caller read; a stale one answers 409")
    reason: str = Field(default="", max_length=4000, description="Why, in words (kept in the audit trail)")


class NoteBody(Command):
    text: str = Field(min_length=1, max_length=8000, description="The note")
    public: bool = Field(default=False, description="Visible to the customer (announced) or internal")


class InformationRequestBody(Command):
    question: str = Field(min_length=1, max_length=4000, description="What the customer is asked")
    respond_by: AwareDatetime | None = Field(default=None, description="When the customer should answer by")


class ProposalBody(Command):
    summary: str = Field(min_length=1, max_length=8000, description="The proposal in plain words")
    remedies: list[Remedy] = Field(min_length=1, max_length=20, description="What is offered")
    respond_by: AwareDatetime | None = Field(default=None, description="When the customer should decide by")


class ImplementationBody(Command):
    details: str = Field(default="", max_length=4000, description="What was done")


class ResolutionBody(Command):
    outcome: Outcome = Field(description="Upheld, partially upheld or not upheld")
    final_response: str = Field(min_length=1, max_length=20000, description="The final response to send")
    root_cause: str | None = Field(default=None, max_length=200, description="Root cause category")


class ClosureBody(Command):
    close_reason: Literal["resolved", "no_response", "duplicate"] = Field(
        default="resolved", description="Resolved, the customer never answered, or a duplicate")


class AssignmentBody(Command):
    team: str = Field(min_length=1, max_length=200, description="Team to own the case")
    assignee: str | None = Field(default=None, max_length=200, description="Employee to own it, if any")
    department: str | None = Field(default=None, max_length=200, description="New department, if it changes")


class PaymentBody(Command):
    proposal_id: str = Field(min_length=1, description="Proposal whose accepted redress is paid")
    kind: RemedyKind = Field(description="Kind of redress paid")
    amount: Money = Field(description="Amount paid")
    payment_reference: str = Field(min_length=1, max_length=200, description="Reference of the payment")


class CorrectiveActionBody(BaseModel):
    complaint_ids: list[str] = Field(min_length=1, max_length=500, description="Cases the action addresses")
    action_id: str | None = Field(default=None, max_length=100, description="Id to make a retry safe (generated)")
    root_cause: str = Field(min_length=1, max_length=200, description="Root cause found")
    action: str = Field(min_length=1, max_length=4000, description="What will be done")
    owner: str = Field(min_length=1, max_length=200, description="Who owns the action")
    preventive: bool = Field(default=False, description="Preventive (true) or corrective (false)")
    due_at: AwareDatetime | None = Field(default=None, description="When it should be done")
    reason: str = Field(default="", max_length=4000, description="Why, in words")


class ClockShift(BaseModel):
    seconds: float = Field(ge=-366 * 86400, le=366 * 86400, description="How far to move the service clock")


class ClockView(BaseModel):
    now: datetime
    offset_seconds: float

    @classmethod
    def of(cls, clock: Clock) -> "ClockView":
        return cls(now=clock(), offset_seconds=clock.offset.total_seconds())


class CaseView(Case):
    allowed_actions: list[CaseAction] = Field(description="What the lifecycle allows in the current state")
    redress_totals: list[CurrencyTotals] = Field(description="Offered, accepted and paid per currency")
    applied_event_keys: list[str] = Field(default_factory=list, exclude=True)
    watermarks: dict[str, datetime] = Field(default_factory=dict, exclude=True)

    @classmethod
    def of(cls, case: Case) -> "CaseView":
        return cls(**dict(case), allowed_actions=allowed_actions(case.state),
                   redress_totals=list(case.redress.totals().values()))


class QueuePage(BaseModel):
    items: list[CaseSummary]
    total: int = Field(description="Cases the filter selects within what the caller may see")
    offset: int
    limit: int
