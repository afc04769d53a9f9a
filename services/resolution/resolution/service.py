"""Use cases: open cases from routing, react to the customer, carry out staff commands — each one stored write."""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from complaint_contracts.base import ComplaintEvent, Event
from complaint_contracts.resolution import CorrectiveActionRaised
from complaint_contracts.routing import ComplaintRouted
from complaints_chassis.consumer import PermanentError

from .access import CaseScope, Permission, Principal, decide_access
from .business_time import BusinessCalendar
from .case import SYSTEM, Acting, Case
from .corrective import raise_corrective_action
from .deadlines import next_alert_at
from .documents import case_document, case_from, parked_entry, parked_events
from .errors import AccessDenied, CaseNotFound, ResolutionError, VersionConflict
from .metrics import ResolutionMetrics
from .opening import open_case
from .policy import CasePolicy
from .reactions import react
from .states import CaseAction, CaseState
from .store import CaseStore, CaseWrite
from .workload import Ownership, ownership, workload_changed, workloads_moved

Command = Callable[[Case, Acting], list[Event]]


class CaseNotReady(Exception):
    """Transient: the case changed under us or appeared meanwhile; the consumer retries the event."""


@dataclass(frozen=True)
class Before:
    """What a command is compared against once it ran."""

    version: int
    owner: Ownership | None
    state: CaseState
    entered_at: datetime

    @classmethod
    def of(cls, case: Case) -> "Before":
        return cls(case.version, ownership(case), case.state, case.state_entered_at)


