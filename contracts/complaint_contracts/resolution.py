"""Events resolution publishes on `complaints.resolution.v1`: the case, its clocks and its outcome."""

from typing import Annotated, Literal

from pydantic import Field

from .base import ComplaintEvent, Event
from .types import (
    AwareDatetime,
    Category,
    Clock,
    ComplaintId,
    ComplaintKind,
    Contract,
    Deadline,
    DeadlineTerms,
    Money,
    Outcome,
    Priority,
    Remedy,
    RemedyKind,
    personal,
)

SOURCE = "/complaints/resolution"

Actor = Annotated[str, Field(description="Who acted: employee id, or `system` for the scheduler",
                             examples=["emp-0042", "system"])]


class _ResolutionEvent(ComplaintEvent):
    source: str = Field(default=SOURCE, description="CloudEvents source")


class PlanStep(Contract):
    """One step of a proposed resolution: what will be done, by when, and who does it."""

    step_id: str = Field(description="Id of the step within its proposal", examples=["s-1"])
    description: str = Field(min_length=1, max_length=2000, description="What will be done, in plain words",
                             examples=["Refund the delivery charge to the card used"])
    due_at: AwareDatetime = Field(description="When it will be done by")
    owner: Actor = Field(description="Who carries it out: employee id or team")


class CaseOpened(_ResolutionEvent):
    """Resolution took ownership of the routed complaint."""

    type: Literal["complaints.resolution.CaseOpened"] = "complaints.resolution.CaseOpened"
    team: str = Field(description="Team that owns the case")
    assignee: str | None = Field(default=None, description="Employee id of the owner")


class CaseAssigned(_ResolutionEvent):
    """The case got a new owner."""

    type: Literal["complaints.resolution.CaseAssigned"] = "complaints.resolution.CaseAssigned"
    team: str = Field(description="Team that owns the case now")
    assignee: str | None = Field(default=None, description="Employee id of the new owner")
    by: Actor
    reason: str = Field(description="Why, in words")


class InvestigationStarted(_ResolutionEvent):
    """A member of staff started investigating the case (or started again after the customer rejected a proposal)."""

    type: Literal["complaints.resolution.InvestigationStarted"] = "complaints.resolution.InvestigationStarted"
    started_at: AwareDatetime = Field(description="When the investigation started")
    by: Actor
    restarted: bool = Field(default=False,
                            description="True when investigation starts again after the customer rejected a proposal")


class InformationRequested(_ResolutionEvent):
    """The customer was asked for information; the service SLA pauses until they answer."""

    type: Literal["complaints.resolution.InformationRequested"] = "complaints.resolution.InformationRequested"
    request_id: str = Field(description="Id the customer's answer refers to")
    question: str = personal("What is asked, in plain words", min_length=1, max_length=4000)
    respond_by: AwareDatetime | None = Field(default=None, description="When the customer should answer by")
    by: Actor


class InvestigationResumed(_ResolutionEvent):
    """The customer answered (or staff stopped waiting): the service SLA runs again, its deadlines moved later."""

    type: Literal["complaints.resolution.InvestigationResumed"] = "complaints.resolution.InvestigationResumed"
    request_id: str | None = Field(default=None, description="The information request that was waiting")
    paused_seconds: float = Field(ge=0, description="Working seconds the service SLA was paused")
    service_deadlines: list[Deadline] = Field(default_factory=list,
                                              description="Unmet service-SLA deadlines with their new due times")
    by: Actor


class CaseDeadlinesChanged(_ResolutionEvent):
    """The case's deadlines changed other than by a pause (its priority was corrected, or it was reopened).

    Every unmet one as the case tracks it now: routing's revision (service ones moved by the pauses so far), or the
    deadlines a reopening runs again."""

    type: Literal["complaints.resolution.CaseDeadlinesChanged"] = "complaints.resolution.CaseDeadlinesChanged"
    deadlines: list[Deadline] = Field(description="Every unmet deadline, at its current due time")
    reason: str = Field(description="Why, in words", examples=["priority corrected from medium to critical"])


class ResolutionProposed(_ResolutionEvent):
    """A resolution and redress were proposed to the customer, who decides."""

    type: Literal["complaints.resolution.ResolutionProposed"] = "complaints.resolution.ResolutionProposed"
    proposal_id: str = Field(description="Id the customer's decision refers to")
    summary: str = personal("The proposal in plain words", min_length=1, max_length=8000)
    remedies: list[Remedy] = Field(min_length=1, description="What is offered")
    respond_by: AwareDatetime | None = Field(default=None, description="When the customer should decide by")
    by: Actor
    plan: list[PlanStep] = Field(default_factory=list,
                                 description="What will be done and by when, step by step (the plan the customer "
                                             "agrees to by accepting)")


