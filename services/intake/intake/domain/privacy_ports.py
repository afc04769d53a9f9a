"""What erasure, access exports and retention need of storage (the complaints intake keeps, and the audit of
erasures); the MongoDB adapter and the unit tests' fake both implement it."""

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any, Protocol

from complaint_contracts import PersonalDataErased

from .complaint import SubjectComplaint
from .erasure import ErasureRecord
from .retention import Closure


class PrivacyStore(Protocol):
    async def complaints_by_ref(self, ref: str) -> list[SubjectComplaint]:
        """The complaints whose contact routes on file include this blind index."""
        ...

    async def complaints_of_subjects(self, subjects: Collection[str]) -> list[SubjectComplaint]:
        """Every complaint of these data subjects."""
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


class ExportSources(Protocol):
    """The other services, each asked for its records about the complaints."""

    names: Sequence[str]

    async def gather(self, complaint_ids: Sequence[str], *, authorization: str | None) -> dict[str, dict[str, Any]]:
        """Service → `{"complaints": {...}}`, or `{"error": "..."}` for one that could not answer."""
        ...

    async def close(self) -> None: ...
