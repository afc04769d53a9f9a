"""The `PrivacyStore` port in memory, over the complaints of a `FakeIntakeStore`."""

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from complaint_contracts import PersonalDataErased
from intake.domain.complaint import SubjectComplaint
from intake.domain.erasure import ErasureRecord
from intake.domain.privacy_ports import PrivacyStore
from intake.domain.retention import Closure
from intake.domain.subjects import IdentifiedComplaint, identifiers_on_file

from .fakes import FakeIntakeStore, StoredComplaint


class FakePrivacyStore:
    def __init__(self, complaints: FakeIntakeStore) -> None:
        self._complaints = complaints
        self.erasures: dict[str, ErasureRecord] = {}
        self.saved: list[ErasureRecord] = []
        """Every state of every audit record, in the order written."""
        self.pages = 0
        """Pages of the retention scan read."""
        self.identifier_lookups = 0
        """Rounds of the search for a data subject's linked complaints."""

    async def complaints_identified_by(self, refs: Collection[str]) -> list[IdentifiedComplaint]:
        self.identifier_lookups += 1
        return [IdentifiedComplaint(s.complaint.complaint_id, s.complaint.subject.id, identifiers_on_file(
                    s.complaint.subject.refs, email_on_file=bool(s.complaint.received.customer.email)))
                for s in self._complaints.complaints.values() if set(refs) & set(s.complaint.subject.refs)]

    async def complaints_of_subjects(self, subjects: Collection[str]) -> list[SubjectComplaint]:
        return [SubjectComplaint(s.complaint.complaint_id, s.complaint.subject.id, erased=s.erased is not None)
                for s in self._complaints.complaints.values() if s.complaint.subject.id in subjects]

    async def mark_erased(self, *, erasure: ErasureRecord, events: Sequence[PersonalDataErased]) -> None:
        erased = {event.complaint_id for event in events}
        await self._complaints.delete_attachments([a.attachment_id for a in self._complaints.attachments.values()
                                                   if a.complaint_id in erased])  # the evidence goes with the keys
        for event in events:
            stored = self._complaints.complaints[event.complaint_id]
            stored.erased = {"erasure_id": erasure.erasure_id, "reason": erasure.reason, "at": event.erased_at}
            stored.outbox.append(event)

    async def save_erasure(self, record: ErasureRecord) -> None:
        self.erasures[record.erasure_id] = record
        self.saved.append(record)

    async def erasure(self, erasure_id: str) -> ErasureRecord | None:
        return self.erasures.get(erasure_id)

    async def export_records(self, complaint_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        found = [self._complaints.complaints[c] for c in complaint_ids if c in self._complaints.complaints]
        return {s.complaint.complaint_id: {
            "tracking_number": s.complaint.tracking_number, "complaint": dict(s.filed), "erased": s.erased,
            "entries": [e.model_dump(mode="json") for e in s.timeline],
            "erasures": [r.erasure_id for r in self.erasures.values() if s.complaint.complaint_id in r.complaint_ids]}
            for s in found}

    async def closed_by(self, cutoff: datetime, *, after: str | None, limit: int) -> list[SubjectComplaint]:
        self.pages += 1
        found = sorted(c for c, s in self._complaints.complaints.items()
                       if s.erased is None and s.closed_at is not None and s.closed_at <= cutoff
                       and (after is None or c > after))
        return [_found(self._complaints.complaints[c]) for c in found[:limit]]

    async def closures_of(self, subjects: Collection[str]) -> list[Closure]:
        return [Closure(s.complaint.complaint_id, s.complaint.subject.id, s.closed_at, s.reopened_at)
                for s in self._complaints.complaints.values() if s.complaint.subject.id in subjects and not s.erased]


class FakeExportSources:
    """Other services answering for their parts as told; remembers what it was asked."""

    def __init__(self, parts: dict[str, dict[str, Any]]) -> None:
        self.parts = parts
        self.names = sorted(parts)
        self.asked: list[tuple[list[str], str | None]] = []

    async def gather(self, complaint_ids: Sequence[str], *, authorization: str | None) -> dict[str, dict[str, Any]]:
        self.asked.append((list(complaint_ids), authorization))
        return self.parts

    async def close(self) -> None:
        """Nothing to close."""


def _found(stored: StoredComplaint) -> SubjectComplaint:
    return SubjectComplaint(stored.complaint.complaint_id, stored.complaint.subject.id)


_: type[PrivacyStore] = FakePrivacyStore
