"""The delivery log: what notification keeps about each delivery, from the intent to send until its outcome.

A delivery is logged *before* it is sent (status `sending`), then finished with its outcome. If the process dies
between the channel taking the message and the outcome being stored, the next attempt finds `sending`: the
message may have gone out, so it is sent again with the same Message-ID / webhook-id and date (receivers that
drop repeats by id see one message) and reported as a possible duplicate. A transient failure sets `deferred`:
the channel did not take it, so the retry is no duplicate.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from complaint_contracts import Event, NotificationFailed, PersonalDataErased
from pydantic import BaseModel, ConfigDict

from .delivery import Delivery
from .erasure import PERSONAL_DATA_ERASED
from .outcomes import Outcome


class LogStatus(StrEnum):
    SENDING = "sending"
    """Handed (or about to be handed) to the channel; its outcome is not known yet."""
    DEFERRED = "deferred"
    """The channel failed transiently: nothing went out, a redelivery of the event tries again."""
    SENT = "sent"
    FAILED = "failed"


FINAL = frozenset({LogStatus.SENT, LogStatus.FAILED})


class DeliveryRecord(BaseModel):
    """What the log keeps about one delivery: no address or content, only what happened to it."""

    model_config = ConfigDict(frozen=True)

    notification_id: str
    complaint_id: str | None
    template: str
    channel: str
    recipient_kind: str
    trigger_event_id: str
    status: LogStatus
    reason: str | None = None
    attempts: int = 0
    message_date: datetime | None = None
    """Date of the message as first sent, reused when it is sent again so the repeat is the same message."""
    resent: bool = False
    """Sent again after an attempt whose outcome was lost: receivers may have got it twice (same Message-ID)."""
    recorded_at: datetime | None = None
    """When the outcome was stored."""

    @property
    def final(self) -> bool:
        return self.status in FINAL

    @property
    def possibly_sent(self) -> bool:
        """An earlier attempt may have reached the recipient (it was never finished)."""
        return self.status is LogStatus.SENDING


def intent_of(delivery: Delivery, *, trigger: Event, message_date: datetime) -> DeliveryRecord:
    """The log entry written just before a delivery is handed to its channel."""
    message = delivery.message
    return DeliveryRecord(
        notification_id=delivery.notification_id, complaint_id=message.complaint_id, template=message.template.value,
        channel=delivery.channel.value, recipient_kind=message.recipient.audience.value,
        trigger_event_id=str(trigger.id), status=LogStatus.SENDING, message_date=message_date)


@dataclass(frozen=True)
class FinishedDelivery:
    """An outcome to store in the log (its event goes out through the log's outbox)."""

    outcome: Outcome
    resent: bool = False

    @property
    def notification_id(self) -> str:
        return self.outcome.notification_id

    @property
    def record(self) -> DeliveryRecord:
        """The log entry of the finished delivery."""
        outcome = self.outcome
        failed = isinstance(outcome, NotificationFailed)
        return DeliveryRecord(
            notification_id=outcome.notification_id, complaint_id=outcome.complaint_id, template=outcome.template,
            channel=str(outcome.channel), recipient_kind=outcome.recipient_kind,
            trigger_event_id=outcome.trigger_event_id, status=LogStatus.FAILED if failed else LogStatus.SENT,
            reason=outcome.reason if failed else None, attempts=outcome.attempts, resent=self.resent,
            recorded_at=outcome.time)


def finished_by_erasure(record: DeliveryRecord, *, erasure: PersonalDataErased) -> FinishedDelivery:
    """A delivery still unfinished when its complaint's personal data was erased: it will not be sent (no address
    is left), so it is finished as not sent. One left `sending` may have gone out before; its `message_date` stays."""
    return FinishedDelivery(NotificationFailed(**erasure.caused(
        complaint_id=record.complaint_id, notification_id=record.notification_id, template=record.template,
        channel=record.channel, recipient_kind=record.recipient_kind, trigger_event_id=record.trigger_event_id,
        reason=PERSONAL_DATA_ERASED, permanent=True, attempts=max(record.attempts, 1))))
