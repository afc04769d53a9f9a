"""The end of complaint records over intake's MongoDB: the closed complaints, the expiry mark (its event queued in
the complaint's own outbox, in the same write), and the deletion of everything intake keeps about a complaint.

A complaint is deleted only once its outbox is published, because the outbox lives in the complaint's document: the
announcement goes out first, whatever happens to the pass. Every collection is cleared with one bulk delete per page.
"""

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from complaint_contracts import ComplaintRecordExpired
from complaints_chassis.among import delete_among, find_among, parts
from complaints_chassis.outbox import HAS_PENDING, with_events
from pymongo import ASCENDING, UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from ..domain.retention import Closure, ExpiredRecord
from .documents import CLOSED_AT, ERASED, RECORD_EXPIRED, REOPENED_AT, SUBJECT
from .followed import COLLECTION as FOLLOWED

ATTACHMENTS = "attachments"
"""The GridFS bucket of the customers' evidence (`attachments.files` and `attachments.chunks`)."""
BY_COMPLAINT = (FOLLOWED, "unmatched_events", "attachment_downloads")
"""Collections whose documents each name one complaint (`complaint_id`)."""


class MongoRecordStore:
    """The `RecordStore` port over MongoDB."""

    def __init__(self, db: AsyncDatabase) -> None:
        self.db = db
        self.complaints: AsyncCollection = db["complaints"]
        self.files: AsyncCollection = db[f"{ATTACHMENTS}.files"]
        self.chunks: AsyncCollection = db[f"{ATTACHMENTS}.chunks"]
        self.erasures: AsyncCollection = db["erasures"]

    async def ensure_indexes(self) -> None:
        # Sparse: only the few marked complaints are in it, so filing pays nothing for it.
        await self.complaints.create_index([(RECORD_EXPIRED, ASCENDING)], sparse=True, name="record_expired")
        await self.files.create_index([("metadata.complaint_id", ASCENDING)], name="complaint_id")

    async def closed_records(self, cutoff: datetime, *, after: str | None, limit: int) -> list[Closure]:
        query: dict[str, Any] = {CLOSED_AT: {"$lte": cutoff}, RECORD_EXPIRED: {"$exists": False}}
        if after is not None:
            query["_id"] = {"$gt": after}
        found = self.complaints.find(query, {SUBJECT: 1, CLOSED_AT: 1, REOPENED_AT: 1}).sort("_id", ASCENDING)
        return [Closure(complaint_id=d["_id"], subject=d[SUBJECT], closed_at=d.get(CLOSED_AT),
                        reopened_at=d.get(REOPENED_AT)) async for d in found.limit(limit)]

    async def mark_expired(self, events: Sequence[ComplaintRecordExpired]) -> int:
        ops = [UpdateOne({"_id": e.complaint_id, RECORD_EXPIRED: {"$exists": False}},
                         with_events({"$set": {RECORD_EXPIRED: e.expired_at}}, [e])) for e in events]
        return (await self.complaints.bulk_write(ops, ordered=False)).modified_count if ops else 0

    async def expired_records(self, *, after: str | None, limit: int) -> list[ExpiredRecord]:
        query: dict[str, Any] = {RECORD_EXPIRED: {"$exists": True}, HAS_PENDING: {"$ne": True}}
        if after is not None:
            query["_id"] = {"$gt": after}
        found = self.complaints.find(query, {SUBJECT: 1, ERASED: 1}).sort("_id", ASCENDING).limit(limit)
        return [ExpiredRecord(complaint_id=d["_id"], subject=d[SUBJECT], erased=d.get(ERASED) is not None)
                async for d in found]

    async def subjects_with_records(self, subjects: Collection[str], *, besides: Collection[str]) -> set[str]:
        if not subjects:
            return set()
        query = {SUBJECT: {"$in": sorted(subjects)}, "_id": {"$nin": sorted(besides)}}
        return set(await self.complaints.distinct(SUBJECT, query))

    async def delete_records(self, complaint_ids: Collection[str]) -> int:
        ids = sorted(complaint_ids)
        if not ids:
            return 0
        files = [d["_id"] for d in await find_among(self.files, "metadata.complaint_id", ids, projection={"_id": 1})]
        if files:
            # Chunks first: a pass cut short leaves files that the next pass finds again, never orphaned chunks.
            await delete_among(self.chunks, "files_id", files)
            await delete_among(self.files, "_id", files)
        await self._delete_by_complaint(ids)
        # The erasure audit stays (who, when, why, how many keys); it no longer names complaints that are gone.
        for part in parts(ids):
            named = {"$in": list(part)}
            await self.erasures.update_many({"complaint_ids": named}, {"$pull": {"complaint_ids": named}})
        deleted = await delete_among(self.complaints, "_id", ids,
                                     query={RECORD_EXPIRED: {"$exists": True}, HAS_PENDING: {"$ne": True}})
        # A consumer that found the complaint still there just before may have added a followed event meanwhile.
        await self._delete_by_complaint(ids)
        return deleted

    async def _delete_by_complaint(self, ids: list[str]) -> None:
        for name in BY_COMPLAINT:
            await delete_among(self.db[name], "complaint_id", ids)
