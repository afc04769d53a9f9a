"""Intake's MongoDB: the complaints (as filed, the customer's timeline, the access-code hash and the outbox in
one document each), attachments in GridFS, and progress events about complaints intake does not hold.

Optional keys (idempotency key, submitting system and reference) are left out of a document rather than set to
null, so the sparse unique indexes on them ignore documents that lack them.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from complaints_chassis.bulk import duplicates_only
from gridfs import AsyncGridFSBucket
from pymongo import ASCENDING, UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError, DuplicateKeyError

from .timeline import TimelineEntry

ENTRIES = "entries"
VERSION = "version"


class TrackingNumberTaken(Exception):
    """Another complaint already has the drawn tracking number: draw again."""


class AlreadyStored(Exception):
    """The complaint (same id, idempotency key or submitting system's reference) is stored already."""


@dataclass(frozen=True)
class CustomerRecord:
    """What the status page and the customer actions need of a complaint."""

    complaint_id: str
    tracking_number: str
    access_code_hash: str | None
    entries: tuple[TimelineEntry, ...]
    version: int


@dataclass(frozen=True)
class StoredFiling:
    """An earlier HTTP filing, found by its idempotency key."""

    complaint_id: str
    request_hash: str | None
    received: dict[str, Any]


@dataclass(frozen=True)
class Attachment:
    attachment_id: str
    complaint_id: str
    name: str
    media_type: str
    content: bytes


@dataclass(frozen=True)
class BulkInsert:
    inserted: set[str]
    """Ids newly stored."""
    collided: set[str]
    """Ids not stored because their tracking number was taken: draw again."""


class IntakeStore(Protocol):
    async def insert_complaint(self, document: dict[str, Any]) -> None: ...
    async def insert_complaints(self, documents: Sequence[dict[str, Any]]) -> BulkInsert: ...
    async def filing_by_idempotency_key(self, key: str) -> StoredFiling | None: ...
    async def customer_record(self, tracking_number: str) -> CustomerRecord | None: ...
    async def record_entry(self, *, record: CustomerRecord, entry: TimelineEntry,
                           update: dict[str, Any]) -> bool: ...
    async def append_entries(self, items: Sequence[tuple[str, TimelineEntry]]) -> list[tuple[str, TimelineEntry]]: ...
    async def park_unmatched(self, items: Sequence[tuple[str, TimelineEntry]], *, now: datetime) -> None: ...
    async def save_attachments(self, attachments: Sequence[Attachment]) -> None: ...
    async def delete_attachments(self, attachment_ids: Iterable[str]) -> None: ...


def entry_document(entry: TimelineEntry) -> dict[str, Any]:
    """An entry as stored (JSON types: amounts stay exact decimal strings)."""
    return entry.model_dump(mode="json")


class MongoIntakeStore:
    def __init__(self, db: AsyncDatabase) -> None:
        self.complaints: AsyncCollection = db["complaints"]
        self.unmatched: AsyncCollection = db["unmatched_events"]
        self.files = AsyncGridFSBucket(db, bucket_name="attachments")
        self._files_meta: AsyncCollection = db["attachments.files"]

    async def ensure_indexes(self) -> None:
        """Create the indexes every lookup and every uniqueness rule relies on (idempotent)."""
        await self.complaints.create_index([("tracking_number", ASCENDING)], unique=True, name="tracking_number")
        await self.complaints.create_index([("idempotency_key", ASCENDING)], unique=True, sparse=True,
                                           name="idempotency_key")
        await self.complaints.create_index([("source_system", ASCENDING), ("external_reference", ASCENDING)],
                                           unique=True, sparse=True, name="submission_reference")
        await self.unmatched.create_index([("complaint_id", ASCENDING)], name="complaint_id")

    async def insert_complaint(self, document: dict[str, Any]) -> None:
        """Insert one complaint; raise AlreadyStored or TrackingNumberTaken on a collision."""
        try:
            await self.complaints.insert_one(document)
        except DuplicateKeyError:
            if await self._tracking_number_taken(document):
                raise TrackingNumberTaken() from None
            raise AlreadyStored() from None

    async def insert_complaints(self, documents: Sequence[dict[str, Any]]) -> BulkInsert:
        """Insert many in one round trip; those already stored are skipped."""
        ids = {d["_id"] for d in documents}
        if not documents:
            return BulkInsert(set(), set())
        try:
            await self.complaints.insert_many(list(documents), ordered=False)
            return BulkInsert(ids, set())
        except BulkWriteError as exc:
            errors = duplicates_only(exc)
        failed = {documents[e["index"]]["_id"] for e in errors}
        # A failed insert whose complaint now exists was a redelivery; the others lost a tracking-number draw.
        stored = {d["_id"] async for d in self.complaints.find({"_id": {"$in": list(failed)}}, {"_id": 1})}
        return BulkInsert(ids - failed, failed - stored)

    async def filing_by_idempotency_key(self, key: str) -> StoredFiling | None:
        doc = await self.complaints.find_one({"idempotency_key": key}, {"request_hash": 1, "complaint": 1})
        if doc is None:
            return None
        return StoredFiling(complaint_id=doc["_id"], request_hash=doc.get("request_hash"), received=doc["complaint"])

    async def customer_record(self, tracking_number: str) -> CustomerRecord | None:
        doc = await self.complaints.find_one({"tracking_number": tracking_number},
                                             {"tracking_number": 1, "access_code_hash": 1, ENTRIES: 1, VERSION: 1})
        if doc is None:
            return None
        return CustomerRecord(complaint_id=doc["_id"], tracking_number=doc["tracking_number"],
                              access_code_hash=doc.get("access_code_hash"),
                              entries=tuple(TimelineEntry.model_validate(e) for e in doc.get(ENTRIES, [])),
                              version=doc.get(VERSION, 0))

    async def record_entry(self, *, record: CustomerRecord, entry: TimelineEntry, update: dict[str, Any]) -> bool:
        """Add the entry if nobody changed the complaint since `record` was read; `update` may queue events."""
        merged = {op: dict(body) for op, body in update.items()}
        merged.setdefault("$push", {})[ENTRIES] = entry_document(entry)
        merged.setdefault("$inc", {})[VERSION] = 1
        result = await self.complaints.update_one({"_id": record.complaint_id, VERSION: record.version}, merged)
        return result.modified_count == 1

    async def append_entries(self, items: Sequence[tuple[str, TimelineEntry]]) -> list[tuple[str, TimelineEntry]]:
        """Add entries to their complaints in one bulk write (an entry already there is skipped); return the
        entries whose complaint is not stored."""
        ids = list({complaint_id for complaint_id, _ in items})
        known = {d["_id"] async for d in self.complaints.find({"_id": {"$in": ids}}, {"_id": 1})}
        ops = [UpdateOne({"_id": complaint_id, f"{ENTRIES}.event_key": {"$ne": entry.event_key}},
                         {"$push": {ENTRIES: entry_document(entry)}, "$inc": {VERSION: 1}})
               for complaint_id, entry in items if complaint_id in known]
        if ops:
            await self.complaints.bulk_write(ops, ordered=True)
        return [(complaint_id, entry) for complaint_id, entry in items if complaint_id not in known]

    async def park_unmatched(self, items: Sequence[tuple[str, TimelineEntry]], *, now: datetime) -> None:
        """Keep entries about unknown complaints (keyed by event, so a redelivery adds nothing)."""
        if items:
            await self.unmatched.bulk_write([
                UpdateOne({"_id": entry.event_key},
                          {"$setOnInsert": {"complaint_id": complaint_id, "entry": entry_document(entry),
                                            "parked_at": now}}, upsert=True)
                for complaint_id, entry in items], ordered=False)

    async def save_attachments(self, attachments: Sequence[Attachment]) -> None:
        """Store files under their ids; a file already stored under its id is kept as it is."""
        ids = [a.attachment_id for a in attachments]
        stored = {d["_id"] async for d in self._files_meta.find({"_id": {"$in": ids}}, {"_id": 1})} if ids else set()
        for attachment in attachments:
            if attachment.attachment_id not in stored:
                await self.files.upload_from_stream_with_id(
                    attachment.attachment_id, attachment.name, attachment.content,
                    metadata={"complaint_id": attachment.complaint_id, "media_type": attachment.media_type})

    async def attachment(self, attachment_id: str) -> bytes:
        """The stored content of one attachment."""
        stream = await self.files.open_download_stream(attachment_id)
        return await stream.read()

    async def delete_attachments(self, attachment_ids: Iterable[str]) -> None:
        for attachment_id in attachment_ids:
            await self.files.delete(attachment_id)

    async def _tracking_number_taken(self, document: dict[str, Any]) -> bool:
        other = await self.complaints.find_one(
            {"tracking_number": document["tracking_number"], "_id": {"$ne": document["_id"]}}, {"_id": 1})
        return other is not None
