"""MongoDB: the per-complaint facts and the delivery log (one document per delivery, carrying its outcome event)."""

from collections.abc import Sequence

from complaint_contracts import NotificationFailed
from complaints_chassis.bulk import insert_new
from complaints_chassis.dead_letters import dead_letter_copy
from complaints_chassis.outbox import new_document
from complaints_chassis.publishing import OutgoingRecord, outgoing
from pymongo import ASCENDING, UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from ..domain.facts import ComplaintFacts
from ..domain.outcomes import DeliveryRecord, Outcome, record_of
from .documents import delivery_document, delivery_from, facts_fields, facts_from

PERMANENT_FAILURE = "PermanentDeliveryFailure"
"""DLQ error class of a delivery that can never succeed (address refused, nobody to send it to)."""


def dead_letter_copy_of(failed: NotificationFailed) -> OutgoingRecord:
    """The copy of a permanent failure bound for the notification DLQ, so operators see it beside the rest."""
    return dead_letter_copy(outgoing(failed), reason=f"permanent delivery failure: {failed.reason}",
                            error_class=PERMANENT_FAILURE, group_id="notification", attempts=failed.attempts)


class MongoNotificationStore:
    """The NotificationStore over MongoDB (collections `facts` and `deliveries`)."""

    def __init__(self, db: AsyncDatabase) -> None:
        self.facts: AsyncCollection = db["facts"]
        self.deliveries: AsyncCollection = db["deliveries"]

    async def ensure_indexes(self) -> None:
        # Deliveries are looked up by _id (the notification id, unique by construction); these serve operators
        # and erasure by complaint.
        await self.deliveries.create_index([("complaint_id", ASCENDING)], name="by_complaint")
        await self.deliveries.create_index([("status", ASCENDING), ("recorded_at", ASCENDING)], name="by_status")

    async def facts_of(self, complaint_ids: Sequence[str]) -> dict[str, ComplaintFacts]:
        return {doc["_id"]: facts_from(doc) async for doc in self.facts.find({"_id": {"$in": list(complaint_ids)}})}

    async def save_facts(self, facts: Sequence[ComplaintFacts]) -> None:
        await self.facts.bulk_write([
            UpdateOne({"_id": f.complaint_id}, {"$set": facts_fields(f)}, upsert=True) for f in facts
        ], ordered=False)

    async def remember_received(self, facts: Sequence[ComplaintFacts]) -> None:
        """Start the projection of newly received complaints in one round trip; known ones keep what they have."""
        if facts:
            await self.facts.bulk_write([
                UpdateOne({"_id": f.complaint_id}, {"$setOnInsert": facts_fields(f)}, upsert=True) for f in facts
            ], ordered=False)

    async def recorded_among(self, notification_ids: Sequence[str]) -> set[str]:
        return {d["_id"] async for d in self.deliveries.find({"_id": {"$in": list(notification_ids)}}, {"_id": 1})}

    async def record_outcomes(self, outcomes: Sequence[Outcome]) -> list[bool]:
        """Insert each delivery with its outcome event in its outbox (one round trip); False where it was
        recorded already."""
        return await insert_new(self.deliveries, [
            new_document(delivery_document(record_of(o)), [o], records=_dead_letter_copies(o)) for o in outcomes])

    async def delivery(self, notification_id: str) -> DeliveryRecord | None:
        """One delivery as the log keeps it, if it was recorded."""
        doc = await self.deliveries.find_one({"_id": notification_id})
        return delivery_from(doc) if doc is not None else None


def _dead_letter_copies(outcome: Outcome) -> list[tuple[str, OutgoingRecord]]:
    if isinstance(outcome, NotificationFailed) and outcome.permanent:
        return [(f"{outcome.id}#dlq", dead_letter_copy_of(outcome))]
    return []
