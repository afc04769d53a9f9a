"""What the customer may do on the status page, and when; each allowed action becomes an intake event.

A refused action raises `ActionNotAllowed` with a code and the reason in plain words (the API answers 409).
What the customer sends for each action is in `requests.py`.
"""

from collections.abc import Sequence
from datetime import datetime, timedelta
from enum import StrEnum

from complaint_contracts import (
    AttachmentRef,
    ComplaintWithdrawn,
    CustomerMessageReceived,
    Decision,
    EscalationRequested,
    FeedbackReceived,
    ResolutionDecisionReceived,
)
from complaint_contracts.intake import ReopeningRequested

from .progress import Progress, Status


class CustomerAction(StrEnum):
    REPLY = "reply"
    DECIDE = "decide"
    GIVE_FEEDBACK = "give_feedback"
    WITHDRAW = "withdraw"
    ASK_ESCALATION = "ask_escalation"
    ASK_REOPENING = "ask_reopening"


REOPEN_WINDOW = timedelta(days=56)
"""How long after closure the customer may ask to reopen, unless configured otherwise (resolution's default)."""


class ActionNotAllowed(Exception):
    """The action makes no sense in the complaint's current state."""

    def __init__(self, action: CustomerAction, code: str, reason: str) -> None:
        super().__init__(reason)
        self.action, self.code, self.reason = action, code, reason


def refusal(*, progress: Progress, action: CustomerAction, now: datetime | None = None,
            reopen_window: timedelta = REOPEN_WINDOW) -> tuple[str, str] | None:
    """Why the action is not possible now (code, reason), or None when it is. Without `now` the reopening window
    is not checked (the use cases always give it)."""
    if progress.status == Status.NOT_FOUND:
        return "not_found", "there is no such complaint"
    if action == CustomerAction.ASK_REOPENING:
        return _reopening_refusal(progress=progress, now=now, window=reopen_window)
    if action == CustomerAction.GIVE_FEEDBACK:
        if progress.feedback_given:
            return "feedback_already_given", "you already told us how satisfied you are"
        if not progress.resolved or progress.withdrawn:
            return "not_resolved", "feedback can be given once the complaint is resolved"
        return None
    if progress.closed:
        return "closed", "the complaint is closed"
    if progress.withdrawn:
        return "withdrawn", "the complaint was withdrawn"
    if action == CustomerAction.DECIDE and progress.open_proposal is None:
        return "no_open_proposal", "there is no proposed resolution waiting for your decision"
    if action == CustomerAction.ASK_ESCALATION and progress.escalation_pending:
        return "escalation_already_requested", "you already asked for escalation; it is being arranged"
    return None


def _reopening_refusal(*, progress: Progress, now: datetime | None, window: timedelta) -> tuple[str, str] | None:
    if progress.withdrawn:
        return "withdrawn", "the complaint was withdrawn; you can file a new complaint at any time"
    if progress.merged:
        where = f" {progress.merged_into}" if progress.merged_into else " another complaint"
        return "merged", f"the complaint was merged into{where}; please follow that one"
    if not (progress.resolved or progress.closed):
        return "not_finished", "the complaint is still being handled: write to us instead"
    if progress.reopening_pending:
        return "reopening_already_requested", "you already asked to reopen the complaint; we will be in touch"
    if now is not None and progress.finished_at is not None and now > progress.finished_at + window:
        return "reopen_window_passed", (f"a complaint can be reopened up to {window.days} days after it was "
                                        "closed; please file a new complaint")
    return None


def allowed_actions(*, progress: Progress, now: datetime | None = None,
                    reopen_window: timedelta = REOPEN_WINDOW) -> list[CustomerAction]:
    """Every action the customer can take now."""
    return [action for action in CustomerAction
            if refusal(progress=progress, action=action, now=now, reopen_window=reopen_window) is None]


def reply(*, progress: Progress, complaint_id: str, message_id: str, text: str, now: datetime,
          in_reply_to: str | None = None, attachments: Sequence[AttachmentRef] = ()) -> CustomerMessageReceived:
    """Send a message, answering the open question unless another is named."""
    _ensure(progress, CustomerAction.REPLY)
    open_request = progress.open_request.reference if progress.open_request else None
    if in_reply_to is not None and in_reply_to != open_request:
        raise ActionNotAllowed(CustomerAction.REPLY, "no_open_question", "that question is not waiting for an answer")
    return CustomerMessageReceived(complaint_id=complaint_id, message_id=message_id, text=text,
                                   in_reply_to=in_reply_to or open_request, attachments=list(attachments),
                                   **_envelope(complaint_id, now))


def decide(*, progress: Progress, complaint_id: str, proposal_id: str, decision: Decision, now: datetime,
           reason: str | None = None) -> ResolutionDecisionReceived:
    """Accept or reject the proposed resolution that is waiting for a decision."""
    _ensure(progress, CustomerAction.DECIDE)
    if progress.open_proposal is None or progress.open_proposal.reference != proposal_id:
        raise ActionNotAllowed(CustomerAction.DECIDE, "not_the_open_proposal",
                               "that proposal is not the one waiting for your decision")
    return ResolutionDecisionReceived(complaint_id=complaint_id, proposal_id=proposal_id, decision=decision,
                                      reason=reason, **_envelope(complaint_id, now))


def give_feedback(*, progress: Progress, complaint_id: str, satisfaction: int, now: datetime,
                  comment: str | None = None) -> FeedbackReceived:
    """Rate the complaint process once, after the resolution."""
    _ensure(progress, CustomerAction.GIVE_FEEDBACK)
    return FeedbackReceived(complaint_id=complaint_id, satisfaction=satisfaction, comment=comment,
                            **_envelope(complaint_id, now))


def withdraw(*, progress: Progress, complaint_id: str, now: datetime, reason: str | None = None) -> ComplaintWithdrawn:
    """Withdraw a complaint that is not closed yet."""
    _ensure(progress, CustomerAction.WITHDRAW)
    return ComplaintWithdrawn(complaint_id=complaint_id, reason=reason, **_envelope(complaint_id, now))


def ask_escalation(*, progress: Progress, complaint_id: str, reason: str, now: datetime) -> EscalationRequested:
    """Ask for the complaint to be looked at by a higher tier."""
    _ensure(progress, CustomerAction.ASK_ESCALATION)
    return EscalationRequested(complaint_id=complaint_id, reason=reason, **_envelope(complaint_id, now))


def ask_reopening(*, progress: Progress, complaint_id: str, reason: str, now: datetime,
                  reopen_window: timedelta = REOPEN_WINDOW) -> ReopeningRequested:
    """Ask for a resolved or closed complaint to be looked at again, within the window after closure."""
    _ensure(progress, CustomerAction.ASK_REOPENING, now=now, reopen_window=reopen_window)
    return ReopeningRequested(complaint_id=complaint_id, reason=reason, **_envelope(complaint_id, now))


def _ensure(progress: Progress, action: CustomerAction, *, now: datetime | None = None,
            reopen_window: timedelta = REOPEN_WINDOW) -> None:
    refused = refusal(progress=progress, action=action, now=now, reopen_window=reopen_window)
    if refused is not None:
        raise ActionNotAllowed(action, *refused)


def _envelope(complaint_id: str, now: datetime) -> dict[str, object]:
    return {"time": now, "correlation_id": complaint_id}
