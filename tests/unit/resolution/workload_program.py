"""Random casework for the open-case counts: openings and reroutings (routing), reassignments and merges (staff),
withdrawals and reopenings (the customer), redeliveries of what was consumed, and stops (the tests' kill -9) just
before a case write or just after it. Whatever happened, once the moves in doubt are settled the counts equal the
open cases counted afresh."""

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from complaint_contracts.intake import ComplaintWithdrawn, ReopeningRequested
from complaint_contracts.routing import ComplaintRerouted
from complaints_chassis.consumer import PermanentError
from complaints_chassis.parking import Deferred
from hypothesis import strategies as st
from prometheus_client import CollectorRegistry
from resolution.adapters.metrics import ResolutionMetrics
from resolution.adapters.template_files import load_template_sets
from resolution.domain.access import Principal, Role
from resolution.domain.commands import Reassign
from resolution.domain.errors import ResolutionError
from resolution.domain.policy import CasePolicy
from resolution.service import CaseNotReady, ResolutionService

from tests.support.caused import PublishedWithTheWrite
from tests.unit.resolution.builders import ALWAYS_OPEN, OneCalendar, make_routed
from tests.unit.resolution.fake_records import FakeCorrectiveActions, FakeExportLog
from tests.unit.resolution.fakes import FakeWorkloadCounters, FixedClock

CASES = 3
ADMIN = Principal(subject="emp-admin", roles=frozenset({Role.ADMIN}))
TEMPLATES = load_template_sets()

_case = st.integers(0, CASES - 1)
_owner = st.tuples(st.sampled_from(("team-a", "team-b")), st.sampled_from((None, "emp-1", "emp-2")))
_stop = st.sampled_from((None, None, "before_write", "after_write"))
_step = st.tuples(st.sampled_from(("open", "reroute", "reassign", "withdraw", "reopen", "merge", "redeliver")),
                  _case, _owner, _case)
STEPS = st.builds(lambda openings, steps: [*openings, *steps],
                  st.lists(st.tuples(_owner, _stop), min_size=CASES, max_size=CASES).map(
                      lambda owners: [(("open", i, owner, i), stop) for i, (owner, stop) in enumerate(owners)]),
                  st.lists(st.tuples(_step, _stop), max_size=30))
"""Programs: every case opened (or not, where that stops), then random steps, each with where it stops (None:
it does not). A step is (kind, case, owner it moves to, case it merges into)."""


class Stopped(Exception):
    """The process stopped here."""


@dataclass
class Stops:
    """Where the next case write stops: before it, or after it (before its moves are settled)."""

    next: str | None = None
    settling: bool = False


class StoppingStore:
    """A case store whose next write stops where `stops` says; everything else as the store it wraps."""

    def __init__(self, inner: Any, stops: Stops) -> None:
        self.inner, self.stops = inner, stops

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    async def insert(self, changes: list[Any]) -> set[str]:
        return await self._write(self.inner.insert, changes)

    async def save(self, changes: list[Any]) -> set[str]:
        return await self._write(self.inner.save, changes)

    async def _write(self, write: Callable[[list[Any]], Awaitable[set[str]]], changes: list[Any]) -> set[str]:
        where, self.stops.next = self.stops.next, None
        if where == "before_write":
            raise Stopped
        skipped = await write(changes)
        self.stops.settling = where == "after_write"
        return skipped


class StoppingCounters:
    """Counters that stop instead of settling right after a write that was told to stop there."""

    def __init__(self, inner: Any, stops: Stops) -> None:
        self.inner, self.stops = inner, stops

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    async def settle(self, **settling: Any) -> None:
        if self.stops.settling:
            self.stops.settling = False
            raise Stopped
        await self.inner.settle(**settling)


def casework(*, store: Any, workloads: Any, records: Any, clock: FixedClock, stops: Stops,
             open_case_counts: Any = None) -> ResolutionService:
    """The use cases over the given stores, their writes and settling stopping where `stops` says."""
    open_case_counts = open_case_counts or FakeWorkloadCounters([], announces=False)
    return ResolutionService(store=StoppingStore(store, stops), workloads=StoppingCounters(workloads, stops),
                             open_case_counts=open_case_counts,
                             records=records, actions=FakeCorrectiveActions(), exports=FakeExportLog(), clock=clock,
                             calendars=OneCalendar(ALWAYS_OPEN), policy=CasePolicy(), notify=lambda: None,
                             opened=PublishedWithTheWrite(),
                             metrics=ResolutionMetrics(CollectorRegistry()), templates=TEMPLATES)


@dataclass
class Program:
    service: ResolutionService
    clock: FixedClock
    stops: Stops
    prefix: str
    """Of the case ids (programs sharing a store keep apart)."""

    def cid(self, i: int) -> str:
        return f"c-{self.prefix}-kettle-{i}"

    async def run(self, steps: Sequence[tuple[tuple[Any, ...], str | None]]) -> None:
        """Carry out the steps, each stopping where it says; refused steps (the case is not there yet, or its state
        does not allow it) change nothing. What was consumed last is what a redelivery brings again."""
        consumed: Callable[[], Awaitable[Any]] | None = None
        for (kind, *args), stop in steps:
            self.clock.advance(minutes=1)
            step = consumed if kind == "redeliver" else self._step(kind, *args)
            if kind in ("open", "reroute", "withdraw", "reopen"):
                consumed = step
            self.stops.next = stop
            try:
                if step is not None:
                    await step()
            except (Stopped, ResolutionError, CaseNotReady, Deferred, PermanentError):
                pass
            finally:
                self.stops.next, self.stops.settling = None, False

    def _step(self, kind: str, case: int, owner: tuple[str, str | None], other: int) -> Callable[[], Awaitable[Any]]:
        cid, at, (team, person) = self.cid(case), self.clock(), owner
        if kind == "open":
            routed = make_routed(complaint_id=cid, team=team, assignee=person)
            return lambda: self.service.open_cases(routed=[routed])
        if kind == "reroute":
            rerouted = ComplaintRerouted(complaint_id=cid, time=at, department="customer_support", team=team,
                                         assignee=person, rules_version="2026.11.1", reason="workload")
            return lambda: self.service.react_to(events=[rerouted])
        if kind == "withdraw":
            withdrawn = ComplaintWithdrawn(complaint_id=cid, time=at)
            return lambda: self.service.hear_customer(events=[withdrawn])
        if kind == "reopen":
            reopening = ReopeningRequested(complaint_id=cid, time=at, reason="the kettle broke again")
            return lambda: self.service.hear_customer(events=[reopening])
        if kind == "reassign":
            return lambda: self._staff(cid, lambda version: self.service.act(
                complaint_id=cid, principal=ADMIN, version=version, reason="balancing",
                command=Reassign(team=team, assignee=person)))
        into = self.cid(other)
        return lambda: self._staff(cid, lambda version: self.service.merge_duplicate(
            complaint_id=cid, principal=ADMIN, version=version, reason="the same kettle", into=into))

    async def _staff(self, cid: str, act: Callable[[int], Awaitable[Any]]) -> None:
        case = await self.service.store.get(cid)
        if case is not None:
            await act(case.version)