class ResolutionImplemented(_ResolutionEvent):
    """The accepted resolution was carried out."""

    type: Literal["complaints.resolution.ResolutionImplemented"] = "complaints.resolution.ResolutionImplemented"
    proposal_id: str = Field(description="The proposal carried out")
    details: str = Field(default="", max_length=4000, description="What was done")
    by: Actor


class ComplaintResolved(_ResolutionEvent):
    """The final response was issued."""

    type: Literal["complaints.resolution.ComplaintResolved"] = "complaints.resolution.ComplaintResolved"
    outcome: Outcome = Field(description="Upheld, partially upheld or not upheld")
    final_response: str = personal("The final response sent to the customer", min_length=1, max_length=20000)
    root_cause: str | None = Field(default=None, max_length=200, description="Root cause category",
                                   examples=["courier-handover"])
    by: Actor
    referral_included: bool = Field(
        default=False, description="The final response already names the outside body its regime requires, with "
                                   "how and by when to refer: a letter carrying it adds that paragraph no second time")


class ComplaintClosed(_ResolutionEvent):
    """The case was closed."""

    type: Literal["complaints.resolution.ComplaintClosed"] = "complaints.resolution.ComplaintClosed"
    reason: Literal["resolved", "withdrawn", "no_response", "duplicate"] = Field(description="Why it closed")
    by: Actor


class ComplaintReopened(_ResolutionEvent):
    """A closed or resolved case was opened again."""

    type: Literal["complaints.resolution.ComplaintReopened"] = "complaints.resolution.ComplaintReopened"
    reason: str = Field(description="Why, in words")
    by: Actor


class CaseEscalated(_ResolutionEvent):
    """The case moved up a tier."""

    type: Literal["complaints.resolution.CaseEscalated"] = "complaints.resolution.CaseEscalated"
    tier: int = Field(ge=2, description="Tier after escalation (1 = first line)")
    trigger: Literal["breach", "customer", "staff"] = Field(description="What caused it")
    reason: str = Field(description="Why, in words")
    by: Actor


class _DeadlineEvent(_ResolutionEvent):
    deadline: str = Field(description="Which deadline", examples=["final_response"])
    clock: Clock = Field(description="Service SLA or regulatory clock")
    due_at: AwareDatetime = Field(description="When it is (or was) due")
    basis: str | None = Field(default=None, description="The rule that sets it, in words (absent in older events)",
                              examples=["8 weeks from receipt (FCA DISP 1.6.2)"])
    terms: DeadlineTerms | None = Field(
        default=None, description="The rule as data, as the case counts it now (absent in older events)")


class DeadlineWarning(_DeadlineEvent):
    """A deadline is near (e.g. 75 % of its time used)."""

    type: Literal["complaints.resolution.DeadlineWarning"] = "complaints.resolution.DeadlineWarning"
    elapsed_fraction: float = Field(ge=0, description="Share of the time used when warned")


class DeadlineBreached(_DeadlineEvent):
    """A deadline passed with the work not done."""

    type: Literal["complaints.resolution.DeadlineBreached"] = "complaints.resolution.DeadlineBreached"


class PublicNoteAdded(_ResolutionEvent):
    """A note the customer can see was added to the case."""

    type: Literal["complaints.resolution.PublicNoteAdded"] = "complaints.resolution.PublicNoteAdded"
    note_id: str = Field(description="Id of the note")
    text: str = personal("The note, in plain words", min_length=1, max_length=8000)
    by: Actor


class RedressPaid(_ResolutionEvent):
    """Redress reached the customer (the ledger's last step)."""

    type: Literal["complaints.resolution.RedressPaid"] = "complaints.resolution.RedressPaid"
    proposal_id: str = Field(description="Proposal the redress belongs to")
    kind: RemedyKind = Field(description="Kind of redress")
    amount: Money = Field(description="Amount paid")
    payment_reference: str = Field(description="Reference of the payment")
    by: Actor


class _PlanStepEvent(_ResolutionEvent):
    proposal_id: str = Field(description="The accepted proposal the step belongs to")
    step_id: str = Field(description="The step")
    description: str = Field(description="What was promised, in plain words")
    due_at: AwareDatetime = Field(description="When it was promised by")


class PlanStepCompleted(_PlanStepEvent):
    """A step of the agreed plan was carried out."""

    type: Literal["complaints.resolution.PlanStepCompleted"] = "complaints.resolution.PlanStepCompleted"
    note: str = Field(default="", max_length=4000, description="What was done, in plain words")
    by: Actor


class PlanStepOverdue(_PlanStepEvent):
    """A step of the agreed plan passed its date undone: its owner is warned (once per step)."""

    type: Literal["complaints.resolution.PlanStepOverdue"] = "complaints.resolution.PlanStepOverdue"
    owner: Actor = Field(description="Who is to carry it out: employee id or team")


