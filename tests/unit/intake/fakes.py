"""In-memory stand-ins for intake's store, key store and clock, for unit tests of the use cases."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from complaint_contracts import AccessCodeIssued, ComplaintEvent, ComplaintReceived, Event
from complaints_chassis.personal_data import DataKey, KeyStore, new_data_key, seal_data
from intake.domain.attachments import Attachment
from intake.domain.complaint import (
    ContactOnFile,
    CustomerRecord,
    Download,
    ErasureMark,
    NewComplaint,
    StoredFile,
    StoredFiling,
)
from intake.domain.followed import Followed, timeline_of
from intake.domain.ownership import latest_owner
from intake.domain.ports import BulkInsert, FiledInsert, IntakeStore
from intake.domain.timeline import Milestone, TimelineEntry

PEPPER = b"unit-tests-subject-pepper-of-32-bytes+"


class FakeKeyStore:
    """The `KeyStore` port in memory; counts look-ups (`get_many` calls) so tests can hold a request to one."""

    def __init__(self) -> None:
        self.subjects: dict[str, list[DataKey]] = {}
        self.lookups = 0
        self.batches: list[int] = []
        """The number of subjects of each `keys_for` call."""

    async def key_for(self, subject: str) -> DataKey:
        keys = self.subjects.setdefault(subject, [])
        if not keys:
            keys.append(new_data_key())
        return keys[-1]

    async def keys_for(self, subjects: Iterable[str]) -> dict[str, DataKey]:
        subjects = list(subjects)
        self.batches.append(len(subjects))
        return {subject: await self.key_for(subject) for subject in set(subjects)}

    async def rotate(self, subject: str) -> DataKey:
        key = new_data_key()
        self.subjects.setdefault(subject, []).append(key)
        return key

    async def destroy(self, subject: str) -> list[str]:
        return [key.id for key in self.subjects.pop(subject, [])]

    async def get_many(self, key_ids: Iterable[str]) -> dict[str, DataKey]:
        self.lookups += 1
        wanted = set(key_ids)
        return {key.id: key for keys in self.subjects.values() for key in keys if key.id in wanted}


@dataclass
class StoredComplaint:
    complaint: NewComplaint
    entries: tuple[TimelineEntry, ...]
    filed: dict[str, Any]
    """Title and description as the real store keeps them: sealed with the subject's key."""
    version: int = 0
    """Moves on with each customer action (not with followed events, which are kept beside the complaint)."""
    outbox: list[Event] = field(default_factory=list)
    access_code_hash: str | None = None
    followed: dict[str, Followed] = field(default_factory=dict)
    """What is kept of other services' events, by event key."""
    sealed_with: list[str] = field(default_factory=list)
    """Ids of the keys each write sealed personal data with, in order."""
    erased: dict[str, Any] | None = None
    """The erasure mark (which erasure, why, when): set by an erasure; nothing is sealed for the complaint after it."""
    closed_at: datetime | None = None
    reopened_at: datetime | None = None

    @property
    def timeline(self) -> tuple[TimelineEntry, ...]:
        return timeline_of(self.entries, self.followed.values())


