"""Intake's MongoDB: the complaints (as filed, the entries of intake's own events, the access-code hash and the
outbox in one document each), what intake keeps of other services' events about them (`followed_events`),
attachments in GridFS, and progress events about complaints intake does not hold.
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from complaint_contracts import AccessCodeIssued, ComplaintEvent
from complaints_chassis.among import find_among
from complaints_chassis.bulk import duplicates_only, insert_new
from complaints_chassis.outbox import with_events
from complaints_chassis.personal_data import DataKey, sealing
from gridfs import AsyncGridFSBucket
from pymongo import ASCENDING, UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError

from ..domain.attachments import Attachment
from ..domain.complaint import ContactOnFile, CustomerRecord, Download, NewComplaint, StoredFile, StoredFiling
from ..domain.followed import Followed
from ..domain.ports import BulkInsert, FiledInsert
from ..domain.timeline import TimelineEntry
from .documents import (
    ENTRIES,
    ERASED,
    FILED,
    KEY_ID,
    OWNER_AS_OF,
    OWNER_TEAM,
    SUBJECT,
    SUBJECT_REFS,
    VERSION,
    closure_update,
    complaint_document,
    contact_on_file,
    customer_record,
    download_document,
    entry_document,
    entry_update,
    owner,
    stored_filing,
)
from .followed import FollowedEvents


class MongoIntakeStore:
    """The `IntakeStore` port over MongoDB."""

    def __init__(self, db: AsyncDatabase) -> None:
        self.complaints: AsyncCollection = db["complaints"]
        self.followed = FollowedEvents(db)
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
        await self.followed.ensure_indexes()
        await self.unmatched.create_index([("complaint_id", ASCENDING)], name="complaint_id")
        await self.downloads.create_index([("complaint_id", ASCENDING), ("at", ASCENDING)], name="complaint_time")

    async def insert_filed(self, filings: Sequence[tuple[NewComplaint, DataKey]]) -> list[FiledInsert]:
        """Insert HTTP filings in one round trip, each with its received event queued in its outbox; a filing that
        met a stored document lost its tracking-number draw, or was stored already (its Idempotency-Key)."""
        if not filings:
            return []
        documents = [complaint_document(complaint, key) for complaint, key in filings]
        try:
            await self.complaints.insert_many(documents, ordered=False)
            return [FiledInsert.STORED] * len(documents)
        except BulkWriteError as exc:
            failed = {error["index"] for error in duplicates_only(exc)}
        return [FiledInsert.STORED if index not in failed
                else FiledInsert.TRACKING_NUMBER_TAKEN if await self._tracking_number_taken(complaint)
                else FiledInsert.ALREADY_STORED
                for index, (complaint, _) in enumerate(filings)]

    async def insert_complaints(self, complaints: Sequence[NewComplaint], *,
                                keys: Mapping[str, DataKey]) -> BulkInsert:
        """Insert many in one round trip (`keys` by subject id); those already stored are skipped. These are partners'
        submissions: what each causes is kept with it for the handler to publish."""
        documents = [complaint_document(c, keys[c.subject.id], consumed=True) for c in complaints]
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
        stored = {d["_id"] for d in await find_among(self.complaints, "_id", failed, projection={"_id": 1})}
        return BulkInsert(ids - failed, failed - stored)

    async def filings_by_idempotency_keys(self, keys: Sequence[str]) -> list[StoredFiling | None]:
        """For each Idempotency-Key, the complaint an earlier HTTP filing with it recorded (one look-up for all, in
        parts)."""
        wanted = {"idempotency_key": 1, "request_hash": 1, "complaint": 1}
        found = {doc["idempotency_key"]: stored_filing(doc)
                 for doc in await find_among(self.complaints, "idempotency_key", keys, projection=wanted)}
        return [found.get(key) for key in keys]

    async def customer_record(self, tracking_number: str) -> CustomerRecord | None:
        """The complaint behind a (canonical) tracking number, with the entries of the events followed about it."""
        doc = await self.complaints.find_one(
            {"tracking_number": tracking_number},
            {"tracking_number": 1, "access_code_hash": 1, ENTRIES: 1, VERSION: 1, SUBJECT: 1, ERASED: 1,
             f"complaint.{KEY_ID}": 1, **{f"complaint.{name}": 1 for name in FILED}})
        if doc is None:
            return None
        followed = await self.followed.of_complaints([doc["_id"]])
        return customer_record(doc, followed.get(doc["_id"], []))

    async def record_action(self, *, record: CustomerRecord, entry: TimelineEntry, event: ComplaintEvent,
                            key: DataKey) -> bool:
        """Add the entry and queue the event (sealed with `key`) in one write, unless another action was recorded since
        `record` was read or the complaint was erased meanwhile."""
        update = with_events(entry_update(entry), [event], personal=sealing(key))
        result = await self.complaints.update_one(
            {"_id": record.complaint_id, VERSION: record.version, ERASED: {"$exists": False}}, update)
        return result.modified_count == 1

    async def record_followed(self, followed: Sequence[Followed]) -> list[Followed]:
        """Insert the records of stored complaints in one round trip (a redelivered one is left as it is), then
        remember their closures and reopenings; return the records whose complaint is not stored."""
        ids = sorted({f.complaint_id for f in followed})
        known = {d["_id"] for d in await find_among(self.complaints, "_id", ids, projection={"_id": 1})}
        await self.followed.insert([f for f in followed if f.complaint_id in known])
        # Rarely more than one a complaint's life, and `$max` may be written again on a redelivery.
        closures = [UpdateOne({"_id": f.complaint_id}, update) for f in followed
                    if f.complaint_id in known and f.entry is not None and (update := closure_update(f.entry))]
        if closures:
            await self.complaints.bulk_write(closures, ordered=False)
        return [f for f in followed if f.complaint_id not in known]

    async def park_unmatched(self, items: Sequence[tuple[str, TimelineEntry]], *, now: datetime) -> None:
        """Keep entries about unknown complaints (keyed by event, so a redelivery adds nothing)."""
        await insert_new(self.unmatched, [{"_id": entry.event_key, "complaint_id": complaint_id,
                                           "entry": entry_document(entry), "parked_at": now}
                                          for complaint_id, entry in items])

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
                                             {"tracking_number": 1, SUBJECT: 1, SUBJECT_REFS: 1, ERASED: 1,
                                              f"complaint.{KEY_ID}": 1})
        return None if doc is None else contact_on_file(doc)

    async def replace_access_code(self, *, complaint_id: str, access_code_hash: str, event: AccessCodeIssued,
                                  key: DataKey) -> bool:
        """Keep only the new code's hash and queue its event (the code sealed with `key`) in one write, unless the
        complaint was erased meanwhile."""
        update = with_events({"$set": {"access_code_hash": access_code_hash}}, [event], personal=sealing(key))
        result = await self.complaints.update_one({"_id": complaint_id, ERASED: {"$exists": False}}, update)
        return result.modified_count == 1

    async def owning_team(self, complaint_id: str) -> tuple[bool, str | None]:
        """Whether the complaint is stored, and the team its latest decision names."""
        doc = await self.complaints.find_one({"_id": complaint_id}, {OWNER_TEAM: 1, OWNER_AS_OF: 1})
        if doc is None:
            return False, None
        latest = owner(doc, (await self.followed.of_complaints([complaint_id])).get(complaint_id, []))
        return True, None if latest is None else latest[0]

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