class ComplaintMerged(_ResolutionEvent):
    """The complaint was a duplicate: its case closed and the complaint it names carries on with the work."""

    type: Literal["complaints.resolution.ComplaintMerged"] = "complaints.resolution.ComplaintMerged"
    merged_into: ComplaintId = Field(description="The complaint whose case carries on")
    merged_into_tracking_number: str | None = Field(
        default=None, description="Tracking number of that complaint, for the customer to follow it",
        examples=["CMP-7K3Q-9XWA-F"])
    reason: str = Field(description="Why, in words")
    by: Actor


class FieldCorrection(Contract):
    """One field of the assessment an employee corrected."""

    field: Literal["kind", "category", "priority", "department"] = Field(description="Which field")
    old: str = Field(description="The value routing gave (or the last correction)")
    new: str = Field(description="The corrected value")


class AssessmentCorrected(_ResolutionEvent):
    """An employee corrected routing's assessment of the complaint (examples routing learns from)."""

    type: Literal["complaints.resolution.AssessmentCorrected"] = "complaints.resolution.AssessmentCorrected"
    corrected_by: Actor
    changes: list[FieldCorrection] = Field(min_length=1, description="The fields changed, with old and new values")
    reason: str = Field(min_length=1, max_length=4000, description="Why, in words")
    kind: ComplaintKind = Field(description="The kind after the correction")
    category: Category = Field(description="The category after the correction")
    priority: Priority = Field(description="The priority after the correction")
    department: str = Field(description="The department after the correction")


class CorrectiveActionRaised(Event):
    """Quality attached a root cause and a corrective or preventive action to one or many complaints."""

    type: Literal["complaints.resolution.CorrectiveActionRaised"] = "complaints.resolution.CorrectiveActionRaised"
    source: str = Field(default=SOURCE, description="CloudEvents source")
    action_id: str = Field(description="Id of the action")
    complaint_ids: list[str] = Field(min_length=1, description="Complaints it addresses")
    root_cause: str = Field(description="Root cause found")
    action: str = Field(description="What will be done")
    preventive: bool = Field(default=False, description="Preventive (true) or corrective (false)")
    owner: str = Field(description="Who owns the action")
    due_at: AwareDatetime | None = Field(default=None, description="When it should be done")
    by: Actor

    @property
    def subject(self) -> str:
        return self.action_id


class WorkloadChanged(Event):
    """Open cases of a team or person changed: keeps routing's capacity view current."""

    type: Literal["complaints.resolution.WorkloadChanged"] = "complaints.resolution.WorkloadChanged"
    source: str = Field(default=SOURCE, description="CloudEvents source")
    team: str = Field(description="Team")
    assignee: str | None = Field(default=None, description="Employee, or None for the team as a whole")
    open_cases: int = Field(ge=0, description="Open cases now")

    @property
    def subject(self) -> str:
        return f"{self.team}/{self.assignee or '*'}"


RegulatoryReportType = Literal["mdr_30_day", "mdr_5_day", "supplemental"]
"""Kinds of report to a regulator: FDA 21 CFR 803.50 (30-day), 803.53 (5-day), 803.56 (supplemental)."""


class RegulatoryReportFiled(_ResolutionEvent):
    """Staff recorded a report filed with the regulator about the complaint (e.g. an FDA medical device report);
    it meets the reporting deadlines its type satisfies, which the final response to the customer does not."""

    type: Literal["complaints.resolution.RegulatoryReportFiled"] = "complaints.resolution.RegulatoryReportFiled"
    report_type: RegulatoryReportType = Field(
        description="mdr_30_day (21 CFR 803.50), mdr_5_day (803.53, also stands for the 30-day report) or "
                    "supplemental (803.56: new information on a report already filed)", examples=["mdr_30_day"])
    reference: str = Field(min_length=1, max_length=200,
                           description="The regulator's or the submission's id of the report",
                           examples=["MW5012345"])
    filed_at: AwareDatetime = Field(description="When the report was filed with the regulator (not when recorded)")
    deadlines_met: list[str] = Field(
        default_factory=list, description="Regulatory-clock deadlines of the case this report met (their met time is "
                                          "`filed_at`); empty when it met none, e.g. a supplemental report",
        examples=[["mdr_report"]])
    by: Actor


ResolutionEvent = Annotated[
    CaseOpened | CaseAssigned | InvestigationStarted | InformationRequested | InvestigationResumed | ResolutionProposed
    | ResolutionImplemented | ComplaintResolved | ComplaintClosed | ComplaintReopened | CaseEscalated | DeadlineWarning
    | DeadlineBreached | PublicNoteAdded | RedressPaid | CorrectiveActionRaised | WorkloadChanged
    | PlanStepCompleted | PlanStepOverdue | ComplaintMerged | AssessmentCorrected | RegulatoryReportFiled
    | CaseDeadlinesChanged,
    Field(discriminator="type"),
]
