"""Use cases: open cases from routing, react to the customer, carry out staff commands, scan deadlines — each
change one stored write with its events. The entry points (handlers, API, deadline scan) call only these."""

import asyncio
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import structlog
from complaint_contracts.base import Event
from complaint_contracts.resolution import CorrectiveActionRaised
from complaint_contracts.routing import ComplaintRouted
from complaints_chassis.clock import Clock, Now
from complaints_chassis.consumer import PermanentError
from complaints_chassis.parking import Deferred

from .adapters.metrics import ResolutionMetrics
from .domain.access import (
    AccessDecision,
    CaseScope,
    Permission,
    Principal,
    decide_access,
    decide_action,
    decide_clock_control,
    visible_scope,
)
from .domain.case import SYSTEM, Acting, Case
from .domain.changes import AlertMoment, Before, CaseChange
from .domain.commands import CommandContext, StaffCommand
from .domain.corrective import raise_corrective_action
from .domain.deadlines import next_alert_at, raise_deadline_alerts
from .domain.errors import AccessDenied, CaseNotFound, ClockControlOff, ResolutionError, VersionConflict
from .domain.opening import open_case
from .domain.policy import CasePolicy
from .domain.ports import BusinessCalendar, CaseStore
from .domain.queue import CaseSummary, QueueFilter
from .domain.reactions import InboundEvent, react
from .domain.workload import workload_changed

log = structlog.get_logger(__name__)
LOOK_AGAIN = timedelta(hours=1)
"""When the scan looks again at a case whose deadlines the calendar cannot place (e.g. a year it lacks)."""


class CaseNotReady(Exception):
    """Transient: the case changed while events were applied to it; the consumer retries them."""


