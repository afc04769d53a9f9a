"""MongoDB, insert-only on the hot path: the per-complaint facts (one document per version), the delivery intents
(one per delivery, written before it goes to its channel) and the delivery outcomes (one per finished delivery, with
the records it caused, published straight after by the service; see the chassis' caused.py). All are deleted, by
complaint, at the end of the complaint record's retention."""

from collections.abc import Sequence
from typing import Any

from complaint_contracts import NotificationFailed
from complaints_chassis.among import delete_among, find_among, update_among
from complaints_chassis.bulk import insert_new
from complaints_chassis.caused import CAUSED, caused_entries
from complaints_chassis.dead_letters import dead_letter_copy
from complaints_chassis.kept_events import delete_kept_events
from complaints_chassis.outbox import PENDING
from complaints_chassis.publishing import OutgoingRecord, outgoing
from pymongo import ASCENDING, UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from ..domain.delivery_log import DeliveryRecord, FinishedDelivery, LogStatus
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
RETIRED_INDEXES = ("by_status",)
"""The intents' status index: intents are no longer finished in place (outcomes are their own documents)."""
SAVE_ATTEMPTS = 5
"""Stores of one run's facts before giving up (each further one follows another run storing the same complaint)."""


class FactsContended(Exception):
    """Other runs kept storing the same complaints' facts first: the run is retried (it reads them again)."""


def dead_letter_copy_of(failed: NotificationFailed) -> OutgoingRecord:
    """The copy of a permanent failure bound for the notification DLQ, so operators see it beside the rest."""
    return dead_letter_copy(outgoing(failed), reason=f"permanent delivery failure: {failed.reason}",
                            error_class=PERMANENT_FAILURE, group_id="notification", attempts=failed.attempts)


