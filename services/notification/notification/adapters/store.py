"""MongoDB: the per-complaint facts (insert-only: one document per version) and the delivery log (one document per
delivery: intent, then outcome with its outcome event in the document's outbox). Both are deleted, by complaint, at
the end of the complaint record's retention."""

from collections.abc import Sequence
from typing import Any

from complaint_contracts import NotificationFailed
from complaints_chassis.bulk import duplicates_only, insert_new
from complaints_chassis.dead_letters import dead_letter_copy
from complaints_chassis.kept_events import delete_kept_events
from complaints_chassis.outbox import PENDING, record_entry, with_events
from complaints_chassis.publishing import OutgoingRecord, outgoing
from pymongo import ASCENDING, UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError

from ..domain.delivery_log import FINAL, DeliveryRecord, FinishedDelivery, LogStatus
from ..domain.erasure import PERSONAL_DATA_ERASED
from ..domain.facts import ComplaintFacts, erased_facts, written_over
from ..domain.outcomes import Outcome
from .documents import (
    delivery_document,
    delivery_from,
    facts_document,
    facts_fields,
    facts_from,
    facts_id,
    identity_fields,
    outcome_fields,
)

PERMANENT_FAILURE = "PermanentDeliveryFailure"
"""DLQ error class of a delivery that can never succeed (address refused, nobody to send it to)."""
UNFINISHED = [status.value for status in LogStatus if status not in FINAL]
SAVE_ATTEMPTS = 5
"""Stores of one run's facts before giving up (each further one follows another run storing the same complaint)."""


class FactsContended(Exception):
    """Other runs kept storing the same complaints' facts first: the run is retried (it reads them again)."""


def dead_letter_copy_of(failed: NotificationFailed) -> OutgoingRecord:
    """The copy of a permanent failure bound for the notification DLQ, so operators see it beside the rest."""
    return dead_letter_copy(outgoing(failed), reason=f"permanent delivery failure: {failed.reason}",
                            error_class=PERMANENT_FAILURE, group_id="notification", attempts=failed.attempts)


