"""In-memory stores with the Mongo stores' contracts (domain.ports), for the service's tests."""

import itertools
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from complaint_contracts.base import Event
from complaint_contracts.types import Category
from resolution.domain.access import CaseScope, VisibleScope
from resolution.domain.case import Case
from resolution.domain.changes import AlertMoment, CaseChange
from resolution.domain.ports import CaseStore
from resolution.domain.queue import CaseSummary, QueueFilter, work_queue
from resolution.domain.search import CaseSearch, search_page
from resolution.domain.workload import PendingWorkloads, WorkloadKey, WorkloadMark


class FakeCaseStore:
    """Cases kept as copies (a command on a read case changes nothing until it is saved), with what was published."""

    def __init__(self) -> None:
        self.cases: dict[str, Case] = {}
        self.next_alert_at: dict[str, datetime | None] = {}
        self.published: list[Event] = []
        """Every event the stored changes carried, in write order (what the outbox relay would publish)."""
        self.marks: dict[str, list[WorkloadMark]] = {}
        self.workloads: dict[WorkloadKey, int] = {}
        self._mark_ids = itertools.count(1)
        self._races: dict[str, int] = {}

    def put(self, case: Case, *, next_alert_at: datetime | None = None) -> None:
        """Store a case as if opened earlier (no events, no workload marks)."""
        self.cases[case.complaint_id] = case.model_copy(deep=True)
        self.next_alert_at[case.complaint_id] = next_alert_at

    def lose_next_save(self, complaint_id: str, *, to_version: int) -> None:
        """Let someone else write the case first: the next save finds it at `to_version`."""
        self._races[complaint_id] = to_version

    async def get(self, complaint_id: str) -> Case | None:
        case = self.cases.get(complaint_id)
        return case.model_copy(deep=True) if case else None

    async def get_many(self, complaint_ids: Iterable[str]) -> dict[str, Case]:
        return {cid: self.cases[cid].model_copy(deep=True) for cid in complaint_ids if cid in self.cases}

    async def insert(self, changes: list[CaseChange]) -> set[str]:
        existing = {c.complaint_id for c in changes if c.complaint_id in self.cases}
        self._write([c for c in changes if c.complaint_id not in existing])
        return existing

    async def save(self, changes: list[CaseChange]) -> set[str]:
        for cid, version in self._races.items():
            self.cases[cid] = self.cases[cid].model_copy(update={"version": version})
        self._races.clear()
        conflicts = {c.complaint_id for c in changes
                     if c.complaint_id not in self.cases or self.cases[c.complaint_id].version != c.expected_version}
        self._write([c for c in changes if c.complaint_id not in conflicts])
        return conflicts

    async def version_of(self, complaint_id: str) -> int | None:
        case = self.cases.get(complaint_id)
        return case.version if case else None

    async def due_for_scan(self, *, now: datetime, limit: int) -> list[Case]:
        due = sorted((at, cid) for cid, at in self.next_alert_at.items() if at is not None and at <= now)
        return [self.cases[cid].model_copy(deep=True) for _, cid in due[:limit]]

    async def set_alert_moments(self, moments: list[AlertMoment]) -> None:
        for moment in moments:
            if self.cases[moment.complaint_id].version == moment.version:
                self.next_alert_at[moment.complaint_id] = moment.at

    async def queue(self, *, queue_filter: QueueFilter, scope: VisibleScope) -> tuple[list[CaseSummary], int]:
        page = work_queue(cases=self.cases.values(), queue_filter=queue_filter, scope=scope)
        total = sum(1 for case in self.cases.values() if queue_filter.matches(case)
                    and scope.covers(CaseScope(team=case.team, department=case.department)))
        return [CaseSummary.of(case) for case in page], total

    async def search(self, *, search: CaseSearch, scope: VisibleScope,
                     candidates: set[str] | None) -> list[CaseSummary]:
        page = search_page(cases=self.cases.values(), search=search, scope=scope, candidates=candidates)
        return [CaseSummary.of(case) for case in page]

    async def count_opened(self, *, category: Category | None, since: datetime, until: datetime,
                           among: set[str] | None = None) -> int:
        return sum(1 for c in self.cases.values() if since <= c.opened_at < until
                   and category in (None, c.category) and (among is None or c.complaint_id in among))

    async def open_counts(self) -> dict[tuple[str, str], int]:
        return dict(Counter((c.state.value, c.priority.value) for c in self.cases.values() if c.is_open))

    async def pending_workloads(self) -> PendingWorkloads:
        return {cid: list(marks) for cid, marks in self.marks.items() if marks}

    async def count_open(self, key: WorkloadKey) -> int:
        team, assignee = key
        return sum(1 for c in self.cases.values()
                   if c.team == team and c.is_open and (assignee is None or c.assignee == assignee))

    async def announce_workloads(self, counts: dict[WorkloadKey, tuple[int, Event]]) -> None:
        for key, (n, event) in counts.items():
            self.workloads[key] = n
            self.published.append(event)

    async def settle_workloads(self, done: PendingWorkloads) -> None:
        for cid, marks in done.items():
            self.marks[cid] = [m for m in self.marks.get(cid, []) if m not in marks]

    def _write(self, changes: list[CaseChange]) -> None:
        for change in changes:
            self.cases[change.complaint_id] = change.case.model_copy(deep=True)
            self.next_alert_at[change.complaint_id] = change.next_alert_at
            self.published.extend(change.events)
            self.marks.setdefault(change.complaint_id, []).extend(
                WorkloadMark(team, assignee, f"m{next(self._mark_ids)}") for team, assignee in change.workloads)


class FixedClock:
    """A clock that says what the test tells it (starts at `at`, moves only with `advance`)."""

    def __init__(self, at: datetime = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


def _conforms(store: FakeCaseStore) -> CaseStore:
    return store  # the type checker verifies that the fake satisfies the store's Protocol
