"""What the use cases need from the outside world: the case store, the complaints' records (details and what the
customer wrote), the corrective actions, the export audit, a working-time calendar and the cache of keys that open
personal data (and seal the texts written to the customer).

The Mongo stores (adapters/) and the chassis BusinessCalendar satisfy these; unit tests pass in-memory fakes.
"""

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import NamedTuple, Protocol

from complaint_contracts.types import Category
from complaints_chassis.personal_data import DataKey

from .access import VisibleScope
from .case import Case
from .changes import AlertMoment, CaseChange
from .complaint import ComplaintDetails, Erasure
from .contact import Acknowledgement
from .conversation import ConversationEntry
from .corrective import CapaStatus, CorrectiveAction
from .erasure import ErasedComplaint
from .export import ExportRecord
from .queue import CaseSummary, QueueFilter
from .search import CaseSearch, SearchKeys
from .workload import RecordedMoves, WorkloadKey


class BusinessCalendar(Protocol):
    """Working-time arithmetic of one jurisdiction (weekends, holidays, opening hours, time zone)."""

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Return the working time from start to end (zero when end is not later)."""
        ...

    def add_business_hours(self, start: datetime, duration: timedelta) -> datetime:
        """Return the instant when the given working time has passed since start."""
        ...

    def add_span(self, start: datetime, amount: float, unit: str) -> datetime:
        """Return when a deadline's span (its terms' amount and unit) counted from start ends."""
        ...


class CaseCalendars(Protocol):
    """The calendar each case's deadlines are counted in: the customer's, as routing chose it."""

    def for_case(self, case: Case) -> BusinessCalendar:
        """The calendar of the case's deadlines (the configured default for a case whose deadlines name none)."""
        ...


class CaseStore(Protocol):
    """Where cases live: each case with its events to publish, written only if unchanged since it was read."""

    async def get(self, complaint_id: str) -> Case | None:
        """The case of a complaint, if it was opened."""
        ...

    async def get_many(self, complaint_ids: Iterable[str]) -> dict[str, Case]:
        """The cases that exist among these complaints, by complaint id."""
        ...

    async def insert(self, changes: list[CaseChange]) -> set[str]:
        """Store new cases; return the ids that already had one (nothing written for those)."""
        ...

    async def record_acknowledgements(self, acknowledgements: list[Acknowledgement]) -> None:
        """Keep notification's word that these acknowledgements went out (the first per complaint stands), whether
        or not the case exists yet: every read of a case takes its acknowledgement in (contact.take_acknowledgement)."""
        ...

    async def save(self, changes: list[CaseChange]) -> set[str]:
        """Write changed cases; return the ids someone else changed first (nothing written for those)."""
        ...

    async def version_of(self, complaint_id: str) -> int | None:
        """The stored version of a case."""
        ...

    async def due_for_scan(self, *, now: datetime, limit: int) -> list[Case]:
        """Cases whose next warning or breach may be due by now, soonest first."""
        ...

    async def set_alert_moments(self, moments: list[AlertMoment]) -> None:
        """Move the scan's look-again moment of unchanged cases."""
        ...

    async def queue(self, *, queue_filter: QueueFilter, scope: VisibleScope) -> tuple[list[CaseSummary], int]:
        """One page of the work queue within the scope, nearest deadline first; and the total it selects."""
        ...

    async def search(self, *, search: CaseSearch, scope: VisibleScope,
                     candidates: set[str] | None) -> list[CaseSummary]:
        """One page of the cases among `candidates` (None: any) the filter selects within the scope, after the
        search's cursor, nearest deadline first."""
        ...

    async def count_opened(self, *, category: Category | None, since: datetime, until: datetime,
                           among: set[str] | None = None) -> int:
        """Cases opened in [since, until) of the category (any when None), among some complaints (any when None)."""
        ...

    async def open_counts(self) -> dict[tuple[str, str], int]:
        """Open cases per (state, priority)."""
        ...

    async def recorded_moves(self, complaint_ids: Iterable[str]) -> dict[str, RecordedMoves]:
        """The version of each of these cases that exists, and the workload moves its writes recorded."""
        ...

    async def open_by_owner(self) -> dict[WorkloadKey, int]:
        """Open cases per (team, person), counted by the store (a None person: nobody has the case yet)."""
        ...

    async def delete(self, complaint_ids: Iterable[str]) -> None:
        """Delete these cases and the events of them still kept for the consumer or the broker (record expired)."""
        ...


