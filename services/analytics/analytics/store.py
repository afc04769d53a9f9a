"""The facts read model and the systemic-issue episode state in MongoDB.

Money is stored as Decimal128 (a codec turns `Decimal` into it and back), so sums stay exact and MongoDB can
add them in a pipeline; strings would sort and sum wrongly. Facts are written only with the commutative updates
of `fact_updates` in unordered bulk writes: a batch, a duplicate or a replay lands on the same documents in any
order with the same result.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, Protocol

from bson import Decimal128
from bson.binary import UuidRepresentation
from bson.codec_options import CodecOptions, TypeCodec, TypeRegistry
from complaint_contracts import SystemicIssueDetected
from complaints_chassis.outbox import with_events
from pymongo import ASCENDING, UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from .fact_updates import FactUpdate
from .facts import ComplaintFact
from .ids import fact_id
from .systemic import SystemicState

FACTS = "facts"
SYSTEMIC = "systemic"
EPISODES_ID = "episodes"
"""The one document holding the open systemic-issue episodes and their outbox."""

FILTERED_FIELDS = ("received_at", "product", "channel", "jurisdiction", "routing.category", "routing.priority",
                   "routing.regime", "routing.kind", "assignment.department")
"""Every field a report filters on gets an index (a query without one scans the collection)."""


class DecimalCodec(TypeCodec):
    python_type = Decimal
    bson_type = Decimal128

    def transform_python(self, value: Decimal) -> Decimal128:
        return Decimal128(value)

    def transform_bson(self, value: Decimal128) -> Decimal:
        return value.to_decimal()


CODEC_OPTIONS: CodecOptions = CodecOptions(type_registry=TypeRegistry([DecimalCodec()]), tz_aware=True, tzinfo=UTC,
                                           uuid_representation=UuidRepresentation.STANDARD)


@dataclass(frozen=True)
class FactFilter:
    """Which facts a report reads; `None` means any. Time bounds are on receipt: [received_from, received_before)."""

    received_from: datetime | None = None
    received_before: datetime | None = None
    product: str | None = None
    channel: str | None = None
    jurisdiction: str | None = None
    category: str | None = None
    priority: str | None = None
    regime: str | None = None
    department: str | None = None

    def to_mongo(self) -> dict[str, Any]:
        query: dict[str, Any] = {}
        received = {op: at for op, at in (("$gte", self.received_from), ("$lt", self.received_before)) if at}
        if received:
            query["received_at"] = received
        for name, path in (("product", "product"), ("channel", "channel"), ("jurisdiction", "jurisdiction"),
                           ("category", "routing.category"), ("priority", "routing.priority"),
                           ("regime", "routing.regime"), ("department", "assignment.department")):
            if getattr(self, name) is not None:
                query[path] = getattr(self, name)
        return query


class TooManyFacts(Exception):
    """A report would load more facts than the service allows in memory."""


class FactStore(Protocol):
    async def apply(self, updates: Sequence[FactUpdate]) -> None: ...
    async def find(self, selection: FactFilter, *, limit: int | None = None) -> list[ComplaintFact]: ...
    async def documents(self) -> dict[str, dict[str, Any]]: ...


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
            await self.facts.bulk_write([UpdateOne({"_id": str(fact_id(u.complaint_id))}, u.to_mongo(), upsert=True)
                                         for u in updates], ordered=False)

    async def find(self, selection: FactFilter, *, limit: int | None = None) -> list[ComplaintFact]:
        """Load the selected facts; with `limit`, refuse (TooManyFacts) rather than load more than that."""
        cursor = self.facts.find(selection.to_mongo())
        if limit is not None:
            cursor = cursor.limit(limit + 1)
        documents = await cursor.to_list()
        if limit is not None and len(documents) > limit:
            raise TooManyFacts(f"more than {limit} complaints match; narrow the period or add a filter")
        return [ComplaintFact.model_validate(document) for document in documents]

    async def documents(self) -> dict[str, dict[str, Any]]:
        """Every stored fact document by complaint id (replay checks and exports)."""
        return {doc["complaint_id"]: doc async for doc in self.facts.find({})}

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
