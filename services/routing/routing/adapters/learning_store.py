"""What routing keeps to learn from staff: assessed texts for the learning window, and the examples corrections make.

Both hold personal data (the customer's words), so both expire: MongoDB's TTL monitor removes a document once its
`expires_at` has passed. Texts are never logged; they leave only through the admin-only examples endpoint.
"""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from complaint_contracts.types import Category, ComplaintKind, Language, Priority, Regime
from complaints_chassis.among import find_among
from complaints_chassis.bulk import insert_new
from pymongo import ASCENDING
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from ..domain.learning import AssessedText, KeptExample

LABELS = ("kind", "category", "priority", "department", "regime")


def _plain(value: Any) -> Any:
    return value.value if hasattr(value, "value") else value


class MongoLearningStore:
    """The `LearningStore` over MongoDB (collections `assessed_texts` and `kept_examples`)."""

    def __init__(self, db: AsyncDatabase, *, text_days: int, example_days: int) -> None:
        self.texts: AsyncCollection = db["assessed_texts"]
        self.examples: AsyncCollection = db["kept_examples"]
        self._text_days, self._example_days = text_days, example_days

    async def ensure_indexes(self) -> None:
        for collection in (self.texts, self.examples):
            await collection.create_index([("expires_at", ASCENDING)], name="expiry", expireAfterSeconds=0)

    async def save_assessed_texts(self, texts: Sequence[AssessedText]) -> None:
        """Keep each routed complaint's text once (a redelivery finds it stored)."""
        await insert_new(self.texts, [{
            "_id": t.complaint_id, "text": t.text, "language": t.language.value, "jurisdiction": t.jurisdiction,
            "product": t.product, "received_at": t.received_at, "model_version": t.model_version,
            "expires_at": t.received_at + timedelta(days=self._text_days),
            **{name: _plain(getattr(t, name)) for name in LABELS}} for t in texts])

    async def assessed_texts(self, complaint_ids: Sequence[str]) -> dict[str, AssessedText]:
        docs = await find_among(self.texts, "_id", complaint_ids)
        return {doc["_id"]: AssessedText(
            complaint_id=doc["_id"], text=doc["text"], language=Language(doc["language"]),
            jurisdiction=doc["jurisdiction"], product=doc.get("product"), received_at=doc["received_at"],
            kind=ComplaintKind(doc["kind"]), category=Category(doc["category"]), priority=Priority(doc["priority"]),
            department=doc["department"], regime=Regime(doc["regime"]), model_version=doc.get("model_version"))
            for doc in docs}

    async def keep_examples(self, examples: Sequence[KeptExample], *, now: datetime) -> None:
        """Keep each correction's example once (keyed by the correction event)."""
        await insert_new(self.examples, [{
            "_id": e.key, "complaint_id": e.complaint_id, "text": e.text, "language": e.language.value,
            "jurisdiction": e.jurisdiction, "product": e.product, "corrected": list(e.corrected), "by": e.by,
            "reason": e.reason, "corrected_at": e.corrected_at, "expires_at": now + timedelta(days=self._example_days),
            **{name: _plain(getattr(e, name)) for name in LABELS}} for e in examples])

    async def kept_examples(self) -> list[KeptExample]:
        docs = await self.examples.find({}).sort("corrected_at", ASCENDING).to_list()
        return [KeptExample(
            key=d["_id"], complaint_id=d["complaint_id"], text=d["text"], language=Language(d["language"]),
            jurisdiction=d["jurisdiction"], product=d.get("product"), kind=ComplaintKind(d["kind"]),
            category=Category(d["category"]), priority=Priority(d["priority"]), department=d["department"],
            regime=Regime(d["regime"]), corrected=tuple(d["corrected"]), by=d["by"], reason=d["reason"],
            corrected_at=d["corrected_at"]) for d in docs]
