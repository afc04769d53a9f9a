"""What becomes of each delivery: the event notification publishes about it and the record it keeps."""

from datetime import datetime
from typing import Literal

from complaint_contracts import Event, NotificationFailed, NotificationSent
from pydantic import BaseModel, ConfigDict

from .delivery import NO_CHANNEL, DeliveryResult, DeliveryStatus, OutgoingMessage, Skipped

Outcome = NotificationSent | NotificationFailed


def delivery_event(*, message: OutgoingMessage, result: DeliveryResult, trigger: Event) -> Outcome:
    """NotificationSent for a delivered message, NotificationFailed otherwise."""
    common = trigger.caused(
        complaint_id=message.complaint_id, notification_id=message.notification_id, template=message.template.value,
        channel=message.channel.value, recipient_kind=message.audience.value, language=message.language,
        trigger_event_id=str(trigger.id), attempts=result.attempts,
    )
    if result.delivered:
        return NotificationSent(provider_message_id=result.provider_message_id, **common)
    return NotificationFailed(reason=result.reason or result.status.value,
                              permanent=result.status is DeliveryStatus.PERMANENT_FAILURE, **common)


def skipped_event(*, skipped: Skipped, trigger: Event) -> NotificationFailed | None:
    """NotificationFailed for a message no channel can carry; None for one deliberately not sent."""
    if not skipped.permanent_failure:
        return None
    message = skipped.message
    return NotificationFailed(**trigger.caused(
        complaint_id=message.complaint_id, notification_id=skipped.notification_id, template=message.template.value,
        channel=NO_CHANNEL, recipient_kind=message.recipient.audience.value, trigger_event_id=str(trigger.id),
        reason=skipped.reason, permanent=True, attempts=1,
    ))


class DeliveryRecord(BaseModel):
    """What the delivery log keeps about one delivery: no address or content, only what happened to it."""

    model_config = ConfigDict(frozen=True)

    notification_id: str
    complaint_id: str | None
    template: str
    channel: str
    recipient_kind: str
    trigger_event_id: str
    status: Literal["sent", "failed"]
    reason: str | None
    attempts: int
    recorded_at: datetime


def record_of(outcome: Outcome) -> DeliveryRecord:
    """The log entry of a delivery whose outcome is known."""
    failed = isinstance(outcome, NotificationFailed)
    return DeliveryRecord(
        notification_id=outcome.notification_id, complaint_id=outcome.complaint_id, template=outcome.template,
        channel=str(outcome.channel), recipient_kind=outcome.recipient_kind,
        trigger_event_id=outcome.trigger_event_id, status="failed" if failed else "sent",
        reason=outcome.reason if failed else None, attempts=outcome.attempts, recorded_at=outcome.time,
    )
