"""Erasure and access exports over intake's MongoDB: complaints found by data subject, erasure marks, the audit.

A complaint whose subject's keys were destroyed is marked `erased` (which erasure, when, why); the mark goes again
when new personal data is sealed for it (a message after the erasure), so retention sees that there is data again.
The audit of erasures (`erasures`) is insert-and-complete only and holds no personal data.
"""

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from complaint_contracts import PersonalDataErased
from complaints_chassis.among import find_among
from complaints_chassis.outbox import with_events
from gridfs import AsyncGridFSBucket
from pymongo import ASCENDING, UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from ..domain.complaint import SubjectComplaint
from ..domain.erasure import ErasureRecord
from ..domain.retention import Closure
from ..domain.subjects import IdentifiedComplaint, identifiers_on_file
from .documents import (
    CLOSED_AT,
    ENTRIES,
    ERASED,
    OWNER_AS_OF,
    OWNER_TEAM,
    REOPENED_AT,
    SUBJECT,
    SUBJECT_REFS,
    exported_record,
)
from .followed import FollowedEvents

EXPORTED = {"tracking_number": 1, "channel": 1, "received_at": 1, "complaint": 1, ENTRIES: 1, OWNER_TEAM: 1,
            OWNER_AS_OF: 1, ERASED: 1}
"""What an access export reads of a complaint document: not its outbox, access-code hash, request fingerprint or
the subject's blind indexes (keyed hashes, meaningless to the customer). The events followed about it add their
timeline entries and owning teams."""


EMAIL_ON_FILE = "complaint.customer.email"
"""The customer's e-mail address as filed (sealed): whether there is one tells which of a complaint's blind indexes
is the e-mail address's."""


class MongoPrivacyStore:
    """The `PrivacyStore` port over MongoDB."""

    def __init__(self, db: AsyncDatabase) -> None:
        self.complaints: AsyncCollection = db["complaints"]
        self.files = AsyncGridFSBucket(db, bucket_name="attachments")
        self._files_meta: AsyncCollection = db["attachments.files"]
        self.erasures: AsyncCollection = db["erasures"]
        self.downloads: AsyncCollection = db["attachment_downloads"]
        self.followed = FollowedEvents(db)

    async def ensure_indexes(self) -> None:
        await self.erasures.create_index([("complaint_ids", ASCENDING)], name="complaint_ids")
        await self.complaints.create_index([(CLOSED_AT, ASCENDING)], name="closed_at")

    async def complaints_identified_by(self, refs: Collection[str]) -> list[IdentifiedComplaint]:
        # The e-mail address is read (sealed) only to tell which blind index is whose: it goes no further.
        found = await find_among(self.complaints, SUBJECT_REFS, sorted(refs),
                                 projection={SUBJECT: 1, SUBJECT_REFS: 1, EMAIL_ON_FILE: 1})
        return [_identified(d) for d in found]

    async def complaints_of_subjects(self, subjects: Collection[str]) -> list[SubjectComplaint]:
        found = await find_among(self.complaints, SUBJECT, sorted(subjects), projection={SUBJECT: 1, ERASED: 1})
        return [SubjectComplaint(complaint_id=d["_id"], subject=d[SUBJECT], erased=d.get(ERASED) is not None)
                for d in found]

    async def mark_erased(self, *, erasure: ErasureRecord, events: Sequence[PersonalDataErased]) -> None:
        # The customer's evidence (photos, receipts, letters) is theirs too and is not sealed: it goes with the keys.
        complaint_ids = [event.complaint_id for event in events]
        if complaint_ids:
            async for meta in self._files_meta.find({"metadata.complaint_id": {"$in": complaint_ids}}, {"_id": 1}):
                await self.files.delete(meta["_id"])
        ops = [UpdateOne({"_id": event.complaint_id}, with_events({"$set": {ERASED: {
                   "erasure_id": erasure.erasure_id, "reason": erasure.reason, "at": event.erased_at}}}, [event]))
               for event in events]
        if ops:
            await self.complaints.bulk_write(ops, ordered=False)

    async def save_erasure(self, record: ErasureRecord) -> None:
        await self.erasures.replace_one({"_id": record.erasure_id}, _audit_document(record), upsert=True)

    async def erasure(self, erasure_id: str) -> ErasureRecord | None:
        doc = await self.erasures.find_one({"_id": erasure_id})
        return None if doc is None else ErasureRecord.model_validate({**doc, "erasure_id": doc["_id"]})

    async def export_records(self, complaint_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        ids = list(complaint_ids)
        documents = [d async for d in self.complaints.find({"_id": {"$in": ids}}, EXPORTED)]
        followed = await self.followed.of_complaints([d["_id"] for d in documents])
        records = {d["_id"]: exported_record(d, followed.get(d["_id"], [])) | {"downloads": [], "erasures": []}
                   for d in documents}
        async for download in self.downloads.find({"complaint_id": {"$in": ids}}, {"_id": 0}).sort("at", ASCENDING):
            if (record := records.get(download["complaint_id"])) is not None:
                record["downloads"].append(download)
        async for erasure in self.erasures.find({"complaint_ids": {"$in": ids}}).sort("requested_at", ASCENDING):
            audit = {"erasure_id": erasure["_id"], **{k: v for k, v in erasure.items() if k != "_id"}}
            for complaint_id in set(erasure["complaint_ids"]) & records.keys():
                records[complaint_id]["erasures"].append(audit)
        return records

    async def closed_by(self, cutoff: datetime, *, after: str | None, limit: int) -> list[SubjectComplaint]:
        query: dict[str, Any] = {CLOSED_AT: {"$lte": cutoff}, ERASED: {"$exists": False}}
        if after is not None:
            query["_id"] = {"$gt": after}
        found = self.complaints.find(query, {SUBJECT: 1}).sort("_id", ASCENDING).limit(limit)
        return [_found(d) async for d in found]

    async def closures_of(self, subjects: Collection[str]) -> list[Closure]:
        found = self.complaints.find({SUBJECT: {"$in": sorted(subjects)}, ERASED: {"$exists": False}},
                                     {SUBJECT: 1, CLOSED_AT: 1, REOPENED_AT: 1})
        return [Closure(complaint_id=d["_id"], subject=d[SUBJECT], closed_at=d.get(CLOSED_AT),
                        reopened_at=d.get(REOPENED_AT)) async for d in found]


def _identified(document: dict[str, Any]) -> IdentifiedComplaint:
    customer = (document.get("complaint") or {}).get("customer") or {}
    return IdentifiedComplaint(complaint_id=document["_id"], subject=document[SUBJECT], identifiers=identifiers_on_file(
        document.get(SUBJECT_REFS, ()), email_on_file=bool(customer.get("email"))))


def _found(document: dict[str, Any]) -> SubjectComplaint:
    return SubjectComplaint(complaint_id=document["_id"], subject=document[SUBJECT])


def _audit_document(record: ErasureRecord) -> dict[str, Any]:
    document = record.model_dump(exclude={"erasure_id"})
    return {"_id": record.erasure_id, **document}
