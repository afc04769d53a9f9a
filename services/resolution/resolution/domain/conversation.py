"""The conversation of a case: everything the customer wrote (kept as it came from intake, whether or not the case
existed yet) and everything staff asked, noted, proposed and answered (kept on the case), in order, each with
who and when."""

from datetime import datetime
from enum import StrEnum

from complaint_contracts.intake import (
    ComplaintWithdrawn,
    CustomerMessageReceived,
    EscalationRequested,
    FeedbackReceived,
    ReopeningRequested,
    ResolutionDecisionReceived,
)
from complaint_contracts.types import AttachmentRef, Decision, Outcome, Remedy
from pydantic import BaseModel, Field

from .case import CUSTOMER, Case
from .case_parts import PlanStep

CustomerEvent = (CustomerMessageReceived | ResolutionDecisionReceived | FeedbackReceived | ComplaintWithdrawn
                 | EscalationRequested | ReopeningRequested)
"""What the customer says through intake: each becomes an entry of the conversation."""


class EntryKind(StrEnum):
    CUSTOMER_MESSAGE = "customer_message"
    DECISION = "decision"
    FEEDBACK = "feedback"
    WITHDRAWAL = "withdrawal"
    ESCALATION_REQUEST = "escalation_request"
    REOPENING_REQUEST = "reopening_request"
    INFORMATION_REQUEST = "information_request"
    PUBLIC_NOTE = "public_note"
    INTERNAL_NOTE = "internal_note"
    PROPOSAL = "proposal"
    FINAL_RESPONSE = "final_response"
    PLAN_STEP_COMPLETED = "plan_step_completed"


class ConversationEntry(BaseModel):
    entry_id: str
    complaint_id: str = Field(description="The complaint it was written on (a merged duplicate's, too)")
    at: datetime
    kind: EntryKind
    by: str = Field(description="`customer`, or the employee's id")
    public: bool = Field(description="The customer sees it (internal notes they do not)")
    text: str | None = None
    attachments: list[AttachmentRef] = Field(default_factory=list)
    refers_to: str | None = Field(default=None, description="The request, proposal or step it answers or concerns")
    decision: Decision | None = None
    satisfaction: int | None = None
    outcome: Outcome | None = None
    remedies: list[Remedy] = Field(default_factory=list)
    plan: list[PlanStep] = Field(default_factory=list)
    respond_by: datetime | None = None
    erased: bool = Field(default=False, description="What the customer wrote here was erased with their personal data")


def customer_entry(event: CustomerEvent) -> ConversationEntry:
    """The entry of something the customer said (its id is the event's, so a redelivery is the same entry)."""
    base = {"entry_id": event.dedupe_key, "complaint_id": event.complaint_id, "at": event.time, "by": CUSTOMER,
            "public": True}
    match event:
        case CustomerMessageReceived():
            return ConversationEntry(**base, kind=EntryKind.CUSTOMER_MESSAGE, text=event.text,
                                     attachments=list(event.attachments), refers_to=event.in_reply_to)
        case ResolutionDecisionReceived():
            return ConversationEntry(**base, kind=EntryKind.DECISION, decision=event.decision, text=event.reason,
                                     refers_to=event.proposal_id)
        case FeedbackReceived():
            return ConversationEntry(**base, kind=EntryKind.FEEDBACK, satisfaction=event.satisfaction,
                                     text=event.comment)
        case ComplaintWithdrawn():
            return ConversationEntry(**base, kind=EntryKind.WITHDRAWAL, text=event.reason)
        case EscalationRequested():
            return ConversationEntry(**base, kind=EntryKind.ESCALATION_REQUEST, text=event.reason)
        case ReopeningRequested():
            return ConversationEntry(**base, kind=EntryKind.REOPENING_REQUEST, text=event.reason)
    raise TypeError(f"{type(event).__name__} is not something the customer says")


def staff_entries(case: Case) -> list[ConversationEntry]:
    """What staff asked, noted, proposed, answered and carried out on the case."""
    cid = case.complaint_id
    entries = [ConversationEntry(entry_id=r.request_id, complaint_id=cid, at=r.asked_at, by=r.by, public=True,
                                 kind=EntryKind.INFORMATION_REQUEST, text=r.question, respond_by=r.respond_by)
               for r in case.information_requests]
    entries += [ConversationEntry(entry_id=n.note_id, complaint_id=cid, at=n.at, by=n.by, public=n.public,
                                  kind=EntryKind.PUBLIC_NOTE if n.public else EntryKind.INTERNAL_NOTE, text=n.text)
                for n in case.notes]
    for p in case.proposals:
        entries.append(ConversationEntry(entry_id=p.proposal_id, complaint_id=cid, at=p.proposed_at, by=p.by,
                                         public=True, kind=EntryKind.PROPOSAL, text=p.summary, remedies=p.remedies,
                                         plan=p.plan, respond_by=p.respond_by))
        entries += [ConversationEntry(entry_id=f"{p.proposal_id}/{s.step_id}", complaint_id=cid, at=s.completed_at,
                                      by=s.completed_by or "", public=True, kind=EntryKind.PLAN_STEP_COMPLETED,
                                      text=s.note or s.description, refers_to=s.step_id)
                    for s in p.plan if s.completed_at is not None]
    entries += [ConversationEntry(entry_id=f"final-response-{n}", complaint_id=cid, at=r.issued_at, by=r.by,
                                  public=True, kind=EntryKind.FINAL_RESPONSE, text=r.text, outcome=r.outcome)
                for n, r in enumerate(case.final_responses, start=1)]
    return entries


def conversation(*, case: Case, customer: list[ConversationEntry]) -> list[ConversationEntry]:
    """The whole conversation, oldest first (ties: the customer first, then by id, so every reader agrees)."""
    return sorted([*staff_entries(case), *customer],
                  key=lambda e: (e.at, e.by != CUSTOMER, e.complaint_id, e.entry_id))