class FakeIntakeStore:
    """The `IntakeStore` port in memory, with MongoDB's unique keys: id, tracking number, idempotency key and
    the submitting system's reference."""

    def __init__(self) -> None:
        self.complaints: dict[str, StoredComplaint] = {}
        self.attachments: dict[str, Attachment] = {}
        self.unmatched: dict[str, tuple[str, TimelineEntry, datetime]] = {}
        self.downloads: list[Download] = []
        self.filed_batches: list[int] = []
        """The size of each `insert_filed` call."""
        self.idempotency_batches: list[int] = []
        """The number of keys each `filings_by_idempotency_keys` call asked for."""

    def queued(self) -> list[Event]:
        """Every event queued in the complaints' outboxes, in the order written per complaint."""
        return [event for stored in self.complaints.values() for event in stored.outbox]

    async def insert_filed(self, filings: Sequence[tuple[NewComplaint, DataKey]]) -> list[FiledInsert]:
        self.filed_batches.append(len(filings))
        return [self._insert(complaint, key) for complaint, key in filings]

    async def insert_complaints(self, complaints: Sequence[NewComplaint], *,
                                keys: Mapping[str, DataKey]) -> BulkInsert:
        inserted, collided = set(), set()
        for complaint in complaints:
            match self._insert(complaint, keys[complaint.subject.id]):
                case FiledInsert.TRACKING_NUMBER_TAKEN:
                    collided.add(complaint.complaint_id)
                case FiledInsert.STORED:
                    inserted.add(complaint.complaint_id)
        return BulkInsert(inserted, collided)

    def _insert(self, complaint: NewComplaint, key: DataKey) -> FiledInsert:
        if self._tracking_number_taken(complaint):
            return FiledInsert.TRACKING_NUMBER_TAKEN
        if self._already_stored(complaint):
            return FiledInsert.ALREADY_STORED
        filed = {"title": complaint.received.title, "description": complaint.received.description}
        self.complaints[complaint.complaint_id] = StoredComplaint(
            complaint, complaint.entries(), filed=seal_data(ComplaintReceived, filed, key),
            outbox=[complaint.received, *complaint.announcements], access_code_hash=complaint.access_code_hash,
            sealed_with=[key.id])
        return FiledInsert.STORED

    async def filings_by_idempotency_keys(self, keys: Sequence[str]) -> list[StoredFiling | None]:
        self.idempotency_batches.append(len(keys))
        return [self._filing_by_idempotency_key(key) for key in keys]

    def _filing_by_idempotency_key(self, key: str) -> StoredFiling | None:
        for stored in self.complaints.values():
            if stored.complaint.idempotency_key == key:
                return StoredFiling(stored.complaint.complaint_id, stored.complaint.request_hash,
                                    stored.complaint.received)
        return None

    async def customer_record(self, tracking_number: str) -> CustomerRecord | None:
        stored = next((s for s in self.complaints.values() if s.complaint.tracking_number == tracking_number), None)
        if stored is None:
            return None
        mark = stored.erased
        return CustomerRecord(stored.complaint.complaint_id, tracking_number, stored.access_code_hash,
                              stored.timeline, stored.version, stored.complaint.subject.id, dict(stored.filed),
                              key_id=stored.sealed_with[0],
                              erased=None if mark is None else ErasureMark(at=mark["at"], reason=mark["reason"]))

    async def record_action(self, *, record: CustomerRecord, entry: TimelineEntry, event: ComplaintEvent,
                            key: DataKey) -> bool:
        stored = self.complaints.get(record.complaint_id)
        if stored is None or stored.version != record.version or stored.erased is not None:
            return False
        stored.entries, stored.version = (*stored.entries, entry), stored.version + 1
        stored.outbox.append(event)
        stored.sealed_with.append(key.id)
        return True

    async def record_followed(self, followed: Sequence[Followed]) -> list[Followed]:
        unmatched = []
        for kept in followed:
            stored = self.complaints.get(kept.complaint_id)
            if stored is None:
                unmatched.append(kept)
                continue
            stored.followed.setdefault(kept.event_key, kept)
            if kept.entry is not None and kept.entry.milestone == Milestone.CLOSED:
                stored.closed_at = max(filter(None, (stored.closed_at, kept.entry.at)))
            if kept.entry is not None and kept.entry.milestone == Milestone.REOPENED:
                stored.reopened_at = max(filter(None, (stored.reopened_at, kept.entry.at)))
        return unmatched

    async def park_unmatched(self, items: Sequence[tuple[str, TimelineEntry]], *, now: datetime) -> None:
        for complaint_id, entry in items:
            self.unmatched.setdefault(entry.event_key, (complaint_id, entry, now))

    async def save_attachments(self, attachments: Sequence[Attachment]) -> None:
        for attachment in attachments:
            self.attachments.setdefault(attachment.attachment_id, attachment)

    async def delete_attachments(self, attachment_ids: Iterable[str]) -> None:
        for attachment_id in attachment_ids:
            self.attachments.pop(attachment_id, None)

    async def contact_on_file(self, tracking_number: str) -> ContactOnFile | None:
        stored = next((s for s in self.complaints.values() if s.complaint.tracking_number == tracking_number), None)
        if stored is None:
            return None
        subject = stored.complaint.subject
        return ContactOnFile(stored.complaint.complaint_id, tracking_number, subject.id, subject.refs,
                             key_id=stored.sealed_with[0], erased=stored.erased is not None)

    async def replace_access_code(self, *, complaint_id: str, access_code_hash: str, event: AccessCodeIssued,
                                  key: DataKey) -> bool:
        stored = self.complaints[complaint_id]
        if stored.erased is not None:
            return False
        stored.access_code_hash = access_code_hash
        stored.outbox.append(event)
        stored.sealed_with.append(key.id)
        return True

    async def owning_team(self, complaint_id: str) -> tuple[bool, str | None]:
        stored = self.complaints.get(complaint_id)
        if stored is None:
            return False, None
        latest = latest_owner((f.team, f.at) for f in sorted(stored.followed.values(), key=lambda f: f.at) if f.team)
        return True, latest[0] if latest else None

    async def stored_file(self, attachment_id: str) -> StoredFile | None:
        a = self.attachments.get(attachment_id)
        return None if a is None else StoredFile(a.attachment_id, a.complaint_id, a.name, a.media_type, a.content)

    async def audit_download(self, download: Download) -> None:
        self.downloads.append(download)

    def _tracking_number_taken(self, complaint: NewComplaint) -> bool:
        return any(s.complaint.tracking_number == complaint.tracking_number
                   and s.complaint.complaint_id != complaint.complaint_id for s in self.complaints.values())

    def _already_stored(self, complaint: NewComplaint) -> bool:
        def keys(c: NewComplaint) -> set[tuple[str, object]]:
            found: set[tuple[str, object]] = {("id", c.complaint_id)}
            if c.idempotency_key is not None:
                found.add(("idempotency_key", c.idempotency_key))
            if c.received.source_system is not None:
                found.add(("reference", (c.received.source_system, c.received.external_reference)))
            return found
        mine = keys(complaint)
        return any(mine & keys(s.complaint) for s in self.complaints.values())


@dataclass
class FixedClock:
    """A clock standing still until a test moves it."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now


_: type[IntakeStore] = FakeIntakeStore  # the fakes keep to their ports
__: type[KeyStore] = FakeKeyStore
