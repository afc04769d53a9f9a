"""Sending one delivery under the delivery log: log the intent, hand it to the channel, return the outcome.

The intent is logged before the channel gets the message, so a send whose outcome was lost (the process died, or
the store failed right after) is known to be *possibly sent*: the next attempt sends the same message again (same
id, so the same Message-ID / webhook-id, and the same date) and reports it. What is left is the window between the
channel accepting the message and the outcome being stored: a crash there means one repeat, carrying the same
Message-ID, that receivers which drop repeats by id never show. Inside one process even that is avoided: an outcome
the store failed to take is kept in memory and recorded, not sent, when the event is retried.
"""

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

import structlog
from complaint_contracts import Event
from complaints_chassis.clock import Now
from complaints_chassis.group_commit import GroupCommit

from ..domain.delivery import Delivery, DeliveryStatus, outgoing_message
from ..domain.delivery_log import DeliveryRecord, FinishedDelivery, intent_of
from ..domain.outcomes import delivery_event
from ..domain.ports import MessageRenderer, Notifier, OutcomeCounter
from ..domain.selection import DeliveryChannel
from .stopping import DeliveryStop

log = structlog.get_logger(__name__)


class UnrecordedOutcomes:
    """Outcomes a channel reported that the log could not store yet, by notification id (bounded, oldest out)."""

    def __init__(self, limit: int = 10_000) -> None:
        self._limit = limit
        self._kept: OrderedDict[str, FinishedDelivery] = OrderedDict()

    def keep(self, finished: FinishedDelivery) -> None:
        self._kept[finished.notification_id] = finished
        while len(self._kept) > self._limit:
            self._kept.popitem(last=False)  # forgotten: its retry sends again, with the same Message-ID

    def take(self, notification_id: str) -> FinishedDelivery | None:
        return self._kept.pop(notification_id, None)


def _to_millis(moment: datetime) -> datetime:
    # The log keeps milliseconds (BSON dates): the first send uses the date a resend will read back.
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


@dataclass
class Sender:
    """Sends deliveries through their channels, logging each intent first."""

    notifiers: Mapping[DeliveryChannel, Notifier]
    renderer: MessageRenderer
    clock: Now
    metrics: OutcomeCounter
    stopping: DeliveryStop
    unrecorded: UnrecordedOutcomes = field(default_factory=UnrecordedOutcomes)

    async def send(self, delivery: Delivery, *, trigger: Event, logged: DeliveryRecord | None,
                   begin: GroupCommit[DeliveryRecord, bool]) -> FinishedDelivery | str:
        """The finished delivery, or the reason of a transient failure (the log then marks it deferred)."""
        kept = self.unrecorded.take(delivery.notification_id)
        if kept is not None:
            return kept
        self.stopping.checkpoint()
        rendered = self.renderer.render_delivery(delivery)
        resent = logged is not None and logged.possibly_sent
        message_date = logged.message_date if logged and logged.message_date else _to_millis(self.clock())
        if not resent and not await begin(intent_of(delivery, trigger=trigger, message_date=message_date)):
            resent = True  # another attempt was logged since this run looked: it may have gone out
        message = outgoing_message(delivery=delivery, rendered=rendered, created_at=message_date)
        if resent:
            self.metrics.resent(channel=delivery.channel.value, template=message.template.value)
            log.warning("sending again a delivery whose earlier attempt may have gone out",
                        notification_id=delivery.notification_id, template=message.template.value,
                        channel=delivery.channel.value)
        result = await self.notifiers[delivery.channel].send(message)
        if result.status is DeliveryStatus.TRANSIENT_FAILURE:
            return f"{delivery.channel.value}: {result.reason}"
        return FinishedDelivery(delivery_event(message=message, result=result, trigger=trigger), resent=resent)
