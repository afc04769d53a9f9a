"""What the customer may see of each event: one timeline entry, stripped of staff details.

Entries keep what the status page and the customer actions need (department, deadlines, the id of an open
question or proposal) and nothing about employees: no names, no ids, no internal notes or routing reasons.
"""

from datetime import datetime
from enum import StrEnum

from complaint_contracts import (
    AttachmentRef,
    CaseEscalated,
    CaseOpened,
    ComplaintClosed,
    ComplaintReceived,
    ComplaintReopened,
    ComplaintRerouted,
    ComplaintResolved,
    ComplaintRouted,
    ComplaintWithdrawn,
    CustomerMessageReceived,
    Deadline,
    Decision,
    EscalationRequested,
    Event,
    FeedbackReceived,
    InformationRequested,
    Language,
    Money,
    NotificationSent,
    Outcome,
    PublicNoteAdded,
    RedressPaid,
    Remedy,
    ResolutionDecisionReceived,
    ResolutionImplemented,
    ResolutionProposed,
)
from complaint_contracts.intake import ReopeningRequested
from complaint_contracts.resolution import (
    CaseDeadlinesChanged,
    ComplaintMerged,
    InvestigationResumed,
    InvestigationStarted,
    PlanStep,
    PlanStepCompleted,
)
from complaint_contracts.types import AwareDatetime, Contract
from pydantic import Field

ACKNOWLEDGEMENT_TEMPLATE = "acknowledgement"
"""Notification template whose delivery to the customer counts as the ISO 10002 acknowledgement."""


class Milestone(StrEnum):
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    ASSIGNED = "assigned"
    REASSIGNED = "reassigned"
    CASE_OPENED = "case_opened"
    """The owning team took the complaint on and is assessing it; nobody has started investigating yet."""
    INVESTIGATION_STARTED = "investigation_started"
    INFORMATION_REQUESTED = "information_requested"
    CUSTOMER_REPLIED = "customer_replied"
    RESOLUTION_PROPOSED = "resolution_proposed"
    RESOLUTION_ACCEPTED = "resolution_accepted"
    RESOLUTION_REJECTED = "resolution_rejected"
    RESOLUTION_CARRIED_OUT = "resolution_carried_out"
    REDRESS_PAID = "redress_paid"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REOPENED = "reopened"
    ESCALATION_REQUESTED = "escalation_requested"
    ESCALATED = "escalated"
    WITHDRAWN = "withdrawn"
    FEEDBACK_GIVEN = "feedback_given"
    NOTE_ADDED = "note_added"
    NOTIFICATION_SENT = "notification_sent"
    REOPENING_REQUESTED = "reopening_requested"
    MERGED = "merged"
    PLAN_STEP_COMPLETED = "plan_step_completed"
    INVESTIGATION_RESUMED = "investigation_resumed"
    """The service clock runs again after waiting for the customer: its unmet deadlines moved later."""
    DEADLINES_CHANGED = "deadlines_changed"
    """The deadlines were counted again (the priority was corrected) or run again (the complaint was reopened)."""


class PromisedStep(Contract):
    """One step of a proposal's plan as the customer sees it: what and by when (never who)."""

    step_id: str = Field(description="Id of the step within its proposal", examples=["s-1"])
    description: str = Field(description="What will be done, in plain words")
    due_at: AwareDatetime = Field(description="When it will be done by")

    @classmethod
    def of(cls, step: PlanStep) -> "PromisedStep":
        return cls(step_id=step.step_id, description=step.description, due_at=step.due_at)


class TimelineEntry(Contract):
    """One customer-visible step of a complaint, built from one event."""

    event_key: str = Field(description="The event's source#id: the same event never adds a second entry")
    at: AwareDatetime = Field(description="When it happened (UTC)")
    milestone: Milestone = Field(description="What happened")
    reference: str | None = Field(default=None, description="Id of the question, proposal, note or message")
    replies_to: str | None = Field(default=None, description="The question or proposal this answers")
    text: str | None = Field(default=None, description="Customer-visible words: question, proposal, response, note")
    department: str | None = Field(default=None, description="Department that handles the complaint")
    deadlines: tuple[Deadline, ...] = Field(default=(), description="Deadlines set at the initial assessment, the "
                                                                    "service deadlines a resumption moved, or all "
                                                                    "unmet ones after a reassessment")
    respond_by: AwareDatetime | None = Field(default=None, description="When the customer is asked to answer")
    remedies: tuple[Remedy, ...] = Field(default=(), description="What a proposal offers")
    amount: Money | None = Field(default=None, description="Redress paid")
    outcome: Outcome | None = Field(default=None, description="Outcome of the final response")
    decision: Decision | None = Field(default=None, description="The customer's decision on a proposal")
    close_reason: str | None = Field(default=None, description="Why the complaint closed")
    channel: str | None = Field(default=None, description="Channel a message went out on")
    template: str | None = Field(default=None, description="Kind of message sent")
    tier: int | None = Field(default=None, description="Escalation tier reached")
    language: Language | None = Field(default=None, description="Language the customer asked to be answered in")
    plan: tuple[PromisedStep, ...] = Field(default=(), description="A proposal's plan: what will be done, by when")
    note: str | None = Field(default=None, description="What was done, when a step of the plan was completed")
    attachments: tuple[AttachmentRef, ...] = Field(default=(), description="Files intake keeps that the customer "
                                                                           "sent with the filing or a message")