def random_id(prefix: str) -> str:
    """A fresh id for something a command creates, e.g. `n-3f2a9c0d1e4b`."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


@dataclass
class ResolutionService:
    store: CaseStore
    clock: Now
    calendar: BusinessCalendar
    policy: CasePolicy
    notify: Callable[[], None]
    """Wakes the outbox relay after a write."""
    metrics: ResolutionMetrics
    scan_batch_size: int = 500
    clock_control: Clock | None = None
    """The service clock, when settings let admins move it over the API (tests and demos); None otherwise."""
    new_id: Callable[[str], str] = random_id
    _workload_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def open_cases(self, *, routed: Sequence[ComplaintRouted]) -> None:
        """Open a case per routed complaint; a complaint that has its case already ignores the redelivery."""
        changes: dict[str, CaseChange] = {}
        for event in routed:
            if event.complaint_id in changes:
                continue
            # Clocks run from receipt; older routing decisions lack `received_at` and start them at routing.
            acting = Acting(by=SYSTEM, at=self.clock(), reason="routed", causation_id=str(event.id))
            case, events = open_case(routed=event, received_at=event.received_at, acting=acting)
            changes[event.complaint_id] = self._change(case, list(events), before=None)
        opened_before = await self.store.insert(list(changes.values()))
        self._stored(changes.values(), skipped=opened_before)
        await self._after_writes()

    async def react_to(self, *, events: Sequence[InboundEvent]) -> None:
        """Apply the customer's and routing's events to their cases, each once; one that precedes its case waits."""
        cases = await self.store.get_many({e.complaint_id for e in events})
        early = sorted({e.complaint_id for e in events} - set(cases))
        if early:
            # The chassis then handles this run one event at a time: the others apply, only the early ones park.
            raise Deferred(f"complaint {early[0]} has no case yet")
        befores = {cid: Before.of(case) for cid, case in cases.items()}
        caused: dict[str, list[Event]] = {cid: [] for cid in cases}
        for event in events:
            caused[event.complaint_id] += self._react(cases[event.complaint_id], event)
        changes = [self._change(case, caused[cid], before=befores[cid]) for cid, case in cases.items()
                   if case.version != befores[cid].version]
        conflicts = await self.store.save(changes)
        self._stored(changes, skipped=conflicts)
        await self._after_writes()
        if conflicts:
            raise CaseNotReady("a case changed while its events were applied; applying again")

    async def view(self, *, complaint_id: str, principal: Principal) -> Case:
        """Return the case if the employee may see it."""
        case = await self.store.get(complaint_id)
        if case is None:
            raise CaseNotFound(f"no case for complaint {complaint_id}")
        _require(decide_access(principal=principal, permission=Permission.VIEW, case=_scope(case)))
        return case

    async def work_queue(self, *, principal: Principal, queue_filter: QueueFilter) -> tuple[list[CaseSummary], int]:
        """One page of the cases the filter selects among those the employee may see, and how many it selects."""
        return await self.store.queue(queue_filter=queue_filter, scope=visible_scope(principal=principal))

    async def act(self, *, complaint_id: str, principal: Principal, version: int, reason: str,
                  command: StaffCommand) -> Case:
        """Carry out a staff command on a case the employee may act on, against the version they read."""
        case = await self.view(complaint_id=complaint_id, principal=principal)
        _require(decide_action(principal=principal, action=command.action, case=_scope(case)))
        before = Before.of(case)
        acting = Acting(by=principal.subject, at=self.clock(), reason=reason, expected_version=version)
        events = command.apply(case, acting, CommandContext(self.calendar, self.policy, self.new_id))
        if case.version == before.version:
            return case
        change = self._change(case, list(events), before=before)
        if await self.store.save([change]):
            raise VersionConflict(expected=version, actual=await self.store.version_of(complaint_id) or 0)
        self.metrics.stored(change)
        await self._after_writes()
        return case

    async def raise_corrective_action(self, *, principal: Principal, complaint_ids: list[str], reason: str,
                                      action_id: str | None, root_cause: str, action: str, owner: str,
                                      preventive: bool = False, due_at: datetime | None = None
                                      ) -> CorrectiveActionRaised:
        """Attach a corrective or preventive action to cases quality may see; announce it once."""
        found = await self.store.get_many(complaint_ids)
        missing = [cid for cid in complaint_ids if cid not in found]
        if missing:
            raise CaseNotFound("no case for complaint(s) " + ", ".join(missing))
        cases = [found[cid] for cid in dict.fromkeys(complaint_ids)]
        for case in cases:
            _require(decide_access(principal=principal, permission=Permission.RAISE_CORRECTIVE_ACTION,
                                   case=_scope(case)))
        befores = [Before.of(c) for c in cases]
        acting = Acting(by=principal.subject, at=self.clock(), reason=reason)
        [event] = raise_corrective_action(cases=cases, acting=acting, action_id=action_id or self.new_id("ca"),
                                          root_cause=root_cause, action=action, owner=owner, preventive=preventive,
                                          due_at=due_at)
        changed = [(c, b) for c, b in zip(cases, befores, strict=True) if c.version != b.version]
        # The announcement rides with the first case that newly got the action: a retry re-announces nothing.
        changes = [self._change(c, [event] if i == 0 else [], before=b) for i, (c, b) in enumerate(changed)]
        conflicts = await self.store.save(changes)
        if conflicts:
            first = sorted(conflicts)[0]
            raise VersionConflict(expected=next(b.version for c, b in changed if c.complaint_id == first),
                                  actual=await self.store.version_of(first) or 0)
        await self._after_writes()
        return event

    async def scan_deadlines(self) -> None:
        """One round of the deadline scan: raise every warning and breach due now, then announce the workloads
        the escalations moved and refresh the open-case gauges."""
        while await self._scan_batch() >= self.scan_batch_size:
            pass
        await self.refresh_workloads()
        self.metrics.set_open_cases(await self.store.open_counts())

    async def refresh_workloads(self) -> None:
        """Announce the open-case counts of the workloads recent changes moved (WorkloadChanged)."""
        async with self._workload_lock:
            pending = await self.store.pending_workloads()
            keys = list(dict.fromkeys((m.team, m.assignee) for marks in pending.values() for m in marks))
            if not keys:
                return
            counts = {}
            for key in keys:
                n = await self.store.count_open(key)
                counts[key] = (n, workload_changed(team=key[0], assignee=key[1], open_cases=n, at=self.clock()))
            await self.store.announce_workloads(counts)
            await self.store.settle_workloads(pending)
            self.notify()

    def controlled_clock(self, *, principal: Principal) -> Clock:
        """The service clock, for an admin, where clock control is switched on."""
        if self.clock_control is None:
            raise ClockControlOff("clock control is switched off")
        _require(decide_clock_control(principal=principal))
        return self.clock_control

    async def shift_clock(self, *, principal: Principal, seconds: float) -> Clock:
        """Move the service clock (tests and demos) and scan the deadlines at once."""
        clock = self.controlled_clock(principal=principal)
        clock.shift(seconds)
        await self.scan_deadlines()
        return clock

    async def _scan_batch(self) -> int:
        """Raise the alerts due on one batch of cases whose look-again moment passed; return the cases changed."""
        now = self.clock()
        changes: list[CaseChange] = []
        moments: list[AlertMoment] = []
        for case in await self.store.due_for_scan(now=now, limit=self.scan_batch_size):
            before = Before.of(case)
            try:
                events = raise_deadline_alerts(case=case, now=now, calendar=self.calendar, policy=self.policy)
            except LookupError as exc:  # e.g. the calendar lacks the year: look again later, do not spin
                log.warning("deadline scan skipped a case", complaint_id=case.complaint_id, error=str(exc))
                moments.append(AlertMoment(case.complaint_id, case.version, now + LOOK_AGAIN))
                continue
            if events:
                changes.append(self._change(case, events, before=before))
            else:  # early by rounding, or nothing left to raise: the next moment it could be
                moments.append(AlertMoment(case.complaint_id, case.version, self._next_alert_at(case)))
        # A case changed by someone else meanwhile keeps its moment and is scanned again next round.
        conflicts = await self.store.save(changes)
        self._stored(changes, skipped=conflicts)
        await self.store.set_alert_moments(moments)
        if changes:
            self.notify()
        return len(changes) - len(conflicts)

    def _change(self, case: Case, events: list[Event], *, before: Before | None) -> CaseChange:
        return CaseChange.of(case, events, before=before, next_alert_at=self._next_alert_at(case))

    def _next_alert_at(self, case: Case) -> datetime | None:
        return next_alert_at(case=case, calendar=self.calendar, policy=self.policy)

    def _stored(self, changes: Iterable[CaseChange], *, skipped: set[str]) -> None:
        for change in changes:
            if change.complaint_id not in skipped:
                self.metrics.stored(change)

    def _react(self, case: Case, event: InboundEvent) -> list[Event]:
        try:
            return react(case=case, event=event, calendar=self.calendar, policy=self.policy)
        except ResolutionError as exc:
            raise PermanentError(f"{type(event).__name__} cannot apply to the case: {exc}") from exc

    async def _after_writes(self) -> None:
        self.notify()
        await self.refresh_workloads()


def _scope(case: Case) -> CaseScope:
    return CaseScope(team=case.team, department=case.department)


def _require(decision: AccessDecision) -> None:
    if not decision.allowed:
        raise AccessDenied(decision.reason)