@dataclass
class ResolutionService:
    store: CaseStore
    clock: Callable[[], datetime]
    calendar: BusinessCalendar
    policy: CasePolicy
    notify: Callable[[], None]
    metrics: ResolutionMetrics
    _workload_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def write_of(self, case: Case, events: list[Event], *, before: Before | None) -> CaseWrite:
        """The stored change of a case: its fields, its events, and the workloads it moved."""
        fields = case_document(case, next_alert_at=next_alert_at(case=case, calendar=self.calendar, policy=self.policy))
        moved = workloads_moved(before=before.owner if before else None, after=ownership(case))
        return CaseWrite(case.complaint_id, before.version if before else 0, fields, events, moved)

    def stored(self, case: Case, events: list[Event], before: Before | None) -> None:
        """Account for a change that reached the store."""
        if before is not None and case.state != before.state:
            self.metrics.left_state(before.state, case.state_entered_at - before.entered_at)
        self.metrics.record_events(events)

    async def open_cases(self, *, routed: list[ComplaintRouted]) -> None:
        """Open a case per routed complaint, applying what arrived early; an open case ignores a redelivery."""
        docs = await self.store.get_many(list({r.complaint_id for r in routed}))
        fresh: dict[str, tuple[CaseWrite, Case]] = {}
        placeholders: list[tuple[CaseWrite, Case, int]] = []
        for event in routed:
            doc = docs.get(event.complaint_id)
            if (doc is not None and not doc.get("placeholder")) or event.complaint_id in fresh:
                continue
            # Clocks run from receipt; routing adds `received_at` to its decision (older decisions lack it).
            case, events = open_case(routed=event, received_at=getattr(event, "received_at", None),
                                     acting=Acting(by=SYSTEM, at=self.clock(), reason="routed",
                                                   causation_id=str(event.id)))
            early = parked_events(doc) if doc else []
            for parked in early:
                events += self._react(case, parked)
            write = self.write_of(case, list(events), before=None)
            if doc is None:
                fresh[event.complaint_id] = (write, case)
            else:
                placeholders.append((write, case, len(doc.get("parked", []))))
        clashed = await self.store.insert([w for w, _ in fresh.values()])
        stale = {w.complaint_id for w, _, n in placeholders if not await self.store.replace_placeholder(w, parked=n)}
        for write, case in [*fresh.values(), *((w, c) for w, c, _ in placeholders)]:
            if write.complaint_id not in clashed | stale:
                self.stored(case, write.events, None)
        await self._after_writes()
        if stale or await self._placeholders_among(clashed):
            raise CaseNotReady("early events arrived while the case was opened; opening again")

    async def react_to(self, *, events: list[ComplaintEvent]) -> None:
        """Apply the customer's (and routing's) later events to their cases; park those that came too early."""
        docs = await self.store.get_many(list({e.complaint_id for e in events}))
        cases: dict[str, tuple[Case, Before, list[Event]]] = {}
        parked: list[tuple[str, dict]] = []
        for event in events:
            doc = docs.get(event.complaint_id)
            if doc is None or doc.get("placeholder"):
                parked.append((event.complaint_id, parked_entry(event)))
                continue
            if event.complaint_id not in cases:
                case = case_from(doc)
                cases[event.complaint_id] = (case, Before.of(case), [])
            case, _, out = cases[event.complaint_id]
            out += self._react(case, event)
        changed = [(c, b, out) for c, b, out in cases.values() if c.version != b.version]
        conflicts = await self.store.save([self.write_of(c, out, before=b) for c, b, out in changed])
        for case, before, out in changed:
            if case.complaint_id not in conflicts:
                self.stored(case, out, before)
        opened_meanwhile = await self.store.park(parked)
        await self._after_writes()
        if conflicts or opened_meanwhile:
            raise CaseNotReady("a case changed or opened while its events were applied; applying again")

    async def act(self, *, complaint_id: str, principal: Principal, action: CaseAction, version: int, reason: str,
                  command: Command) -> Case:
        """Carry out a staff command on a case the employee may act on, against the version they read."""
        case = await self.view(complaint_id=complaint_id, principal=principal)
        permission = Permission.REASSIGN if action is CaseAction.REASSIGN else Permission.WORK
        decision = decide_access(principal=principal, permission=permission, case=_scope(case))
        if not decision.allowed:
            raise AccessDenied(decision.reason)
        before = Before.of(case)
        acting = Acting(by=principal.subject, at=self.clock(), reason=reason, expected_version=version)
        events = command(case, acting)
        if case.version == before.version:
            return case
        if await self.store.save([self.write_of(case, events, before=before)]):
            raise VersionConflict(expected=version, actual=await self.store.version_of(complaint_id) or 0)
        self.stored(case, events, before)
        await self._after_writes()
        return case

    async def view(self, *, complaint_id: str, principal: Principal) -> Case:
        """Return the case if the employee may see it."""
        doc = await self.store.get(complaint_id)
        if doc is None or doc.get("placeholder"):
            raise CaseNotFound(f"no case for complaint {complaint_id}")
        case = case_from(doc)
        decision = decide_access(principal=principal, permission=Permission.VIEW, case=_scope(case))
        if not decision.allowed:
            raise AccessDenied(decision.reason)
        return case

    async def raise_corrective_action(self, *, principal: Principal, complaint_ids: list[str], reason: str,
                                      **action: object) -> CorrectiveActionRaised:
        """Attach a corrective or preventive action to cases quality may see; announce it once."""
        docs = await self.store.get_many(complaint_ids)
        missing = [cid for cid in complaint_ids if cid not in docs or docs[cid].get("placeholder")]
        if missing:
            raise CaseNotFound("no case for complaint(s) " + ", ".join(missing))
        cases = [case_from(docs[cid]) for cid in dict.fromkeys(complaint_ids)]
        for case in cases:
            decision = decide_access(principal=principal, permission=Permission.RAISE_CORRECTIVE_ACTION,
                                     case=_scope(case))
            if not decision.allowed:
                raise AccessDenied(decision.reason)
        befores = [Before.of(c) for c in cases]
        acting = Acting(by=principal.subject, at=self.clock(), reason=reason)
        [event] = raise_corrective_action(cases=cases, acting=acting, **action)  # type: ignore[arg-type]
        changed = [(c, b) for c, b in zip(cases, befores, strict=True) if c.version != b.version]
        # The announcement rides with the first case that newly got the action: a retry re-announces nothing.
        writes = [self.write_of(c, [event] if i == 0 else [], before=b) for i, (c, b) in enumerate(changed)]
        conflicts = await self.store.save(writes)
        if conflicts:
            first = sorted(conflicts)[0]
            raise VersionConflict(expected=next(b.version for c, b in changed if c.complaint_id == first),
                                  actual=await self.store.version_of(first) or 0)
        await self._after_writes()
        return event

    async def refresh_workloads(self) -> None:
        """Announce the open-case counts of the workloads recent changes moved (WorkloadChanged)."""
        async with self._workload_lock:
            pending = await self.store.pending_workloads()
            keys = list(dict.fromkeys((m["team"], m["assignee"]) for marks in pending.values() for m in marks))
            if not keys:
                return
            counts = {}
            for key in keys:
                n = await self.store.count_open(key)
                counts[key] = (n, workload_changed(team=key[0], assignee=key[1], open_cases=n, at=self.clock()))
            await self.store.announce_workloads(counts)
            await self.store.settle_workloads(pending)
            self.notify()

    def _react(self, case: Case, event: ComplaintEvent) -> list[Event]:
        try:
            return react(case=case, event=event, calendar=self.calendar, policy=self.policy)
        except ResolutionError as exc:
            raise PermanentError(f"{type(event).__name__} cannot apply to the case: {exc}") from exc

    async def _after_writes(self) -> None:
        self.notify()
        await self.refresh_workloads()

    async def _placeholders_among(self, complaint_ids: set[str]) -> bool:
        if not complaint_ids:
            return False
        docs = await self.store.get_many(list(complaint_ids))
        return any(d.get("placeholder") for d in docs.values())


def _scope(case: Case) -> CaseScope:
    return CaseScope(team=case.team, department=case.department)
