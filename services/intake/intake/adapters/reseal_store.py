"""The resealing pass over intake's MongoDB (see usecases/resealing.py): complaints whose resealed fields are still
plaintext, and their conditional rewrite, one bulk write per page.

Besides the complaint as filed, a submitted complaint keeps its receipt encoded under `CAUSED`, to publish it again
if the submission is redelivered: that copy gets the same values, so a redelivery publishes no plaintext.
"""

import json
import re
from collections.abc import Sequence
from typing import Any

from complaint_contracts import ComplaintReceived
from complaint_contracts.personal_data import ERASED_TEXT, SEALED_PREFIX, sealed_key_id
from complaints_chassis.among import find_among
from complaints_chassis.caused import CAUSED
from complaints_chassis.outbox import with_events
from pymongo import ASCENDING, UpdateOne
from pymongo.asynchronous.database import AsyncDatabase

from ..domain.resealing import RESEALED_FIELDS, ErasedAs, FiledInPlaintext, Resealing
from .documents import ERASED, KEY_ID

_SEALED = re.compile(f"^{re.escape(SEALED_PREFIX)}")
_RECEIVED_TYPE = ComplaintReceived.model_fields["type"].default.encode()


def _plaintext(name: str) -> dict[str, Any]:
    return {f"complaint.{name}": {"$type": "string", "$not": _SEALED, "$ne": ERASED_TEXT}}


class MongoResealStore:
    """The `ResealStore` port over MongoDB."""

    def __init__(self, db: AsyncDatabase) -> None:
        self.complaints = db["complaints"]

    async def filed_in_plaintext(self, *, after: str | None, limit: int) -> list[FiledInPlaintext]:
        query: dict[str, Any] = {"$or": [_plaintext(name) for name in RESEALED_FIELDS]}
        if after is not None:
            query["_id"] = {"$gt": after}
        projection = {**{f"complaint.{name}": 1 for name in (*RESEALED_FIELDS, KEY_ID, "description")}, ERASED: 1}
        found = self.complaints.find(query, projection).sort("_id", ASCENDING).limit(limit)
        return [_filed(d) async for d in found]

    async def reseal(self, changes: Sequence[Resealing]) -> int:
        if not changes:
            return 0
        kept = {d["_id"]: d[CAUSED] for d in await find_among(
            self.complaints, "_id", [c.complaint_id for c in changes], query={CAUSED: {"$exists": True}},
            projection={CAUSED: 1})}
        ops = [UpdateOne(_still_as_read(change), _update(change, kept.get(change.complaint_id))) for change in changes]
        return (await self.complaints.bulk_write(ops, ordered=False)).matched_count


def _filed(document: dict[str, Any]) -> FiledInPlaintext:
    complaint = document.get("complaint") or {}
    description = complaint.get("description")
    key_id = complaint.get(KEY_ID) or (sealed_key_id(description) if isinstance(description, str) else None)
    mark = document.get(ERASED)
    return FiledInPlaintext(
        complaint_id=document["_id"], key_id=key_id, values={n: complaint.get(n) for n in RESEALED_FIELDS},
        erased=None if mark is None else ErasedAs(erasure_id=mark["erasure_id"], reason=mark["reason"], at=mark["at"]))


def _still_as_read(change: Resealing) -> dict[str, Any]:
    # Erased or not, as read: a complaint erased since is left for the next run, which erases its values instead.
    return {"_id": change.complaint_id, ERASED: {"$exists": change.announced is not None},
            **{f"complaint.{name}": value for name, value in change.read.items()}}


def _update(change: Resealing, caused: list[dict[str, Any]] | None) -> dict[str, Any]:
    update: dict[str, Any] = {"$set": {f"complaint.{name}": value for name, value in change.new.items()}}
    if caused is not None and (entries := _caused_again(caused, change)) is not None:
        update["$set"][CAUSED] = entries
    return with_events(update, [change.announced]) if change.announced is not None else update


def _caused_again(entries: list[dict[str, Any]], change: Resealing) -> list[dict[str, Any]] | None:
    """The kept records with the receipt's values replaced as in the complaint (None when none holds them)."""
    replaced = False
    again = []
    for entry in entries:
        if any(name == "ce_type" and bytes(value) == _RECEIVED_TYPE for name, value in entry.get("headers", ())):
            data = json.loads(bytes(entry["value"]))
            swap = {name: new for name, new in change.new.items() if data.get(name) == change.read[name]}
            if swap:
                data.update(swap)
                entry = {**entry, "value": json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()}
                replaced = True
        again.append(entry)
    return again if replaced else None
