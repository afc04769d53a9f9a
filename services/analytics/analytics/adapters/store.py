"""The facts read model and the systemic-issue episode state in MongoDB; methods return domain objects.

Facts are written only with the commutative updates of `domain/fact_updates`, one per complaint per run, in one
unordered bulk write: a batch, a duplicate or a replay lands on the same documents in any order with the same
result (which is why the replay can merge into the live facts rather than rebuild them apart). The run's facts
are read first, so a new fact is inserted (far cheaper for the store than an upsert) and a fact the run does not
change is not written at all; a fact another instance stored meanwhile meets the duplicate key and takes the update
instead. Then the change journal notes which complaints the run concerned.
"""

from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from typing import Any

from complaint_contracts import SystemicIssueDetected
from complaints_chassis.among import parts
from complaints_chassis.kept_events import delete_kept_events
from complaints_chassis.outbox import with_events
from pymongo import ASCENDING
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError, DuplicateKeyError

from ..domain.fact_updates import FactUpdate, apply_update
from ..domain.facts import ComplaintFact
from ..domain.ids import fact_id
from ..domain.selection import FactFilter, TooManyFacts
from ..domain.systemic_issues import SystemicState
from .changes import CHANGES, MongoChangeJournal
from .documents import (
    BY_RECEIPT,
    CODEC_OPTIONS,
    INDEXES,
    LEGACY_INDEXES,
    as_stored,
    fact_index,
    fact_query,
    insert_request,
    update_request,
)

FACTS = "facts"
SYSTEMIC = "systemic"
EPISODES_ID = "episodes"
"""The one document holding the open systemic-issue episodes and their outbox."""
DUPLICATE_KEY = 11000


