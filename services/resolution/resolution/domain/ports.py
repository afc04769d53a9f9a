"""What the use cases need from the outside world: the case store and a working-time calendar.

The Mongo store (adapters/store.py) and the chassis BusinessCalendar satisfy these as they are; unit tests pass an
in-memory store and a round-the-clock calendar.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Protocol

from complaint_contracts.base import Event

from .access import VisibleScope
from .case import Case
from .changes import AlertMoment, CaseChange
from .queue import CaseSummary, QueueFilter
from .workload import PendingWorkloads, WorkloadKey


class BusinessCalendar(Protocol):
    """Working-time arithmetic of one jurisdiction (weekends, holidays, opening hours, time zone)."""

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Return the working time from start to end (zero when end is not later)."""
        ...

    def add_business_hours(self, start: datetime, duration: timedelta) -> datetime:
        """Return the instant when the given working time has passed since start."""
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

    async def open_counts(self) -> dict[tuple[str, str], int]:
        """Open cases per (state, priority)."""
        ...

    async def pending_workloads(self) -> PendingWorkloads:
        """Workloads that changes moved and nobody announced yet, per case."""
        ...

    async def count_open(self, key: WorkloadKey) -> int:
        """Open cases of a team, or of one person in it."""
        ...

    async def announce_workloads(self, counts: dict[WorkloadKey, tuple[int, Event]]) -> None:
        """Store each workload's count with the event that announces it."""
        ...

    async def settle_workloads(self, done: PendingWorkloads) -> None:
        """Forget announced workload marks (marks added meanwhile stay pending)."""
        ...