def entry_from_event(event: Event) -> TimelineEntry | None:
    """The customer-visible entry of an event, or None when the customer does not see it."""
    base = {"event_key": event.dedupe_key, "at": event.time}
    match event:
        case ComplaintReceived():
            return TimelineEntry(**base | {"at": event.received_at}, milestone=Milestone.RECEIVED,
                                 language=event.language, attachments=_kept(event.attachments))
        case ComplaintRouted():
            return TimelineEntry(**base, milestone=Milestone.ASSIGNED, department=event.department,
                                 deadlines=tuple(event.deadlines))
        case ComplaintRerouted():
            return TimelineEntry(**base, milestone=Milestone.REASSIGNED, department=event.department)
        case CaseOpened():
            return TimelineEntry(**base, milestone=Milestone.CASE_OPENED)
        case InvestigationStarted():
            return TimelineEntry(**base, milestone=Milestone.INVESTIGATION_STARTED)
        case InvestigationResumed():
            return TimelineEntry(**base, milestone=Milestone.INVESTIGATION_RESUMED, replies_to=event.request_id,
                                 deadlines=tuple(event.service_deadlines))
        case CaseDeadlinesChanged():
            return TimelineEntry(**base, milestone=Milestone.DEADLINES_CHANGED, deadlines=tuple(event.deadlines))
        case InformationRequested():
            return TimelineEntry(**base, milestone=Milestone.INFORMATION_REQUESTED, reference=event.request_id,
                                 text=event.question, respond_by=event.respond_by)
        case CustomerMessageReceived():
            return TimelineEntry(**base, milestone=Milestone.CUSTOMER_REPLIED, reference=event.message_id,
                                 replies_to=event.in_reply_to, attachments=_kept(event.attachments))
        case ResolutionProposed():
            return TimelineEntry(**base, milestone=Milestone.RESOLUTION_PROPOSED, reference=event.proposal_id,
                                 text=event.summary, remedies=tuple(event.remedies), respond_by=event.respond_by,
                                 plan=tuple(PromisedStep.of(step) for step in event.plan))
        case ResolutionDecisionReceived():
            accepted = event.decision == Decision.ACCEPTED
            return TimelineEntry(**base, replies_to=event.proposal_id, decision=event.decision,
                                 milestone=Milestone.RESOLUTION_ACCEPTED if accepted else Milestone.RESOLUTION_REJECTED)
        case ResolutionImplemented():
            return TimelineEntry(**base, milestone=Milestone.RESOLUTION_CARRIED_OUT, replies_to=event.proposal_id)
        case RedressPaid():
            return TimelineEntry(**base, milestone=Milestone.REDRESS_PAID, replies_to=event.proposal_id,
                                 amount=event.amount)
        case ComplaintResolved():
            return TimelineEntry(**base, milestone=Milestone.RESOLVED, text=event.final_response,
                                 outcome=event.outcome)
        case ComplaintClosed():
            return TimelineEntry(**base, milestone=Milestone.CLOSED, close_reason=event.reason)
        case ComplaintReopened():
            return TimelineEntry(**base, milestone=Milestone.REOPENED)
        case EscalationRequested():
            return TimelineEntry(**base, milestone=Milestone.ESCALATION_REQUESTED)
        case CaseEscalated():
            return TimelineEntry(**base, milestone=Milestone.ESCALATED, tier=event.tier)
        case ComplaintWithdrawn():
            return TimelineEntry(**base, milestone=Milestone.WITHDRAWN)
        case FeedbackReceived():
            return TimelineEntry(**base, milestone=Milestone.FEEDBACK_GIVEN)
        case PublicNoteAdded():
            return TimelineEntry(**base, milestone=Milestone.NOTE_ADDED, reference=event.note_id, text=event.text)
        case ReopeningRequested():
            return TimelineEntry(**base, milestone=Milestone.REOPENING_REQUESTED)
        case ComplaintMerged():
            # The surviving complaint's tracking number, so the customer can follow it (its id is internal).
            return TimelineEntry(**base, milestone=Milestone.MERGED, reference=event.merged_into_tracking_number)
        case PlanStepCompleted():
            return TimelineEntry(**base, milestone=Milestone.PLAN_STEP_COMPLETED, reference=event.step_id,
                                 replies_to=event.proposal_id, text=event.description, note=event.note or None)
        case NotificationSent() if event.recipient_kind == "customer":
            milestone = (Milestone.ACKNOWLEDGED if event.template == ACKNOWLEDGEMENT_TEMPLATE
                         else Milestone.NOTIFICATION_SENT)
            return TimelineEntry(**base, milestone=milestone, channel=str(event.channel), template=event.template)
    return None


def _kept(refs: list[AttachmentRef]) -> tuple[AttachmentRef, ...]:
    """The files intake stored: a file a submitting system gave by URI stays with that system (intake cannot serve
    it, and its address is that system's business, not the customer's)."""
    return tuple(ref for ref in refs if ref.uri is None)


def ordering_key(entry: TimelineEntry) -> tuple[int, datetime, int, str]:
    """Sort order of entries: receipt first, then by time; ties broken so every replica agrees."""
    return (0 if entry.milestone == Milestone.RECEIVED else 1, entry.at, _RANK[entry.milestone], entry.event_key)


_RANK = {milestone: rank for rank, milestone in enumerate(Milestone)}