class MongoNotificationStore:
    """The NotificationStore over MongoDB (collections `fact_versions`, `deliveries` and `delivery_outcomes`)."""

    def __init__(self, db: AsyncDatabase) -> None:
        self.facts: AsyncCollection = db["fact_versions"]
        self.deliveries: AsyncCollection = db["deliveries"]
        """Intents (and, from versions before outcomes had their own documents, finished deliveries)."""
        self.outcomes: AsyncCollection = db["delivery_outcomes"]
        self._db = db

    async def ensure_indexes(self) -> None:
        # Everything is read by _id (the notification id, unique by construction) but for exports, erasure and
        # record expiry, which ask by complaint.
        for collection in (self.facts, self.deliveries, self.outcomes):
            await collection.create_index([("complaint_id", ASCENDING)], name="by_complaint")
        existing = await self.deliveries.index_information()
        for name in RETIRED_INDEXES:
            if name in existing:
                await self.deliveries.drop_index(name)

    async def facts_of(self, complaint_ids: Sequence[str]) -> dict[str, ComplaintFacts]:
        """Each complaint's latest version."""
        latest: dict[str, dict[str, Any]] = {}
        for doc in await find_among(self.facts, "complaint_id", complaint_ids):
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
        versions = [facts_from(doc) for doc in await find_among(self.facts, "complaint_id", complaint_ids)]
        scrubbed = [(version, erased_facts(version)) for version in versions]
        changed = [UpdateOne({"_id": facts_id(v.complaint_id, v.revision)}, {"$set": facts_fields(erased)})
                   for v, erased in scrubbed if erased != v]
        if changed:
            await self.facts.bulk_write(changed, ordered=False)

    async def deliveries_among(self, notification_ids: Sequence[str]) -> dict[str, DeliveryRecord]:
        return await self._logged("_id", notification_ids)

    async def begin_sending(self, intents: Sequence[DeliveryRecord]) -> list[bool]:
        """Insert each intent in one round trip; where one is logged already, only a `deferred` one is taken back
        to `sending` (any other state is the "someone got there first" answer: False). That second step is one
        write per delivery, on the rare path of retries and races."""
        fresh = await insert_new(self.deliveries, [delivery_document(intent) for intent in intents])
        for index, new in enumerate(fresh):
            if not new:
                resumed = await self.deliveries.update_one(
                    {"_id": intents[index].notification_id, "status": LogStatus.DEFERRED.value},
                    {"$set": {"status": LogStatus.SENDING.value}})
                fresh[index] = resumed.modified_count == 1
        return fresh

    async def defer(self, notification_ids: Sequence[str]) -> None:
        if notification_ids:
            await update_among(self.deliveries, "_id", notification_ids, {"$set": {"status": LogStatus.DEFERRED.value}},
                               query={"status": LogStatus.SENDING.value})

    async def record_outcomes(self, finished: Sequence[FinishedDelivery]) -> list[bool]:
        """Insert each outcome with the records it causes, in one round trip; one stored already makes the insert
        collide on `_id` (False)."""
        return await insert_new(self.outcomes, [outcome_document(f) for f in finished])

    async def unfinished_deliveries(self, complaint_ids: Sequence[str], *, recipient_kind: str) -> list[DeliveryRecord]:
        logged = await self._logged("complaint_id", complaint_ids, query={"recipient_kind": recipient_kind})
        return [record for record in logged.values() if not record.final]

    async def deliveries_of(self, complaint_ids: Sequence[str]) -> list[DeliveryRecord]:
        return list((await self._logged("complaint_id", complaint_ids)).values())

    async def _logged(self, field: str, among: Sequence[str], *,
                      query: dict[str, Any] | None = None) -> dict[str, DeliveryRecord]:
        """Each delivery whose `field` is among these values (and that matches `query`), its intent read together
        with its outcome (either may be missing: a skipped delivery has no intent, an unfinished one no outcome)."""
        intents = {doc["_id"]: doc for doc in await find_among(self.deliveries, field, among, query=query,
                                                               projection={PENDING: 0})}
        outcomes = {doc["_id"]: doc for doc in await find_among(self.outcomes, field, among, query=query,
                                                                projection={CAUSED: 0})}
        ids = [*intents, *(notification_id for notification_id in outcomes if notification_id not in intents)]
        return {i: delivery_from({**intents.get(i, {}), **outcomes.get(i, {})}) for i in ids}

    async def delete_complaints(self, complaint_ids: Sequence[str]) -> None:
        """One delete per collection (in parts); events of the complaints the chassis still keeps (parked, or
        published for a broker that may lose them) go too, found by their Kafka key, the complaint id."""
        ids = sorted(set(complaint_ids))
        if not ids:
            return
        for collection in (self.facts, self.deliveries, self.outcomes):
            await delete_among(collection, "complaint_id", ids)
        await delete_kept_events(self._db, ids)

    async def delivery(self, notification_id: str) -> DeliveryRecord | None:
        """One delivery as the log keeps it, if it was logged."""
        return (await self.deliveries_among([notification_id])).get(notification_id)


def outcome_records(finished: FinishedDelivery) -> list[tuple[str, OutgoingRecord]]:
    """What recording an outcome causes, by entry id: its outcome event, and for a permanent failure a copy bound for
    the DLQ, so operators see it beside the rest."""
    outcome = finished.outcome
    return [(str(outcome.id), outgoing(outcome)), *_dead_letter_copies(outcome)]


def outcome_document(finished: FinishedDelivery) -> dict[str, Any]:
    """The document of a finished delivery: what it is (a skipped one had no intent), its outcome, and what the
    outcome causes."""
    record = finished.record
    return {"_id": record.notification_id, **identity_fields(record), **outcome_fields(record),
            CAUSED: caused_entries(outcome_records(finished))}


def _dead_letter_copies(outcome: Outcome) -> list[tuple[str, OutgoingRecord]]:
    # A message not sent because the customer's data was erased is no fault for operators to look into.
    if isinstance(outcome, NotificationFailed) and outcome.permanent and outcome.reason != PERSONAL_DATA_ERASED:
        return [(f"{outcome.id}#dlq", dead_letter_copy_of(outcome))]
    return []
