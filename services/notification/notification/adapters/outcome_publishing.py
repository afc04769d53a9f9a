"""Outcome events go out straight after their outcomes are stored, before the trigger's offset is committed."""

from collections.abc import Sequence
from dataclasses import dataclass

from complaints_chassis.caused import CausedRecords
from complaints_chassis.publishing import RecordSender

from ..domain.delivery_log import FinishedDelivery
from ..domain.ports import OutcomePublisher
from .store import outcome_records


@dataclass
class StoredOutcomePublisher(OutcomePublisher):
    """Publishes what recorded outcomes cause (the same records the store keeps with them) through the sender; what
    stored outcomes caused is read back from their documents (`again`)."""

    sender: RecordSender
    again: CausedRecords

    async def publish(self, finished: Sequence[FinishedDelivery]) -> None:
        records = [out for f in finished for _, out in outcome_records(f)]
        if records:
            await self.sender.send(records)

    async def publish_again(self, notification_ids: Sequence[str]) -> None:
        await self.again.publish(notification_ids)
