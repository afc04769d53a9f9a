"""In-memory stores with the Mongo stores' contracts (domain.ports), for the service's tests."""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta

from complaint_contracts.base import Event
from complaint_contracts.types import Category
from resolution.domain.access import CaseScope, VisibleScope
from resolution.domain.case import Case
from resolution.domain.changes import AlertMoment, CaseChange
from resolution.domain.contact import Acknowledgement, take_acknowledgement
from resolution.domain.ports import CaseStore
from resolution.domain.queue import CaseSummary, QueueFilter, work_queue
from resolution.domain.search import CaseSearch, search_page
from resolution.domain.workload import (
    Announce,
    RecordedMoves,
    WorkloadCounters,
    WorkloadKey,
    WorkloadMove,
    counts_by_workload,
)


class FakeCaseStore:
    """Cases kept as copies (a command on a read case changes nothing until it is saved), with what was published."""

    def __init__(self) -> None:
        self.cases: dict[str, Case] = {}
        self.next_alert_at: dict[str, datetime | None] = {}
        self.published: list[Event] = []
        """Every event the stored changes carried, in write order (what the outbox relay would publish)."""
        self.wire: list[dict] = []
        """The data of each of those events as the outbox holds it (personal fields sealed where the change says)."""
        self.moves: dict[str, set[str]] = {}
        """Case id → the workload moves its writes recorded."""
        self.acknowledgements: dict[str, Acknowledgement] = {}
        """Case id → the acknowledgement kept beside it (the first recorded)."""
        self._races: dict[str, int] = {}

    def put(self, case: Case, *, next_alert_at: datetime | None = None) -> None:
        """Store a case as if opened earlier (no events; the workload counts do not hear of it)."""
        self.cases[case.complaint_id] = case.model_copy(deep=True)
        self.next_alert_at[case.complaint_id] = next_alert_at

    def lose_next_save(self, complaint_id: str, *, to_version: int) -> None:
        """Let someone else write the case first: the next save finds it at `to_version`."""
        self._races[complaint_id] = to_version

    async def get(self, complaint_id: str) -> Case | None:
        return (await self.get_many([complaint_id])).get(complaint_id)

    async def get_many(self, complaint_ids: Iterable[str]) -> dict[str, Case]:
        found = {cid: self.cases[cid].model_copy(deep=True) for cid in complaint_ids if cid in self.cases}
        for cid, case in found.items():
            if cid in self.acknowledgements:
                take_acknowledgement(case, self.acknowledgements[cid])
        return found

    async def record_acknowledgements(self, acknowledgements: list[Acknowledgement]) -> None:
        for acknowledgement in acknowledgements:
            self.acknowledgements.setdefault(acknowledgement.complaint_id, acknowledgement)

    async def delete(self, complaint_ids: Iterable[str]) -> None:
        for cid in complaint_ids:
            for kept in (self.cases, self.next_alert_at, self.moves, self.acknowledgements):
                kept.pop(cid, None)

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

    async def recorded_moves(self, complaint_ids: Iterable[str]) -> dict[str, RecordedMoves]:
        return {cid: RecordedMoves(self.cases[cid].version, frozenset(self.moves.get(cid, set())))
                for cid in complaint_ids if cid in self.cases}

    async def open_by_owner(self) -> dict[WorkloadKey, int]:
        return dict(Counter((c.team, c.assignee) for c in self.cases.values() if c.is_open))

    def recount(self) -> dict[WorkloadKey, int]:
        """Every workload's open cases, counted from the cases (what the counters must hold)."""
        return counts_by_workload(Counter((c.team, c.assignee) for c in self.cases.values() if c.is_open))

    def recount_by_state(self) -> dict[WorkloadKey, int]:
        """The open cases per (state, priority), counted from the cases (what the gauge's counters must hold)."""
        return dict(Counter((c.state.value, c.priority.value) for c in self.cases.values() if c.is_open))

    def _write(self, changes: list[CaseChange]) -> None:
        for change in changes:
            self.cases[change.complaint_id] = change.case.model_copy(deep=True)
            self.next_alert_at[change.complaint_id] = change.next_alert_at
            self.published.extend(change.events)
            self.wire.extend(e.data() if change.personal is None else change.personal(type(e), e.data())
                             for e in change.events)
            self.moves.setdefault(change.complaint_id, set()).update(move.move_id for move in change.moves)


class FakeWorkloadCounters:
    """The open-case counts with the Mongo counters' contract: moves pending from registration until settled, each
    applied at most once; announcements go to the case store's list of what was published, in write order. Every
    pending move counts as in doubt, however young."""

    def __init__(self, published: list[Event], *, announces: bool = True) -> None:
        self.counts: dict[WorkloadKey, int] = {}
        self.pending: dict[str, WorkloadMove] = {}
        self.published = published
        self.announces = announces
        self.built = False

    async def register(self, moves: Sequence[WorkloadMove]) -> None:
        self.pending.update((move.move_id, move) for move in moves)

    async def settle(self, *, applied: Sequence[WorkloadMove], dropped: Sequence[WorkloadMove],
                     announce: Announce) -> None:
        changed: Counter[WorkloadKey] = Counter()
        for move in applied:
            if self.pending.pop(move.move_id, None) is not None:
                changed.update(move.deltas)
        for move in dropped:
            self.pending.pop(move.move_id, None)
        for key, change in changed.items():
            if change:
                self.counts[key] = self.counts.get(key, 0) + change
                if self.announces:
                    self.published.append(announce(key, self.counts[key]))

    async def in_doubt(self, *, older_than: timedelta) -> list[WorkloadMove]:
        return list(self.pending.values())

    async def counted(self) -> bool:
        return self.built

    async def rebuild(self, counts: Mapping[WorkloadKey, int], *, announce: Announce) -> None:
        self.counts = {key: counts.get(key, 0) for key in {*self.counts, *counts}}
        self.pending.clear()
        if self.announces:
            self.published.extend(announce(key, n) for key, n in self.counts.items())
        self.built = True

    async def all_counts(self) -> dict[WorkloadKey, int]:
        return dict(self.counts)

    def nonzero(self) -> dict[WorkloadKey, int]:
        return {key: n for key, n in self.counts.items() if n}


class FixedClock:
    """A clock that says what the test tells it (starts at `at`, moves only with `advance`)."""

    def __init__(self, at: datetime = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


def _conforms(store: FakeCaseStore, counters: FakeWorkloadCounters) -> tuple[CaseStore, WorkloadCounters]:
    return store, counters  # the type checker verifies that the fakes satisfy the stores' Protocols
