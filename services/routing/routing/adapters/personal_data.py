"""Erasure and access requests over routing's own collections (the `PersonalDataStore` of privacy.py).

Erasing a complaint's personal data here: its text (`assessed_texts`) and the examples made of it
(`kept_examples`) are deleted, its fingerprint (keyed hashes of the contact details and words, which would still
link a new complaint of the same person to it) is deleted, and in its decision the employee it is about is blanked
and the phrases of the text the explanation quotes are replaced. The decision stays the complaint record.

Its record expired (retention over): every document keyed by the complaint goes, the decision with its outbox
included, and so do events of it still parked or kept as published by the chassis (found by their Kafka key, the
complaint id). The round-robin turns and the workload counts name no complaint and stay.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from complaint_contracts.personal_data import ERASED_TEXT
from complaints_chassis.idempotency import APPLIED
from complaints_chassis.kept_events import delete_kept_events
from complaints_chassis.outbox import HAS_PENDING, PENDING
from pymongo import ASCENDING, UpdateOne

from .learning_store import MongoLearningStore
from .store import MongoRoutingStore

_MENTION = re.compile(r"\('.*?'\)")
"""A phrase of the text a rule matched, quoted as `injury ('burnt my hand')`."""
_FEATURES = re.compile(r"; features (?:none|'.*?')\)(?= →|$)")
"""The words and fragments of the text the triage model weighed most, quoted as `features 'burn', 'hand')`."""
INTERNAL = ("version", "received_event", "escalations", APPLIED, PENDING, HAS_PENDING)
"""Bookkeeping of a decision document (event ids, versions, the outbox): not about the person, left out of exports."""
ERASED_AT = "personal_data_erased_at"


def without_quotes(lines: Iterable[str]) -> list[str]:
    """The explanation of a decision with every quotation of the complaint's text replaced."""
    return [_MENTION.sub(f"('{ERASED_TEXT}')", _FEATURES.sub(f"; features {ERASED_TEXT})", line)) for line in lines]


class MongoPersonalData:
    def __init__(self, *, store: MongoRoutingStore, learning: MongoLearningStore) -> None:
        self._decisions, self._prints = store.decision_docs, store.prints
        self._texts, self._examples = learning.texts, learning.examples
        self._db = store.decision_docs.database

    async def ensure_indexes(self) -> None:
        """Examples are found by complaint for erasures and exports (the others are keyed by complaint id)."""
        await self._examples.create_index([("complaint_id", ASCENDING)], name="complaint")

    async def erase(self, erased_at: Mapping[str, datetime]) -> None:
        """One write per collection for the whole batch; a repeat finds nothing left to change."""
        ids = sorted(erased_at)
        if not ids:
            return
        decisions = await self._decisions.find({"_id": {"$in": ids}}, {"rules_fired": 1}).to_list()
        if decisions:
            await self._decisions.bulk_write([UpdateOne(
                {"_id": doc["_id"]},
                {"$set": {"rules_fired": without_quotes(doc.get("rules_fired", [])), "facts.about_employee": None},
                 "$min": {ERASED_AT: erased_at[doc["_id"]]}}) for doc in decisions], ordered=False)
        await self._texts.delete_many({"_id": {"$in": ids}})
        await self._examples.delete_many({"complaint_id": {"$in": ids}})
        await self._prints.delete_many({"_id": {"$in": ids}})

    async def delete(self, complaint_ids: Sequence[str]) -> None:
        """One delete per collection for the whole batch; a repeat deletes nothing."""
        ids = sorted(set(complaint_ids))
        if not ids:
            return
        for by_id in (self._decisions, self._texts, self._prints):
            await by_id.delete_many({"_id": {"$in": ids}})
        await self._examples.delete_many({"complaint_id": {"$in": ids}})
        await delete_kept_events(self._db, ids)

    async def records(self, complaint_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The decision, the text kept for learning, examples made of it and the fingerprint, per complaint."""
        ids = sorted(set(complaint_ids))
        found: dict[str, dict[str, Any]] = {}
        for doc in await self._decisions.find({"_id": {"$in": ids}}, dict.fromkeys(INTERNAL, 0)).to_list():
            found.setdefault(doc.pop("_id"), {})["decision"] = doc
        for doc in await self._texts.find({"_id": {"$in": ids}}).to_list():
            found.setdefault(doc.pop("_id"), {})["assessed_text"] = doc
        for doc in await self._examples.find({"complaint_id": {"$in": ids}}).sort("corrected_at", ASCENDING) \
                .to_list():
            found.setdefault(doc["complaint_id"], {}).setdefault("kept_examples", []).append(
                {name: value for name, value in doc.items() if name not in ("_id", "complaint_id")})
        for doc in await self._prints.find({"_id": {"$in": ids}}).to_list():
            found.setdefault(doc["_id"], {})["duplicate_fingerprint"] = {
                "received_at": doc["received_at"],
                "hashed_identities": sorted(key.split(":", 1)[0] for key in doc["customer_keys"]),
                "hashed_words": len(doc["tokens"])}
        return found
