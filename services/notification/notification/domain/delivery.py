"""One delivery: its deterministic id, what a channel is handed, and what the channel reports back."""

from datetime import datetime
from enum import StrEnum
from uuid import NAMESPACE_URL, UUID, uuid5

from complaint_contracts import Language
from pydantic import BaseModel, ConfigDict, Field

from .catalogue import Audience, Template
from .planning import PlannedMessage
from .selection import DeliveryChannel

NOTIFICATION_NAMESPACE: UUID = uuid5(NAMESPACE_URL, "urn:complaints:notification")
NO_CHANNEL = "none"
"""The channel named in the id and outcome of a message that no channel carries."""


def notification_id(*, key: str, recipient_key: str, channel: str) -> str:
    """Name the delivery of one message (its effect key) to one recipient over one channel.

    Deterministic, so a redelivered event, or the same trigger re-sent under a new id, maps onto the same
    deliveries and nothing is sent twice; it is also the Message-ID and webhook-id receivers can drop repeats by.
    """
    return str(uuid5(NOTIFICATION_NAMESPACE, f"{key}\n{recipient_key}\n{channel}"))


def delivery_ids(message: PlannedMessage, *, channel: str) -> tuple[str, str]:
    """The delivery's id, and the id the same delivery had when deliveries were named by the triggering event."""
    return (notification_id(key=message.effect_key, recipient_key=message.recipient.key, channel=channel),
            notification_id(key=message.trigger_key, recipient_key=message.recipient.key, channel=channel))


class Delivery(BaseModel):
    """One message to one recipient over one channel: the unit sent, recorded and reported exactly once."""

    model_config = ConfigDict(frozen=True)

    notification_id: str
    legacy_id: str
    """Its name before effect keys: a delivery logged under it is not made again."""
    message: PlannedMessage
    channel: DeliveryChannel
    address: str
    language: Language
    locale: str
    time_zone: str


class Skipped(BaseModel):
    """A planned message that will not be sent, and whether that is a failure to report."""

    model_config = ConfigDict(frozen=True)

    notification_id: str
    legacy_id: str
    message: PlannedMessage
    reason: str
    """Without personal data: it is published and logged."""
    permanent_failure: bool
    """True: report NotificationFailed (no way to reach them); False: deliberately not sent (consent)."""
    handled_as: tuple[str, ...] = ()
    """Ids the same message would have had over a channel: logged under any of them, it was handled already (sent
    before the customer's data was erased, or finished by the erasure), so it is not recorded again."""


class RenderedMessage(BaseModel):
    """The three parts of a message in one language, as the templates wrote them."""

    model_config = ConfigDict(frozen=True)

    subject: str
    text: str
    html: str


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
    """What a channel reports about one message: delivered, or why not and whether a retry can help."""

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
