"""What a channel is handed, and what it reports back."""

from datetime import datetime
from enum import StrEnum

from complaint_contracts import Language
from pydantic import BaseModel, ConfigDict, Field

from .catalogue import Audience, Template
from .delivery import Delivery
from .rendering import RenderedMessage
from .selection import DeliveryChannel


class OutgoingMessage(BaseModel):
    """A rendered message ready for its channel (holds personal data: never log it whole)."""

    model_config = ConfigDict(frozen=True)

    notification_id: str = Field(description="Idempotency key the provider sees (Message-ID, webhook-id)")
    channel: DeliveryChannel
    address: str = Field(description="E-mail, phone, postal address, partner or staff key")
    audience: Audience
    template: Template
    language: Language
    subject: str
    text: str
    html: str
    complaint_id: str | None = None
    created_at: datetime


def outgoing_message(*, delivery: Delivery, rendered: RenderedMessage, created_at: datetime) -> OutgoingMessage:
    """Combine a delivery and its rendering into what the channel sends."""
    return OutgoingMessage(
        notification_id=delivery.notification_id, channel=delivery.channel, address=delivery.address,
        audience=delivery.message.recipient.audience, template=delivery.message.template,
        language=delivery.language, subject=rendered.subject, text=rendered.text, html=rendered.html,
        complaint_id=delivery.message.complaint_id, created_at=created_at,
    )


class DeliveryStatus(StrEnum):
    DELIVERED = "delivered"
    TRANSIENT_FAILURE = "transient_failure"
    """Retrying later can help: server down, timeout, 4xx SMTP reply, HTTP 5xx."""
    PERMANENT_FAILURE = "permanent_failure"
    """Retrying cannot help: address rejected, request refused."""


class DeliveryResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    status: DeliveryStatus
    attempts: int = Field(default=1, ge=1)
    provider_message_id: str | None = None
    reason: str | None = Field(default=None, description="Why it failed, without personal data")

    @property
    def delivered(self) -> bool:
        return self.status is DeliveryStatus.DELIVERED

    @classmethod
    def success(cls, *, provider_message_id: str | None, attempts: int = 1) -> "DeliveryResult":
        return cls(status=DeliveryStatus.DELIVERED, provider_message_id=provider_message_id, attempts=attempts)

    @classmethod
    def transient(cls, reason: str, *, attempts: int = 1) -> "DeliveryResult":
        return cls(status=DeliveryStatus.TRANSIENT_FAILURE, reason=reason, attempts=attempts)

    @classmethod
    def permanent(cls, reason: str, *, attempts: int = 1) -> "DeliveryResult":
        return cls(status=DeliveryStatus.PERMANENT_FAILURE, reason=reason, attempts=attempts)
