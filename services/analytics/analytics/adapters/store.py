"""The facts read model and the systemic-issue episode state in MongoDB; methods return domain objects.

Facts are written only with the commutative updates of `domain/fact_updates` in unordered bulk writes: a batch,
a duplicate or a replay lands on the same documents in any order with the same result (which is why the replay can
merge into the live facts rather than rebuild them apart).
"""

from collections.abc import Sequence
from datetime import datetime

from complaint_contracts import SystemicIssueDetected
from complaints_chassis.outbox import with_events
from pymongo import ASCENDING, UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from ..domain.fact_updates import FactUpdate
from ..domain.facts import ComplaintFact
from ..domain.ids import fact_id
from ..domain.selection import FactFilter, TooManyFacts
from ..domain.systemic_issues import SystemicState
from .documents import CODEC_OPTIONS, FILTERED_FIELDS, fact_query, update_document

FACTS = "facts"
SYSTEMIC = "systemic"
EPISODES_ID = "episodes"
"""The one document holding the open systemic-issue episodes and their outbox."""


class MongoFactStore:
    def __init__(self, db: AsyncDatabase, name: str = FACTS) -> None:
        self.db = db
        self.facts: AsyncCollection = db.get_collection(name, codec_options=CODEC_OPTIONS)
        self.systemic: AsyncCollection = db.get_collection(SYSTEMIC, codec_options=CODEC_OPTIONS)

    async def ensure_indexes(self) -> None:
        for path in FILTERED_FIELDS:
            await self.facts.create_index([(path, ASCENDING)], name=path.replace(".", "_"))

    async def apply(self, updates: Sequence[FactUpdate]) -> None:
        """Write one run's merged updates in one unordered bulk write (the operators commute)."""
        if updates:
            await self.facts.bulk_write([UpdateOne({"_id": str(fact_id(u.complaint_id))}, update_document(u),
                                                   upsert=True) for u in updates], ordered=False)

    async def find(self, selection: FactFilter, *, limit: int | None = None) -> list[ComplaintFact]:
        """Load the selected facts; with `limit`, refuse (TooManyFacts) rather than load more than that."""
        cursor = self.facts.find(fact_query(selection))
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
        ids = [str(fact_id(complaint_id)) for complaint_id in complaint_ids]
        return [ComplaintFact.model_validate(document)
                for document in await self.facts.find({"_id": {"$in": ids}}).to_list()]

    async def oldest_received_at(self) -> datetime | None:
        """When the earliest complaint with a fact was received (None without any)."""
        found = await self.facts.find({"received_at": {"$ne": None}}, {"received_at": 1}) \
            .sort("received_at", ASCENDING).limit(1).to_list()
        return found[0]["received_at"] if found else None

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
