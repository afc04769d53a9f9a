"""The `RecordStore` port in memory, over the complaints of a `FakeIntakeStore` and the erasure audit of a
`FakePrivacyStore`. Its outbox is published only when a test says so (`publish`), as the relay would."""

from collections.abc import Collection, Sequence
from datetime import datetime

from complaint_contracts import ComplaintRecordExpired
from intake.domain.privacy_ports import RecordStore
from intake.domain.retention import Closure, ExpiredRecord

from .fake_privacy import FakePrivacyStore
from .fakes import FakeIntakeStore


class FakeRecordStore:
    def __init__(self, complaints: FakeIntakeStore, privacy: FakePrivacyStore) -> None:
        self._complaints = complaints
        self._privacy = privacy
        self.marked: dict[str, datetime] = {}
        self.pending: set[str] = set()
        """Complaints whose outbox holds an announcement the relay has not published yet."""
        self.published: list[ComplaintRecordExpired] = []

    def publish(self) -> None:
        """The relay's round: every queued announcement goes out."""
        for complaint_id in sorted(self.pending):
            stored = self._complaints.complaints.get(complaint_id)
            self.published += [e for e in stored.outbox if isinstance(e, ComplaintRecordExpired)] if stored else []
        self.pending.clear()

    async def closed_records(self, cutoff: datetime, *, after: str | None, limit: int) -> list[Closure]:
        found = sorted(c for c, s in self._complaints.complaints.items()
                       if c not in self.marked and s.closed_at is not None and s.closed_at <= cutoff
                       and (after is None or c > after))
        return [Closure(c, s.complaint.subject.id, s.closed_at, s.reopened_at)
                for c in found[:limit] if (s := self._complaints.complaints[c])]

    async def mark_expired(self, events: Sequence[ComplaintRecordExpired]) -> int:
        fresh = [e for e in events if e.complaint_id not in self.marked]
        for event in fresh:
            self.marked[event.complaint_id] = event.expired_at
            self._complaints.complaints[event.complaint_id].outbox.append(event)
            self.pending.add(event.complaint_id)
        return len(fresh)

    async def expired_records(self, *, after: str | None, limit: int) -> list[ExpiredRecord]:
        found = sorted(c for c in self.marked if c in self._complaints.complaints and c not in self.pending
                       and (after is None or c > after))
        return [ExpiredRecord(c, s.complaint.subject.id, s.erased is not None)
                for c in found[:limit] if (s := self._complaints.complaints[c])]

    async def subjects_with_records(self, subjects: Collection[str], *, besides: Collection[str]) -> set[str]:
        return {s.complaint.subject.id for c, s in self._complaints.complaints.items()
                if s.complaint.subject.id in subjects and c not in besides}

    async def delete_records(self, complaint_ids: Collection[str]) -> int:
        store = self._complaints
        store.attachments = {k: a for k, a in store.attachments.items() if a.complaint_id not in complaint_ids}
        store.unmatched = {k: u for k, u in store.unmatched.items() if u[0] not in complaint_ids}
        store.downloads = [d for d in store.downloads if d.complaint_id not in complaint_ids]
        for erasure_id, record in self._privacy.erasures.items():
            kept = [c for c in record.complaint_ids if c not in complaint_ids]
            self._privacy.erasures[erasure_id] = record.model_copy(update={"complaint_ids": kept})
        gone = [c for c in complaint_ids if c in store.complaints and c in self.marked and c not in self.pending]
        for complaint_id in gone:
            del store.complaints[complaint_id]
        return len(gone)


_: type[RecordStore] = FakeRecordStore