class MongoNotificationStore:
    """The NotificationStore over MongoDB (collections `fact_versions` and `deliveries`)."""

    def __init__(self, db: AsyncDatabase) -> None:
        self.facts: AsyncCollection = db["fact_versions"]
        self.deliveries: AsyncCollection = db["deliveries"]
        self._db = db

    async def ensure_indexes(self) -> None:
        # Facts are read, and erased, by complaint. Deliveries are looked up by _id (the notification id, unique by
        # construction); these serve operators (deliveries left `sending` by a crash, by status) and erasure.
        await self.facts.create_index([("complaint_id", ASCENDING)], name="by_complaint")
        await self.deliveries.create_index([("complaint_id", ASCENDING)], name="by_complaint")
        await self.deliveries.create_index([("status", ASCENDING), ("recorded_at", ASCENDING)], name="by_status")

    async def facts_of(self, complaint_ids: Sequence[str]) -> dict[str, ComplaintFacts]:
        """Each complaint's latest version."""
        latest: dict[str, dict[str, Any]] = {}
        async for doc in self.facts.find({"complaint_id": {"$in": list(complaint_ids)}}):
            known = latest.get(doc["complaint_id"])
            if known is None or doc["revision"] > known["revision"]:
                latest[doc["complaint_id"]] = doc
        return {complaint_id: facts_from(doc) for complaint_id, doc in latest.items()}

    async def save_facts(self, facts: Sequence[ComplaintFacts]) -> None:
        """Store each as the revision after the one read, in one insert; where another run stored that revision
        meanwhile, store ours after the latest (facts erased meanwhile stay erased)."""
        pending = list(facts)
        for _ in range(SAVE_ATTEMPTS):
            stored = await insert_new(self.facts, [facts_document(f, revision=f.revision + 1) for f in pending])
            pending = [f for f, new in zip(pending, stored, strict=True) if not new]
            if not pending:
                return
            latest = await self.facts_of([f.complaint_id for f in pending])
            pending = [written_over(f, stored=latest[f.complaint_id]) for f in pending]
        raise FactsContended(f"the facts of {len(pending)} complaints kept changing under this run")

    async def remember_received(self, facts: Sequence[ComplaintFacts]) -> None:
        """Store the first version of newly received complaints in one insert; known ones keep what they have."""
        await insert_new(self.facts, [facts_document(f, revision=0) for f in facts])

    async def scrub_facts(self, complaint_ids: Sequence[str]) -> None:
        """Remove the personal values from the earlier versions of these complaints' facts, in one write."""
        versions = [facts_from(doc) async for doc in self.facts.find({"complaint_id": {"$in": list(complaint_ids)}})]
        scrubbed = [(version, erased_facts(version)) for version in versions]
        changed = [UpdateOne({"_id": facts_id(v.complaint_id, v.revision)}, {"$set": facts_fields(erased)})
                   for v, erased in scrubbed if erased != v]
        if changed:
            await self.facts.bulk_write(changed, ordered=False)

    async def deliveries_among(self, notification_ids: Sequence[str]) -> dict[str, DeliveryRecord]:
        return {doc["_id"]: delivery_from(doc) async for doc in
                self.deliveries.find({"_id": {"$in": list(notification_ids)}}, {PENDING: 0})}

    async def begin_sending(self, intents: Sequence[DeliveryRecord]) -> list[bool]:
        """Insert each intent, or turn a `deferred` delivery back to `sending`, in one round trip.

        The filter matches only a deferred document; one in any other state makes the upsert collide on `_id`,
        which is the "someone got there first" answer (False).
        """
        return await _each_applied(self.deliveries, [UpdateOne(
            {"_id": intent.notification_id, "status": LogStatus.DEFERRED.value},
            {"$set": {"status": LogStatus.SENDING.value},
             "$setOnInsert": {k: v for k, v in delivery_document(intent).items() if k not in ("_id", "status")}},
            upsert=True) for intent in intents])

    async def defer(self, notification_ids: Sequence[str]) -> None:
        if notification_ids:
            await self.deliveries.update_many(
                {"_id": {"$in": list(notification_ids)}, "status": LogStatus.SENDING.value},
                {"$set": {"status": LogStatus.DEFERRED.value}})

    async def record_outcomes(self, finished: Sequence[FinishedDelivery]) -> list[bool]:
        """Finish each unfinished delivery (or insert it: a skipped one had no intent) with its outcome event in
        the same single-document write; a finished one makes the upsert collide on `_id` (False)."""
        return await _each_applied(self.deliveries, [UpdateOne(
            {"_id": f.notification_id, "status": {"$in": UNFINISHED}}, outcome_update(f), upsert=True)
            for f in finished])

    async def unfinished_deliveries(self, complaint_ids: Sequence[str], *, recipient_kind: str) -> list[DeliveryRecord]:
        return [delivery_from(doc) async for doc in self.deliveries.find(
            {"complaint_id": {"$in": list(complaint_ids)}, "status": {"$in": UNFINISHED},
             "recipient_kind": recipient_kind}, {PENDING: 0})]

    async def deliveries_of(self, complaint_ids: Sequence[str]) -> list[DeliveryRecord]:
        return [delivery_from(doc) async for doc in
                self.deliveries.find({"complaint_id": {"$in": list(complaint_ids)}}, {PENDING: 0})]

    async def delete_complaints(self, complaint_ids: Sequence[str]) -> None:
        """One delete per collection; events of the complaints the chassis still keeps (parked, or published for
        a broker that may lose them) go too, found by their Kafka key, the complaint id."""
        ids = sorted(set(complaint_ids))
        if not ids:
            return
        for collection in (self.facts, self.deliveries):
            await collection.delete_many({"complaint_id": {"$in": ids}})
        await delete_kept_events(self._db, ids)

    async def delivery(self, notification_id: str) -> DeliveryRecord | None:
        """One delivery as the log keeps it, if it was logged."""
        doc = await self.deliveries.find_one({"_id": notification_id}, {PENDING: 0})
        return delivery_from(doc) if doc is not None else None


async def _each_applied(collection: AsyncCollection, operations: list[UpdateOne]) -> list[bool]:
    """Run upserts unordered in one round trip; per operation, False where it collided with a stored `_id`."""
    if not operations:
        return []
    try:
        await collection.bulk_write(operations, ordered=False)
    except BulkWriteError as exc:
        taken = {e["index"] for e in duplicates_only(exc)}
        return [i not in taken for i in range(len(operations))]
    return [True] * len(operations)


def outcome_update(finished: FinishedDelivery) -> dict[str, Any]:
    """The update that finishes a delivery: its outcome, and its outcome event (with any DLQ copy) queued."""
    record = finished.record
    update = with_events({"$set": outcome_fields(record), "$setOnInsert": identity_fields(record)},
                         [finished.outcome])
    # A permanent failure is also copied to the DLQ, queued in the same write (the chassis' `with_events` takes
    # events only; `new_document` is the insert-side twin that takes such extra records).
    update["$push"][PENDING]["$each"] += [record_entry(entry_id, out) for entry_id, out in _dead_letter_copies(
        finished.outcome)]
    return update


def _dead_letter_copies(outcome: Outcome) -> list[tuple[str, OutgoingRecord]]:
    # A message not sent because the customer's data was erased is no fault for operators to look into.
    if isinstance(outcome, NotificationFailed) and outcome.permanent and outcome.reason != PERSONAL_DATA_ERASED:
        return [(f"{outcome.id}#dlq", dead_letter_copy_of(outcome))]
    return []
