"""What erasure, access exports and retention need of storage (the complaints intake keeps, and the audit of
erasures); the MongoDB adapter and the unit tests' fake both implement it."""

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any, Protocol

from complaint_contracts import ComplaintRecordExpired, PersonalDataErased

from .complaint import SubjectComplaint
from .erasure import ErasureRecord
from .resealing import FiledInPlaintext, Resealing
from .retention import Closure, ExpiredRecord
from .subjects import IdentifiedComplaint


class PrivacyStore(Protocol):
    async def complaints_identified_by(self, refs: Collection[str]) -> list[IdentifiedComplaint]:
        """The complaints whose identifiers on file (e-mail address, phone number) include one of these blind
        indexes, each with all of its identifiers."""
        ...

    async def complaints_of_subjects(self, subjects: Collection[str]) -> list[SubjectComplaint]:
        """Every complaint of these data subjects, each marked whether its personal data is erased."""
        ...

    async def mark_erased(self, *, erasure: ErasureRecord, events: Sequence[PersonalDataErased]) -> None:
        """Mark each event's complaint as erased by `erasure` and queue the event, in one bulk write."""
        ...

    async def save_erasure(self, record: ErasureRecord) -> None:
        """Write the audit record of an erasure (its first state, then its completion)."""
        ...

    async def erasure(self, erasure_id: str) -> ErasureRecord | None: ...

    async def export_records(self, complaint_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Every record intake keeps about each complaint (as stored: personal values sealed, in `complaint`)."""
        ...

    async def closed_by(self, cutoff: datetime, *, after: str | None, limit: int) -> list[SubjectComplaint]:
        """Complaints still holding personal data whose latest closure is no later than `cutoff`, by id, from the
        first after `after` (a page of at most `limit`)."""
        ...

    async def closures_of(self, subjects: Collection[str]) -> list[Closure]:
        """The closures of every complaint of these subjects that still holds personal data."""
        ...


class RecordStore(Protocol):
    """What the end of a complaint record's retention needs: the closed complaints, the mark of those announced, and
    the deletion of everything intake keeps about them."""

    async def closed_records(self, cutoff: datetime, *, after: str | None, limit: int) -> list[Closure]:
        """Complaints not yet announced as expired whose latest closure is no later than `cutoff`, by id, from the
        first after `after` (a page of at most `limit`)."""
        ...

    async def mark_expired(self, events: Sequence[ComplaintRecordExpired]) -> int:
        """Mark each event's complaint as expired and queue the event in its outbox, in one bulk write (a complaint
        marked already is left as it is: its event is queued once); returns how many were marked."""
        ...

    async def expired_records(self, *, after: str | None, limit: int) -> list[ExpiredRecord]:
        """Complaints marked as expired whose outbox is published (their announcement is out), by id."""
        ...

    async def subjects_with_records(self, subjects: Collection[str], *, besides: Collection[str]) -> set[str]:
        """Those of `subjects` with a complaint other than the complaints `besides`."""
        ...

    async def delete_records(self, complaint_ids: Collection[str]) -> int:
        """Delete everything kept about these complaints, their own documents last (each one only while marked
        and with nothing left to publish), so a pass cut short finds them again; returns how many were deleted."""
        ...


class ExportSources(Protocol):
    """The other services, each asked for its records about the complaints."""

    names: Sequence[str]

    async def gather(self, complaint_ids: Sequence[str], *, authorization: str | None) -> dict[str, dict[str, Any]]:
        """Service → `{"complaints": {...}}`, or `{"error": "..."}` for one that could not answer."""
        ...

    async def close(self) -> None: ...


class ResealStore(Protocol):
    """What sealing again the fields newly marked personal needs (see resealing.py)."""

    async def filed_in_plaintext(self, *, after: str | None, limit: int) -> list[FiledInPlaintext]:
        """Complaints with a resealed field in plaintext (neither sealed nor in the erased form), by id, from the
        first after `after` (a page of at most `limit`)."""
        ...

    async def reseal(self, changes: Sequence[Resealing]) -> int:
        """Write each change where the complaint still holds what was read (erased ones only while marked erased,
        others only while not), the complaint's kept records of its receipt alike, and queue its announcement;
        one bulk write. Returns how many were written."""
        ...
