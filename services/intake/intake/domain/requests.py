"""What the customer sends for each action (the bodies of the action endpoints), and the event each becomes.

A request names its action and turns itself into that action's event; so the use case and the API treat every
action alike. Texts follow the same rules as the filing.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar

from complaint_contracts import AttachmentRef, ComplaintEvent, Decision
from pydantic import BaseModel, ConfigDict, Field

from . import actions
from .actions import REOPEN_WINDOW, CustomerAction
from .attachments import SentFile
from .fields import CustomerText, OptionalText, personal_field
from .progress import Progress


@dataclass(frozen=True)
class ActionContext:
    """What an action's event may need beyond the request and the complaint's state."""

    reopen_window: timedelta = REOPEN_WINDOW
    """How long after closure the customer may ask to reopen (a setting)."""
    attachments: tuple[AttachmentRef, ...] = ()
    """The request's files, already checked and stored."""


NO_CONTEXT = ActionContext()


class ActionRequest(BaseModel):
    """One customer action's request; subclasses name the action and build its event."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    action: ClassVar[CustomerAction]

    def files(self) -> list[SentFile]:
        """Files sent with the request, to check and store before its event is made (most actions carry none)."""
        return []

    def event(self, *, progress: Progress, complaint_id: str, now: datetime,
              context: ActionContext = NO_CONTEXT) -> ComplaintEvent:
        """The action's event, or ActionNotAllowed when the complaint's state does not allow it."""
        raise NotImplementedError


class MessageRequest(ActionRequest):
    """A message from the customer: a reply, or the information we asked for."""

    action = CustomerAction.REPLY

    text: CustomerText = personal_field(min_length=1, max_length=20000,
                                        description="The message, in the customer's words",
                                        examples=["Чэк далучаю. Дзякуй!"])
    in_reply_to: str | None = Field(default=None, max_length=64,
                                    description="Id of the question it answers; by default the open question",
                                    examples=["req-1"])
    attachments: list[SentFile] = Field(default_factory=list, max_length=100,
                                        description="Evidence sent with the message (base64; the filing's limits)")

    def files(self) -> list[SentFile]:
        return self.attachments

    def event(self, *, progress: Progress, complaint_id: str, now: datetime,
              context: ActionContext = NO_CONTEXT) -> ComplaintEvent:
        return actions.reply(progress=progress, complaint_id=complaint_id, now=now,
                             message_id=f"m-{secrets.token_hex(8)}", text=self.text, in_reply_to=self.in_reply_to,
                             attachments=context.attachments)


class DecisionRequest(ActionRequest):
    """The customer's decision on the proposed resolution."""

    action = CustomerAction.DECIDE

    proposal_id: str = Field(min_length=1, max_length=64, description="The proposal decided on", examples=["prop-1"])
    decision: Decision = Field(description="accepted or rejected")
    reason: OptionalText = personal_field(default=None, max_length=4000, description="Why, in the customer's words")

    def event(self, *, progress: Progress, complaint_id: str, now: datetime,
              context: ActionContext = NO_CONTEXT) -> ComplaintEvent:
        return actions.decide(progress=progress, complaint_id=complaint_id, now=now, proposal_id=self.proposal_id,
                              decision=self.decision, reason=self.reason)


class FeedbackRequest(ActionRequest):
    """How satisfied the customer is with the way the complaint was handled."""

    action = CustomerAction.GIVE_FEEDBACK

    satisfaction: int = Field(ge=1, le=5, description="1 = very dissatisfied … 5 = very satisfied", examples=[4])
    comment: OptionalText = personal_field(default=None, max_length=4000,
                                           description="Anything the customer wants to add")

    def event(self, *, progress: Progress, complaint_id: str, now: datetime,
              context: ActionContext = NO_CONTEXT) -> ComplaintEvent:
        return actions.give_feedback(progress=progress, complaint_id=complaint_id, now=now,
                                     satisfaction=self.satisfaction, comment=self.comment)


class WithdrawalRequest(ActionRequest):
    """The customer withdraws the complaint."""

    action = CustomerAction.WITHDRAW

    reason: OptionalText = personal_field(default=None, max_length=4000,
                                          description="Why, if the customer wants to say")

    def event(self, *, progress: Progress, complaint_id: str, now: datetime,
              context: ActionContext = NO_CONTEXT) -> ComplaintEvent:
        return actions.withdraw(progress=progress, complaint_id=complaint_id, now=now, reason=self.reason)


class EscalationRequest(ActionRequest):
    """The customer asks for the complaint to be escalated."""

    action = CustomerAction.ASK_ESCALATION

    reason: CustomerText = personal_field(min_length=1, max_length=4000, description="Why, in the customer's words",
                                          examples=["Прапанова не пакрывае маіх выдаткаў."])

    def event(self, *, progress: Progress, complaint_id: str, now: datetime,
              context: ActionContext = NO_CONTEXT) -> ComplaintEvent:
        return actions.ask_escalation(progress=progress, complaint_id=complaint_id, now=now, reason=self.reason)


class ReopeningRequest(ActionRequest):
    """The customer asks to reopen a resolved or closed complaint (within the window after closure)."""

    action = CustomerAction.ASK_REOPENING

    reason: CustomerText = personal_field(min_length=1, max_length=4000, description="Why, in the customer's words",
                                          examples=["Грошы так і не прыйшлі."])

    def event(self, *, progress: Progress, complaint_id: str, now: datetime,
              context: ActionContext = NO_CONTEXT) -> ComplaintEvent:
        return actions.ask_reopening(progress=progress, complaint_id=complaint_id, now=now, reason=self.reason,
                                     reopen_window=context.reopen_window)
