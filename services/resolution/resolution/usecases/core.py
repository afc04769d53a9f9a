"""What every use case works with: the stores, the clock and the rules, and the steps they share (a change with
its events and alert moment, writing changes with the open-case counts they move, counting what was stored, access
checks)."""

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from complaint_contracts.base import Event
from complaint_contracts.personal_data import has_personal_data
from complaint_contracts.resolution import WorkloadChanged
from complaint_contracts.types import Language
from complaints_chassis.caused import CausedRecords
from complaints_chassis.clock import Clock, Now
from complaints_chassis.personal_data import sealing

from ..adapters.metrics import ResolutionMetrics
from ..domain.access import AccessDecision, CaseScope, Permission, Principal, decide_access
from ..domain.case import Case
from ..domain.changes import Before, CaseChange
from ..domain.commands import CommandContext
from ..domain.deadlines import next_alert_at
from ..domain.errors import AccessDenied, CaseNotFound, VersionConflict
from ..domain.plan import next_step_due
from ..domain.policy import CasePolicy
from ..domain.ports import (
    CaseCalendars,
    CaseStore,
    ComplaintRecords,
    CorrectiveActions,
    ExportLog,
    KeyCache,
    NoKeysCached,
)
from ..domain.response_templates import TemplateSet
from ..domain.workload import WorkloadCounters, WorkloadKey, workload_changed


class CaseNotReady(Exception):
    """Transient: the case changed while events were applied to it; the consumer retries them."""


def random_id(prefix: str) -> str:
    """A fresh id for something a command creates, e.g. `n-3f2a9c0d1e4b`."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def scope_of(case: Case) -> CaseScope:
    return CaseScope(team=case.team, department=case.department)


def require(decision: AccessDecision) -> None:
    """Go on only if access was granted (AccessDenied, with the reason, otherwise)."""
    if not decision.allowed:
        raise AccessDenied(decision.reason)


Write = Callable[[list[CaseChange]], Awaitable[set[str]]]
"""A case store's write: stores the changes and returns the ids it did not write (someone else's came first)."""


@dataclass
class CaseWork:
    store: CaseStore
    workloads: WorkloadCounters
    """Open cases per team and person, as routing hears of them."""
    open_case_counts: WorkloadCounters
    """Open cases per (state, priority): the operations gauge, kept as cases change (counting them each round would
    cost the store more the more cases are open)."""
    records: ComplaintRecords
    """What each complaint says and what its customer wrote."""
    actions: CorrectiveActions
    exports: ExportLog
    clock: Now
    calendars: CaseCalendars
    """Each case's working-time calendar (pauses, warnings, revisions and reopenings are counted in it)."""
    policy: CasePolicy
    notify: Callable[[], None]
    """Wakes the outbox relay after a write."""
    opened: CausedRecords
    """Publishes what opening cases caused (cases are opened insert-only, without the outbox): the handler's last
    step before its offsets commit; a case found opened already is a redelivery, and what it caused goes out again."""
    metrics: ResolutionMetrics
    templates: dict[Language, TemplateSet]
    """Final-response templates per language."""
    scan_batch_size: int = 500
    clock_control: Clock | None = None
    """The service clock, when settings let admins move it over the API (tests and demos); None otherwise."""
    keys: KeyCache = field(default_factory=NoKeysCached)
    """The keys kept in memory to open personal data (forgotten when their erasure is announced)."""
    new_id: Callable[[str], str] = random_id

    def change(self, case: Case, events: list[Event], *, before: Before | None) -> CaseChange:
        """The case's change with its events and the moment the scan should look at it next."""
        return CaseChange.of(case, events, before=before, next_alert_at=self.next_alert_at(case), policy=self.policy)

    def next_alert_at(self, case: Case) -> datetime | None:
        """When a deadline alert or an overdue plan step next falls due on the case."""
        moments = [next_alert_at(case=case, calendar=self.calendars.for_case(case), policy=self.policy),
                   next_step_due(case)]
        return min((m for m in moments if m is not None), default=None)

    def stored(self, changes: Iterable[CaseChange], *, skipped: set[str]) -> None:
        """Count what reached the store (nothing for the changes someone else beat)."""
        for change in changes:
            if change.complaint_id not in skipped:
                self.metrics.stored(change)

    async def write(self, changes: list[CaseChange], write: Write, *,
                    then: Callable[[], Awaitable[None]] | None = None) -> set[str]:
        """Store the changes with `write`, run `then` (e.g. publish what an insert caused: straight after the write,
        so that nothing a later change of the same case queues can go out before it), count what was stored, and
        move the open-case counts by what the stored changes moved; return the ids not written. The moves are
        registered before the write: a process stopped between the two leaves them in doubt for the scan to settle,
        never lost or counted twice."""
        moves = [c.workload for c in changes if c.workload is not None]
        gauged = [c.gauge for c in changes if c.gauge is not None]
        # Three round trips that do not depend on each other go together (a case opened waits for all of them).
        _, _, sealed = await asyncio.gather(self.workloads.register(moves), self.open_case_counts.register(gauged),
                                            self.sealed(changes))
        skipped = await write(sealed)
        if then is not None:
            await then()
        self.stored(changes, skipped=skipped)
        for counters, kept in ((self.workloads, moves), (self.open_case_counts, gauged)):
            await counters.settle(applied=[m for m in kept if m.complaint_id not in skipped],
                                  dropped=[m for m in kept if m.complaint_id in skipped], announce=self.announce)
        return skipped

    async def sealed(self, changes: list[CaseChange]) -> list[CaseChange]:
        """The changes, each told to seal its events' personal fields (what staff write to the customer may greet or
        quote them) with its complaint's key, one look-up for all of them. Without a key, that is for a complaint
        filed before sealing or whose key is destroyed (erased), the texts go as they are."""
        personal = [c for c in changes if any(has_personal_data(type(e)) for e in c.events)]
        if not personal:
            return changes
        details = await self.records.details_of({c.complaint_id for c in personal})
        key_ids = {cid: d.personal_data_key for cid, d in details.items() if d.personal_data_key is not None}
        keys = await self.keys.get_many(set(key_ids.values())) if key_ids else {}
        for change in personal:
            key = keys.get(key_ids.get(change.complaint_id, ""))
            change.personal = sealing(key) if key is not None else None
        return changes

    def announce(self, key: WorkloadKey, open_cases: int) -> WorkloadChanged:
        return workload_changed(key=key, open_cases=open_cases, at=self.clock())

    async def save_one(self, change: CaseChange) -> None:
        """Write one staff change, or raise VersionConflict when someone changed the case first."""
        if await self.write([change], self.store.save):
            raise VersionConflict(expected=change.expected_version,
                                  actual=await self.store.version_of(change.complaint_id) or 0)

    async def case_for(self, complaint_id: str, principal: Principal,
                       permission: Permission = Permission.VIEW) -> Case:
        """The case, if the employee holds the permission over it."""
        case = await self.store.get(complaint_id)
        if case is None:
            raise CaseNotFound(f"no case for complaint {complaint_id}")
        require(decide_access(principal=principal, permission=permission, case=scope_of(case)))
        return case

    async def command_context(self, complaint_id: str) -> CommandContext:
        """What a staff command needs besides the case, the complaint's details included."""
        return CommandContext(self.calendars, self.policy, self.new_id, await self.records.details(complaint_id))
