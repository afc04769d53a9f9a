"""What the staff API accepts (the answers are in views.py)."""

from typing import Literal

from complaint_contracts.resolution import RegulatoryReportType
from complaint_contracts.types import (
    AwareDatetime,
    Category,
    ComplaintKind,
    Money,
    Outcome,
    Priority,
    Regime,
    Remedy,
    RemedyKind,
)
from pydantic import BaseModel, ConfigDict, Field

from ..domain.corrective import CapaStatus
from ..domain.states import CaseState


class RequestBody(BaseModel):
    """A body the staff API accepts. A field it does not know is refused and named (422), never ignored: a misspelt
    search filter would otherwise widen the search to every case in scope, a misspelt option do nothing."""

    model_config = ConfigDict(extra="forbid")


class Command(RequestBody):
    version: int = Field(ge=1, description="Case version the caller read; a stale one answers 409")
    reason: str = Field(default="", max_length=4000, description="Why, in words (kept in the audit trail)")


class NoteBody(Command):
    text: str = Field(min_length=1, max_length=8000, description="The note")
    public: bool = Field(default=False, description="Visible to the customer (announced) or internal")


class InformationRequestBody(Command):
    question: str = Field(min_length=1, max_length=4000, description="What the customer is asked")
    respond_by: AwareDatetime | None = Field(default=None, description="When the customer should answer by")


class PlanStepBody(RequestBody):
    description: str = Field(min_length=1, max_length=2000, description="What will be done, in plain words")
    due_at: AwareDatetime = Field(description="When it will be done by (the customer is told)")
    owner: str | None = Field(default=None, max_length=200,
                              description="Employee id or team that does it (the case's owner when left out)")


class ProposalBody(Command):
    summary: str = Field(min_length=1, max_length=8000, description="The proposal in plain words")
    remedies: list[Remedy] = Field(min_length=1, max_length=20, description="What is offered")
    respond_by: AwareDatetime | None = Field(default=None, description="When the customer should decide by")
    plan: list[PlanStepBody] = Field(default_factory=list, max_length=20,
                                     description="What will be done and by when, step by step")


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


class RegulatoryReportBody(Command):
    report_type: RegulatoryReportType = Field(
        description="mdr_30_day (21 CFR 803.50), mdr_5_day (803.53; stands for the 30-day report too) or "
                    "supplemental (803.56)")
    reference: str = Field(min_length=1, max_length=200, pattern=r"\S",
                           description="The regulator's or the submission's id of the report")
    filed_at: AwareDatetime = Field(description="When it was filed with the regulator (not in the future)")


class CorrectiveActionBody(RequestBody):
    complaint_ids: list[str] = Field(min_length=1, max_length=500, description="Cases the action addresses")
    action_id: str | None = Field(default=None, max_length=100, description="Id to make a retry safe (generated)")
    root_cause: str = Field(min_length=1, max_length=200, description="Root cause found")
    action: str = Field(min_length=1, max_length=4000, description="What will be done")
    owner: str = Field(min_length=1, max_length=200, description="Who owns the action")
    preventive: bool = Field(default=False, description="Preventive (true) or corrective (false)")
    due_at: AwareDatetime | None = Field(default=None, description="When it should be done")
    reason: str = Field(default="", max_length=4000, description="Why, in words")
    category: Category | None = Field(default=None, description="Category recurrences are counted in (by default "
                                                               "the one all the complaints share)")
    product: str | None = Field(default=None, max_length=120, description="Product recurrences are counted in (by "
                                                                          "default the one all the complaints share)")


class ClockShift(RequestBody):
    seconds: float = Field(ge=-366 * 86400, le=366 * 86400, description="How far to move the service clock")


class AssessmentBody(Command):
    reason: str = Field(min_length=1, max_length=4000, description="Why routing's assessment was wrong")
    kind: ComplaintKind | None = Field(default=None, description="The right kind, if it changes")
    category: Category | None = Field(default=None, description="The right category, if it changes")
    priority: Priority | None = Field(default=None, description="The right priority, if it changes")
    department: str | None = Field(default=None, min_length=1, max_length=200,
                                   description="The right department, if it changes")


class StepCompletionBody(Command):
    note: str = Field(default="", max_length=4000, description="What was done")


class TaskCompletionBody(Command):
    outcome: str = Field(min_length=1, max_length=4000, description="How it went (e.g. what the customer said)")


class DuplicateBody(Command):
    duplicate_of: str = Field(min_length=1, max_length=64, description="The complaint this case duplicates")
    assign_to_original_owner: bool = Field(
        default=False, description="Also give this case to the original's owner (a reassignment: supervisors)")


class MergeBody(Command):
    into: str = Field(min_length=1, max_length=64, description="The complaint whose case carries on")


class FinalResponseDraft(RequestBody):
    outcome: Outcome = Field(description="The decision the draft gives")
    final_response: str = Field(min_length=1, max_length=20000, description="The draft")


class SearchBody(RequestBody):
    """In the body, never the URL: e-mail addresses and phone numbers are personal data."""

    tracking_number: str | None = Field(default=None, max_length=64, description="The complaint's tracking number")
    email: str | None = Field(default=None, max_length=254, description="The customer's e-mail address")
    phone: str | None = Field(default=None, max_length=32, description="The customer's phone number")
    text: str | None = Field(default=None, max_length=500,
                             description="Words of the title, description or the customer's messages (all must "
                                         "match; each matches the words it begins)")
    teams: list[str] = Field(default_factory=list, max_length=100, description="Owning teams")
    departments: list[str] = Field(default_factory=list, max_length=100, description="Owning departments")
    assignees: list[str] = Field(default_factory=list, max_length=100, description="Owners (employee ids)")
    states: list[CaseState] = Field(default_factory=list, max_length=20, description="Case states")
    priorities: list[Priority] = Field(default_factory=list, max_length=10, description="Priorities")
    categories: list[Category] = Field(default_factory=list, max_length=20, description="Categories")
    regimes: list[Regime] = Field(default_factory=list, max_length=10, description="Regulatory regimes")
    due_within_hours: float | None = Field(default=None, ge=0, le=24 * 366,
                                           description="Only cases whose next deadline falls within so many hours")
    breached: bool | None = Field(default=None, description="Only cases with (true) or without (false) a breach")
    unassigned: bool | None = Field(default=None, description="Only cases nobody (true) or somebody (false) owns")
    cursor: str | None = Field(default=None, max_length=1000, description="`next_cursor` of the previous page")
    limit: int = Field(default=50, ge=1, le=500, description="Most cases to return")


class CorrectiveActionAssignment(RequestBody):
    version: int = Field(ge=1, description="Version of the action the caller read")
    owner: str = Field(min_length=1, max_length=200, description="Who carries it out")
    due_at: AwareDatetime | None = Field(default=None, description="When it should be done by")
    note: str = Field(default="", max_length=4000, description="Why, in words")


class CorrectiveActionStatusBody(RequestBody):
    version: int = Field(ge=1, description="Version of the action the caller read")
    status: CapaStatus = Field(description="The status it moves to")
    note: str = Field(default="", max_length=4000, description="What was done or found")
