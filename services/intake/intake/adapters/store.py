"""Intake's MongoDB: the complaints (as filed, the customer's timeline, the access-code hash and the outbox in
one document each), attachments in GridFS, and progress events about complaints intake does not hold.
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from complaint_contracts import AccessCodeIssued, ComplaintEvent
from complaints_chassis.bulk import duplicates_only
from complaints_chassis.outbox import with_events
from complaints_chassis.personal_data import DataKey, sealing
from gridfs import AsyncGridFSBucket
from pymongo import ASCENDING, UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError, DuplicateKeyError

from ..domain.attachments import Attachment
from ..domain.complaint import ContactOnFile, CustomerRecord, Download, NewComplaint, StoredFile, StoredFiling
from ..domain.ports import AlreadyStored, BulkInsert, TrackingNumberTaken
from ..domain.timeline import TimelineEntry
from .documents import (
    ENTRIES,
    ERASED,
    FILED,
    SUBJECT,
    SUBJECT_REFS,
    VERSION,
    complaint_document,
    contact_on_file,
    customer_record,
    download_document,
    entry_document,
    entry_update,
    stored_filing,
)

OWNER_TEAM = "owner_team"
OWNER_AS_OF = "owner_as_of"


class MongoIntakeStore:
    """The `IntakeStore` port over MongoDB."""

    def __init__(self, db: AsyncDatabase) -> None:
        self.complaints: AsyncCollection = db["complaints"]
        self.unmatched: AsyncCollection = db["unmatched_events"]
        self.files = AsyncGridFSBucket(db, bucket_name="attachments")
        self._files_meta: AsyncCollection = db["attachments.files"]
        self.downloads: AsyncCollection = db["attachment_downloads"]
        """Insert-only audit trail of attachment downloads."""

    async def ensure_indexes(self) -> None:
        """Create the indexes every lookup and every uniqueness rule relies on (idempotent)."""
        await self.complaints.create_index([("tracking_number", ASCENDING)], unique=True, name="tracking_number")
        await self.complaints.create_index([("idempotency_key", ASCENDING)], unique=True, sparse=True,
                                           name="idempotency_key")
        await self.complaints.create_index([("source_system", ASCENDING), ("external_reference", ASCENDING)],
                                           unique=True, sparse=True, name="submission_reference")
        await self.complaints.create_index([(SUBJECT, ASCENDING)], name="subject")
        await self.complaints.create_index([(SUBJECT_REFS, ASCENDING)], name="subject_refs")
        await self.unmatched.create_index([("complaint_id", ASCENDING)], name="complaint_id")
        await self.downloads.create_index([("complaint_id", ASCENDING), ("at", ASCENDING)], name="complaint_time")

    async def insert_complaint(self, complaint: NewComplaint, *, key: DataKey) -> None:
        """Insert one complaint; raise AlreadyStored or TrackingNumberTaken on a collision."""
        try:
            await self.complaints.insert_one(complaint_document(complaint, key))
        except DuplicateKeyError:
            if await self._tracking_number_taken(complaint):
                raise TrackingNumberTaken() from None
            raise AlreadyStored() from None

    async def insert_complaints(self, complaints: Sequence[NewComplaint], *,
                                keys: Mapping[str, DataKey]) -> BulkInsert:
        """Insert many in one round trip (`keys` by subject id); those already stored are skipped."""
        documents = [complaint_document(c, keys[c.subject.id]) for c in complaints]
        ids = {d["_id"] for d in documents}
        if not documents:
            return BulkInsert(set(), set())
        try:
            await self.complaints.insert_many(documents, ordered=False)
            return BulkInsert(ids, set())
        except BulkWriteError as exc:
            errors = duplicates_only(exc)
        failed = {documents[e["index"]]["_id"] for e in errors}
        # A failed insert whose complaint now exists was a redelivery; the others lost a tracking-number draw.
        stored = {d["_id"] async for d in self.complaints.find({"_id": {"$in": list(failed)}}, {"_id": 1})}
        return BulkInsert(ids - failed, failed - stored)

    async def filing_by_idempotency_key(self, key: str) -> StoredFiling | None:
        """The complaint an earlier HTTP filing with this Idempotency-Key recorded."""
        doc = await self.complaints.find_one({"idempotency_key": key}, {"request_hash": 1, "complaint": 1})
        return None if doc is None else stored_filing(doc)

    async def customer_record(self, tracking_number: str) -> CustomerRecord | None:
        """The complaint behind a (canonical) tracking number."""
        doc = await self.complaints.find_one(
            {"tracking_number": tracking_number},
            {"tracking_number": 1, "access_code_hash": 1, ENTRIES: 1, VERSION: 1, SUBJECT: 1,
             **{f"complaint.{name}": 1 for name in FILED}})
        return None if doc is None else customer_record(doc)

    async def record_action(self, *, record: CustomerRecord, entry: TimelineEntry, event: ComplaintEvent,
                            key: DataKey) -> bool:
        """Add the entry and queue the event (sealed with `key`) in one write, if nobody changed the complaint since
        `record` was read."""
        # New personal data sealed with a live key: the complaint is no longer (all) erased.
        update = with_events({**entry_update(entry), "$unset": {ERASED: ""}}, [event], personal=sealing(key))
        result = await self.complaints.update_one({"_id": record.complaint_id, VERSION: record.version}, update)
        return result.modified_count == 1

    async def append_entries(self, items: Sequence[tuple[str, TimelineEntry]]) -> list[tuple[str, TimelineEntry]]:
        """Add entries to their complaints in one bulk write (an entry already there is skipped); return the
        entries whose complaint is not stored."""
        ids = list({complaint_id for complaint_id, _ in items})
        known = {d["_id"] async for d in self.complaints.find({"_id": {"$in": ids}}, {"_id": 1})}
        ops = [UpdateOne({"_id": complaint_id, f"{ENTRIES}.event_key": {"$ne": entry.event_key}}, entry_update(entry))
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
        """Remove stored files (those of a filing that lost a race to an identical retry)."""
        for attachment_id in attachment_ids:
            await self.files.delete(attachment_id)

    async def contact_on_file(self, tracking_number: str) -> ContactOnFile | None:
        """The contact routes of the complaint behind a (canonical) tracking number."""
        doc = await self.complaints.find_one({"tracking_number": tracking_number},
                                             {"tracking_number": 1, SUBJECT: 1, SUBJECT_REFS: 1})
        return None if doc is None else contact_on_file(doc)

    async def replace_access_code(self, *, complaint_id: str, access_code_hash: str, event: AccessCodeIssued,
                                  key: DataKey) -> None:
        """Keep only the new code's hash and queue its event (the code sealed with `key`) in one write."""
        update = {"$set": {"access_code_hash": access_code_hash}, "$unset": {ERASED: ""}}
        await self.complaints.update_one({"_id": complaint_id}, with_events(update, [event], personal=sealing(key)))

    async def record_owners(self, owners: Sequence[tuple[str, str, datetime]]) -> None:
        """Remember each complaint's owning team; an older decision arriving late does not overwrite a newer one."""
        ops = [UpdateOne({"_id": complaint_id, "$or": [{OWNER_AS_OF: None}, {OWNER_AS_OF: {"$lte": as_of}}]},
                         {"$set": {OWNER_TEAM: team, OWNER_AS_OF: as_of}})
               for complaint_id, team, as_of in owners]
        if ops:
            await self.complaints.bulk_write(ops, ordered=True)

    async def owning_team(self, complaint_id: str) -> tuple[bool, str | None]:
        """Whether the complaint is stored, and the team that owns it."""
        doc = await self.complaints.find_one({"_id": complaint_id}, {OWNER_TEAM: 1})
        return (False, None) if doc is None else (True, doc.get(OWNER_TEAM))

    async def stored_file(self, attachment_id: str) -> StoredFile | None:
        """An attachment stored in GridFS, with its complaint and media type."""
        meta = await self._files_meta.find_one({"_id": attachment_id})
        if meta is None:
            return None
        stream = await self.files.open_download_stream(attachment_id)
        metadata = meta.get("metadata") or {}
        return StoredFile(attachment_id=attachment_id, complaint_id=metadata["complaint_id"],
                          name=meta["filename"], media_type=metadata["media_type"], content=await stream.read())

    async def audit_download(self, download: Download) -> None:
        """Insert one audit record (never updated nor removed by intake)."""
        await self.downloads.insert_one(download_document(download))

    async def _tracking_number_taken(self, complaint: NewComplaint) -> bool:
        other = await self.complaints.find_one(
            {"tracking_number": complaint.tracking_number, "_id": {"$ne": complaint.complaint_id}}, {"_id": 1})
        return other is not None
