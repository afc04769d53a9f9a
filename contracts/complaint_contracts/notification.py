"""Events notification publishes on `complaints.notification.v1`: what reached whom (no addresses)."""

from typing import Annotated, Literal

from pydantic import Field

from .base import Event
from .types import Channel, Language

SOURCE = "/complaints/notification"


class _NotificationEvent(Event):
    source: str = Field(default=SOURCE, description="CloudEvents source")
    complaint_id: str | None = Field(default=None, description="Complaint the message is about, if any")
    notification_id: str = Field(description="Deterministic id of the delivery: event × recipient × channel")
    template: str = Field(description="Template that was rendered", examples=["acknowledgement"])
    channel: Channel | str = Field(description="Channel used: email, webhook, sms…")
    recipient_kind: Literal["customer", "staff", "partner"] = Field(description="Who it went to")
    language: Language = Field(default=Language.EN, description="Language it was written in")
    trigger_event_id: str = Field(description="`id` of the event that caused the message")

    @property
    def subject(self) -> str | None:
        return self.complaint_id or self.notification_id


class NotificationSent(_NotificationEvent):
    """A message was handed to its channel."""

    type: Literal["complaints.notification.NotificationSent"] = "complaints.notification.NotificationSent"
    provider_message_id: str | None = Field(default=None, description="Id the channel gave the message")
    attempts: int = Field(default=1, ge=1, description="Tries it took")


PERSONAL_DATA_ERASED_REASON = "personal data erased"
"""`NotificationFailed.reason` of a customer message not sent because the complaint's personal data was erased
(nobody needs to reach the customer another way)."""


class NotificationFailed(_NotificationEvent):
    """A message could not be delivered."""

    type: Literal["complaints.notification.NotificationFailed"] = "complaints.notification.NotificationFailed"
    reason: str = Field(description="Why, without personal data")
    permanent: bool = Field(description="True when retrying cannot help (bad address, rejected)")
    attempts: int = Field(ge=1, description="Tries made")


NotificationEvent = Annotated[NotificationSent | NotificationFailed, Field(discriminator="type")]
