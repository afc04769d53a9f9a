"""MongoDB: the per-complaint facts and the delivery log (one document per delivery, carrying its outcome event)."""

from collections.abc import Sequence
from typing import Any

from bson import Binary
from complaint_contracts import NotificationFailed, NotificationSent, topics
from complaints_chassis import dead_letters as dl
from complaints_chassis.outbox import PENDING, new_document
from pymongo import ASCENDING, UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from .facts import ComplaintFacts

Outcome = NotificationSent | NotificationFailed

PERMANENT_FAILURE = "PermanentDeliveryFailure"
"""DLQ error class of a delivery that can never succeed (address refused, nobody to send it to)."""


def delivery_document(outcome: Outcome) -> dict[str, Any]:
    """What the log keeps about one delivery: no address or content, only what happened to it."""
    failed = isinstance(outcome, NotificationFailed)
    return {
        "_id": outcome.notification_id, "complaint_id": outcome.complaint_id, "template": outcome.template,
        "channel": str(outcome.channel), "recipient_kind": outcome.recipient_kind,
        "trigger_event_id": outcome.trigger_event_id, "status": "failed" if failed else "sent",
        "reason": outcome.reason if failed else None, "attempts": outcome.attempts, "recorded_at": outcome.time,
    }


def with_dead_letter(document: dict[str, Any], failed: NotificationFailed) -> dict[str, Any]:
    """Also queue a copy of a permanent failure on the notification DLQ, so operators see it beside the rest."""
    [entry] = document[PENDING]
    headers = [*entry["headers"],
               [dl.REASON, Binary(f"permanent delivery failure: {failed.reason}".encode())],
               [dl.ERROR_CLASS, Binary(PERMANENT_FAILURE.encode())],
               [dl.ORIGINAL_TOPIC, Binary(topics.NOTIFICATION.encode())],
               [dl.CONSUMER_GROUP, Binary(b"notification")],
               [dl.ATTEMPTS, Binary(str(failed.attempts).encode())]]
    copy = {**entry, "id": f"{entry['id']}#dlq", "topic": topics.dlq(topics.NOTIFICATION), "headers": headers}
    return {**document, PENDING: [entry, copy]}


class MongoNotificationStore:
    def __init__(self, db: AsyncDatabase) -> None:
        self.facts: AsyncCollection = db["facts"]
        self.deliveries: AsyncCollection = db["deliveries"]

    async def ensure_indexes(self) -> None:
        # Deliveries are looked up by _id (the notification id, unique by construction); these serve operators
        # and erasure by complaint.
        await self.deliveries.create_index([("complaint_id", ASCENDING)], name="by_complaint")
        await self.deliveries.create_index([("status", ASCENDING), ("recorded_at", ASCENDING)], name="by_status")

    async def get_facts(self, complaint_id: str) -> ComplaintFacts | None:
        doc = await self.facts.find_one({"_id": complaint_id})
        return ComplaintFacts.model_validate(doc["facts"]) if doc else None

    async def save_facts(self, facts: ComplaintFacts) -> None:
        await self.facts.update_one({"_id": facts.complaint_id},
                                    {"$set": {"facts": facts.model_dump(mode="json")}}, upsert=True)

    async def remember_received(self, facts: Sequence[ComplaintFacts]) -> None:
        """Start the projection of newly received complaints in one round trip; known ones keep what they have."""
        if facts:
            await self.facts.bulk_write([
                UpdateOne({"_id": f.complaint_id}, {"$setOnInsert": {"facts": f.model_dump(mode="json")}},
                          upsert=True)
                for f in facts
            ], ordered=False)

    async def has_outcome(self, notification_id: str) -> bool:
        return await self.deliveries.find_one({"_id": notification_id}, {"_id": 1}) is not None

    async def record_outcome(self, outcome: Outcome) -> bool:
        """Insert the delivery with its outcome event in its outbox; False if it was recorded already."""
        document = new_document(delivery_document(outcome), [outcome])
        if isinstance(outcome, NotificationFailed) and outcome.permanent:
            document = with_dead_letter(document, outcome)
        try:
            await self.deliveries.insert_one(document)
        except DuplicateKeyError:
            return False
        return True
