"""The facts store as it was before facts were inserted when new and left alone when unchanged: kept for the tests
that show the store gives the same, and that a store it wrote still works after the upgrade."""

from datetime import datetime

from analytics.adapters.documents import fact_query, update_document
from analytics.adapters.store import MongoFactStore
from analytics.domain.facts import ComplaintFact
from analytics.domain.ids import fact_id
from analytics.domain.selection import FactFilter, TooManyFacts
from pymongo import ASCENDING, UpdateOne

NINE_INDEXES = ("received_at", "product", "channel", "jurisdiction", "routing.category", "routing.priority",
                "routing.regime", "routing.kind", "assignment.department")


class PreviousFactStore(MongoFactStore):
    """The store as it was: one upsert per complaint per batch, a single-field index per filtered field, queries
    left to the store's planner."""

    async def ensure_indexes(self) -> None:
        for path in NINE_INDEXES:
            await self.facts.create_index([(path, ASCENDING)], name=path.replace(".", "_"))

    async def apply(self, updates) -> None:
        if updates:
            await self.facts.bulk_write([UpdateOne({"_id": str(fact_id(u.complaint_id))}, update_document(u),
                                                   upsert=True) for u in updates], ordered=False)

    async def find(self, selection: FactFilter, *, limit: int | None = None) -> list[ComplaintFact]:
        cursor = self.facts.find(fact_query(selection))
        if limit is not None:
            cursor = cursor.limit(limit + 1)
        documents = await cursor.to_list()
        if limit is not None and len(documents) > limit:
            raise TooManyFacts(f"more than {limit} complaints match; narrow the period or add a filter")
        return [ComplaintFact.model_validate(document) for document in documents]

    async def oldest_received_at(self) -> datetime | None:
        found = await self.facts.find({"received_at": {"$ne": None}}, {"received_at": 1}) \
            .sort("received_at", ASCENDING).limit(1).to_list()
        return found[0]["received_at"] if found else None
