"""Staff commands as values: the API says what an employee asked for; the service runs it against the case.

Each command names its lifecycle action (access and the state machine are checked against it) and applies the
matching domain function. Ids of what a command creates (notes, requests, proposals) come from the context, so
the domain stays free of randomness.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from complaint_contracts.base import Event
from complaint_contracts.resolution import RegulatoryReportType
from complaint_contracts.types import Category, ComplaintKind, Money, Outcome, Priority, Remedy, RemedyKind

from .assessment import correct_assessment
from .case import Acting, Case
from .complaint import ComplaintDetails
from .contact import complete_task
from .errors import RuleViolation
from .lifecycle import (
    CLOSE_ACTIONS,
    CloseReason,
    close_case,
    pay_redress,
    propose_resolution,
    record_implementation,
    request_information,
    resolve,
    resume_investigation,
    start_investigation,
)
from .objectivity import check_objectivity
from .plan import PlannedStep, complete_step, plan_steps
from .policy import CasePolicy
from .ports import CaseCalendars
from .regulatory_reports import file_regulatory_report
from .reopening import reopen
from .staffing import add_note, escalate, reassign
from .states import CaseAction


@dataclass(frozen=True)
class CommandContext:
    """What commands need besides the case: the calendars, the rules and a source of new ids."""

    calendars: CaseCalendars
    policy: CasePolicy
    new_id: Callable[[str], str]
    """Prefix → a fresh id, e.g. `n` → `n-3f2a…`."""
    complaint: ComplaintDetails | None = None
    """What the complaint says (None until intake's receipt reached resolution)."""


class StaffCommand(Protocol):
    @property
    def action(self) -> CaseAction: ...

    def apply(self, case: Case, acting: Acting, context: CommandContext) -> Sequence[Event]: ...


@dataclass(frozen=True)
class AddNote:
    text: str
    public: bool

    @property
    def action(self) -> CaseAction:
        return CaseAction.ADD_PUBLIC_NOTE if self.public else CaseAction.ADD_INTERNAL_NOTE

    def apply(self, case: Case, acting: Acting, context: CommandContext) -> Sequence[Event]:
        return add_note(case=case, acting=acting, note_id=context.new_id("n"), text=self.text, public=self.public,
                        policy=context.policy)


@dataclass(frozen=True)
class StartInvestigation:
    action = CaseAction.INVESTIGATE

    def apply(self, case: Case, acting: Acting, context: CommandContext) -> Sequence[Event]:
        return start_investigation(case=case, acting=acting, policy=context.policy)


@dataclass(frozen=True)
class RequestInformation:
    question: str
    respond_by: datetime | None = None
    action = CaseAction.REQUEST_INFORMATION

    def apply(self, case: Case, acting: Acting, context: CommandContext) -> Sequence[Event]:
        return request_information(case=case, acting=acting, request_id=context.new_id("r"), question=self.question,
                                   respond_by=self.respond_by, policy=context.policy)


@dataclass(frozen=True)
class ResumeInvestigation:
    action = CaseAction.RESUME_INVESTIGATION

    def apply(self, case: Case, acting: Acting, context: CommandContext) -> Sequence[Event]:
        return resume_investigation(case=case, acting=acting, calendar=context.calendars.for_case(case),
                                    policy=context.policy)


@dataclass(frozen=True)
class ProposeResolution:
    summary: str
    remedies: list[Remedy]
    respond_by: datetime | None = None
    plan: tuple[PlannedStep, ...] = ()
    action = CaseAction.PROPOSE_RESOLUTION

    def apply(self, case: Case, acting: Acting, context: CommandContext) -> Sequence[Event]:
        steps = plan_steps(case=case, planned=list(self.plan), now=acting.at)
        return propose_resolution(case=case, acting=acting, proposal_id=context.new_id("p"), summary=self.summary,
                                  remedies=self.remedies, respond_by=self.respond_by, plan=steps,
                                  policy=context.policy)


@dataclass(frozen=True)
class RecordImplementation:
    details: str = ""
    action = CaseAction.RECORD_IMPLEMENTATION

    def apply(self, case: Case, acting: Acting, context: CommandContext) -> Sequence[Event]:
        return record_implementation(case=case, acting=acting, details=self.details, policy=context.policy)


@dataclass(frozen=True)
class Resolve:
    outcome: Outcome
    final_response: str
    root_cause: str | None = None
    action = CaseAction.RESOLVE

    def apply(self, case: Case, acting: Acting, context: CommandContext) -> Sequence[Event]:
        return resolve(case=case, acting=acting, outcome=self.outcome, final_response=self.final_response,
                       root_cause=self.root_cause, policy=context.policy, complaint=context.complaint)


@dataclass(frozen=True)
class Close:
    reason: CloseReason = "resolved"

    @property
    def action(self) -> CaseAction:
        return CLOSE_ACTIONS[self.reason]

    def apply(self, case: Case, acting: Acting, context: CommandContext) -> Sequence[Event]:
        if self.reason == "duplicate":
            # Merging closes a duplicate and tells the customer which complaint carries on; a bare closure as
            # duplicate would leave them with neither a closing letter nor a merge letter.
            raise RuleViolation("a duplicate is closed by merging it into the complaint it duplicates "
                                "(POST /cases/{complaint_id}/merge)", field="close_reason")
        return close_case(case=case, acting=acting, reason=self.reason, calendar=context.calendars.for_case(case),
                          policy=context.policy)


@dataclass(frozen=True)
class Reopen:
    action = CaseAction.REOPEN

    def apply(self, case: Case, acting: Acting, context: CommandContext) -> Sequence[Event]:
        return reopen(case=case, acting=acting, calendar=context.calendars.for_case(case), policy=context.policy)


@dataclass(frozen=True)
class Escalate:
    action = CaseAction.ESCALATE

    def apply(self, case: Case, acting: Acting, context: CommandContext) -> Sequence[Event]:
        return escalate(case=case, acting=acting, trigger="staff", policy=context.policy)


@dataclass(frozen=True)
class Reassign:
    team: str
    assignee: str | None = None
    department: str | None = None
    action = CaseAction.REASSIGN

    def apply(self, case: Case, acting: Acting, context: CommandContext) -> Sequence[Event]:
        # A manual reassignment never hands the complaint to whom it is about (routing's own moves are checked there).
        check_objectivity(about=context.complaint.about if context.complaint else None, team=self.team,
                          assignee=self.assignee)
        return reassign(case=case, acting=acting, team=self.team, assignee=self.assignee, department=self.department,
                        policy=context.policy)


@dataclass(frozen=True)
class PayRedress:
    proposal_id: str
    kind: RemedyKind
    amount: Money
    payment_reference: str
    action = CaseAction.PAY_REDRESS

    def apply(self, case: Case, acting: Acting, context: CommandContext) -> Sequence[Event]:
        return pay_redress(case=case, acting=acting, proposal_id=self.proposal_id, kind=self.kind, amount=self.amount,
                           payment_reference=self.payment_reference, policy=context.policy)


@dataclass(frozen=True)
class CorrectAssessment:
    kind: ComplaintKind | None = None
    category: Category | None = None
    priority: Priority | None = None
    department: str | None = None
    action = CaseAction.CORRECT_ASSESSMENT

    def apply(self, case: Case, acting: Acting, context: CommandContext) -> Sequence[Event]:
        return correct_assessment(case=case, acting=acting, kind=self.kind, category=self.category,
                                  priority=self.priority, department=self.department, policy=context.policy)


@dataclass(frozen=True)
class CompletePlanStep:
    step_id: str
    note: str = ""
    action = CaseAction.COMPLETE_PLAN_STEP

    def apply(self, case: Case, acting: Acting, context: CommandContext) -> Sequence[Event]:
        return complete_step(case=case, acting=acting, step_id=self.step_id, note=self.note, policy=context.policy)


@dataclass(frozen=True)
class CompleteTask:
    task_id: str
    outcome: str = ""
    action = CaseAction.COMPLETE_TASK

    def apply(self, case: Case, acting: Acting, context: CommandContext) -> Sequence[Event]:
        return complete_task(case=case, acting=acting, task_id=self.task_id, outcome=self.outcome,
                             policy=context.policy)


@dataclass(frozen=True)
class FileRegulatoryReport:
    report_type: RegulatoryReportType
    reference: str
    filed_at: datetime
    action = CaseAction.FILE_REGULATORY_REPORT

    def apply(self, case: Case, acting: Acting, context: CommandContext) -> Sequence[Event]:
        return file_regulatory_report(case=case, acting=acting, report_type=self.report_type,
                                      reference=self.reference, filed_at=self.filed_at, policy=context.policy)