class MongoFactStore:
    def __init__(self, db: AsyncDatabase, name: str = FACTS) -> None:
        self.db = db
        self.facts: AsyncCollection = db.get_collection(name, codec_options=CODEC_OPTIONS)
        self.systemic: AsyncCollection = db.get_collection(SYSTEMIC, codec_options=CODEC_OPTIONS)
        self.journal = MongoChangeJournal(db.get_collection(CHANGES))

    async def ensure_indexes(self) -> None:
        """Create the facts' indexes and drop those of earlier versions (idempotent: every start-up runs it)."""
        existing = {index["name"] async for index in await self.facts.list_indexes()}
        for name in existing.intersection(LEGACY_INDEXES):
            await self.facts.drop_index(name)
        for name, keys in INDEXES.items():
            await self.facts.create_index(keys, name=name)

    async def apply(self, updates: Sequence[FactUpdate]) -> None:
        """Write one run's merged updates in one unordered bulk write (the operators commute), then journal them."""
        if not updates:
            return
        stored = {doc["complaint_id"]: doc async for doc in self._by_ids([u.complaint_id for u in updates])}
        inserts: list[tuple[FactUpdate, dict[str, Any]]] = []
        updated: list[FactUpdate] = []
        for update in updates:
            before = stored.get(update.complaint_id)
            after = apply_update(before, update)
            if before is None:
                inserts.append((update, after))
            elif as_stored(after) != before:
                updated.append(update)
        await self._write(inserts, updated)
        await self.journal.record(update.complaint_id for update in updates)

    async def _write(self, inserts: list[tuple[FactUpdate, dict[str, Any]]], updated: list[FactUpdate]) -> None:
        requests = [insert_request(document) for _, document in inserts] + [update_request(u) for u in updated]
        if not requests:
            return
        try:
            await self.facts.bulk_write(requests, ordered=False)
        except BulkWriteError as exc:
            errors = exc.details.get("writeErrors", [])
            raced = [inserts[e["index"]][0] for e in errors if e["code"] == DUPLICATE_KEY and e["index"] < len(inserts)]
            if len(raced) < len(errors):
                raise
            await self.facts.bulk_write([update_request(update) for update in raced], ordered=False)

    async def scan(self, fields: Sequence[str],
                   complaint_ids: Sequence[str] | None = None) -> AsyncIterator[ComplaintFact]:
        """Every fact (or those of these complaints that exist), with only `fields` read."""
        projection = dict.fromkeys(fields, 1)
        found = self.facts.find({}, projection) if complaint_ids is None else self._by_ids(complaint_ids, projection)
        async for document in found:
            yield ComplaintFact.model_validate(document)

    async def _by_ids(self, complaint_ids: Sequence[str],
                      projection: dict[str, Any] | None = None) -> AsyncIterator[dict[str, Any]]:
        ids = [str(fact_id(complaint_id)) for complaint_id in complaint_ids]
        for part in parts(ids):  # streamed part by part: a scan may ask for many
            async for document in self.facts.find({"_id": {"$in": list(part)}}, projection):
                yield document

    async def find(self, selection: FactFilter, *, limit: int | None = None) -> list[ComplaintFact]:
        """Load the selected facts; with `limit`, refuse (TooManyFacts) rather than load more than that."""
        cursor = self.facts.find(fact_query(selection))
        if (index := fact_index(selection)) is not None:
            cursor = cursor.hint(index)
        if limit is not None:
            cursor = cursor.limit(limit + 1)
        documents = await cursor.to_list()
        if limit is not None and len(documents) > limit:
            raise TooManyFacts(f"more than {limit} complaints match; narrow the period or add a filter")
        return [ComplaintFact.model_validate(document) for document in documents]

    async def count(self) -> int:
        """How many facts are stored."""
        return await self.facts.count_documents({})

    async def of_complaints(self, complaint_ids: Sequence[str]) -> list[ComplaintFact]:
        """The facts of these complaints (those that exist), found by their deterministic ids."""
        return [ComplaintFact.model_validate(document) async for document in self._by_ids(complaint_ids)]

    async def oldest_received_at(self) -> datetime | None:
        """When the earliest complaint with a fact was received (None without any)."""
        found = await self.facts.find({"received_at": {"$ne": None}}, {"received_at": 1}).hint(BY_RECEIPT) \
            .sort("received_at", ASCENDING).limit(1).to_list()
        return found[0]["received_at"] if found else None

    async def delete(self, complaint_ids: Sequence[str]) -> None:
        """One delete of the facts, then the journal (every instance's gauges let the complaints go); events of
        them the chassis still keeps (parked, or published for a broker that may lose them) go by Kafka key."""
        ids = sorted(set(complaint_ids))
        if not ids:
            return
        await self.facts.delete_many({"_id": {"$in": [str(fact_id(cid)) for cid in ids]}})
        await delete_kept_events(self.db, ids)
        await self.journal.record(ids)

    # -- systemic-issue episodes -------------------------------------------------------------------------------

    async def systemic_state(self) -> tuple[SystemicState, int]:
        """The open episodes and the version to save them against."""
        doc = await self.systemic.find_one({"_id": EPISODES_ID}, {"state": 1, "version": 1})
        if doc is None:
            return SystemicState(), 0
        return SystemicState.model_validate(doc["state"]), doc["version"]

    async def save_systemic_state(self, state: SystemicState, *, version: int, evaluated_at: datetime,
                                  detected: Sequence[SystemicIssueDetected]) -> bool:
        """Store the new episodes with their events in one write; False if another evaluation saved first."""
        update = with_events({"$set": {"state": state.model_dump(mode="python"), "evaluated_at": evaluated_at},
                              "$inc": {"version": 1, "evaluations": 1}}, detected)
        try:
            result = await self.systemic.update_one({"_id": EPISODES_ID, "version": version}, update,
                                                    upsert=version == 0)
        except DuplicateKeyError:  # a concurrent first evaluation inserted the document
            return False
        return result.matched_count == 1 or result.upserted_id is not None

    async def evaluations(self) -> int:
        """How many detection rounds have been saved (for operators and tests)."""
        doc = await self.systemic.find_one({"_id": EPISODES_ID}, {"evaluations": 1})
        return 0 if doc is None else doc.get("evaluations", 0)