class FoundComplaints(NamedTuple):
    complaint_ids: set[str]
    truncated: bool
    """More complaints matched than one search considers: the caller should narrow it."""


class ComplaintRecords(Protocol):
    """What each complaint says (intake's receipt) and everything its customer wrote, found by key or word."""

    async def record_details(self, details: Sequence[ComplaintDetails]) -> None:
        """Keep the complaints' details and index them, in one write (a second receipt of the same complaint changes
        nothing)."""
        ...

    async def add_customer_entries(self, entries: list[ConversationEntry]) -> None:
        """Keep what the customer wrote (each entry once) and index its words."""
        ...

    async def details(self, complaint_id: str) -> ComplaintDetails | None:
        """The complaint's details, once intake's receipt arrived."""
        ...

    async def details_of(self, complaint_ids: Iterable[str]) -> dict[str, ComplaintDetails]:
        """The details known among these complaints."""
        ...

    async def customer_entries(self, complaint_ids: Iterable[str]) -> list[ConversationEntry]:
        """What the customer wrote on these complaints."""
        ...

    async def find(self, *, keys: SearchKeys, limit: int) -> FoundComplaints:
        """The complaints every given key and word matches (at most `limit`)."""
        ...

    async def same_customer(self, *, details: ComplaintDetails, limit: int) -> list[str]:
        """Other complaints of the customer (same e-mail, phone or customer reference), newest first."""
        ...

    async def received_ids(self, *, product: str, since: datetime, until: datetime) -> set[str]:
        """Complaints about the product received in [since, until)."""
        ...

    async def erasures(self, complaint_ids: Iterable[str]) -> dict[str, Erasure]:
        """The erasures of those of these complaints whose personal data was erased."""
        ...

    async def erase(self, erased: list[ErasedComplaint]) -> None:
        """Keep the complaints' details without personal data, drop the keys and words that named or quoted the
        customer, and blank everything the customer wrote (one write per collection; doing it again changes
        nothing)."""
        ...

    async def delete(self, complaint_ids: Iterable[str]) -> None:
        """Delete the complaints' details, search keys, words and conversation (their record expired)."""
        ...


class KeyCache(Protocol):
    """The keys this service keeps in memory to open personal data with, and to seal what it writes to the customer."""

    async def get_many(self, key_ids: Iterable[str]) -> dict[str, DataKey]:
        """The keys that still exist among these (a destroyed or unknown one is absent)."""
        ...

    def forget(self, key_ids: Iterable[str]) -> None:
        """Drop these keys at once (they were destroyed)."""
        ...


class NoKeysCached:
    """A service that opens nothing caches no keys (tests of use cases that have nothing to open)."""

    async def get_many(self, key_ids: Iterable[str]) -> dict[str, DataKey]:
        return {}

    def forget(self, key_ids: Iterable[str]) -> None:
        return None


class CorrectiveActions(Protocol):
    """Where corrective and preventive actions live, each written only if unchanged since it was read."""

    async def insert(self, action: CorrectiveAction) -> bool:
        """Store a new action; False when one with its id exists (nothing written)."""
        ...

    async def get(self, action_id: str) -> CorrectiveAction | None: ...

    async def save(self, action: CorrectiveAction, *, expected_version: int) -> bool:
        """Write the action if still at `expected_version`; False when someone changed it first."""
        ...

    async def list(self, *, status: CapaStatus | None, owner: str | None, complaint_id: str | None,
                   limit: int, after: str | None) -> list[CorrectiveAction]:
        """Actions by id order, after `after`, filtered."""
        ...

    async def unlink(self, complaint_ids: Iterable[str]) -> None:
        """Take these complaints off every action that lists them (their record expired; the action stays)."""
        ...


class ExportLog(Protocol):
    async def record(self, entry: ExportRecord) -> None:
        """Keep the audit record of an export."""
        ...
