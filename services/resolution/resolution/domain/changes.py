"""A case's change as the store writes it: the case, the events it causes, what the write is checked against, and
what it did that is counted once stored (workloads moved, deadlines met)."""

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from complaint_contracts.base import Event
from complaint_contracts.kafka_binding import PersonalData
from complaint_contracts.types import Clock

from .alerts import raised_since_start
from .case import AlertKind, Case, TrackedDeadline
from .policy import DEFAULT_POLICY, CasePolicy
from .states import CaseState
from .workload import Ownership, WorkloadKey, WorkloadMove, bucket_move_of, move_of, open_bucket, ownership

DeadlineKey = tuple[str, Clock]
"""A deadline of a case: its name and clock (what raised alerts are recorded against)."""


@dataclass(frozen=True)
class Before:
    """What the case looked like before a command ran (its version guards the write)."""

    version: int
    owner: Ownership
    state: CaseState
    entered_at: datetime
    met: frozenset[DeadlineKey]
    """The deadlines already met: a change counts only those it meets itself (a redelivery meets none)."""
    bucket: WorkloadKey
    """The (state, priority) the open-case gauge counted it under (if it was open: `owner.counts`)."""

    @classmethod
    def of(cls, case: Case) -> "Before":
        return cls(case.version, ownership(case), case.state, case.state_entered_at, met_keys(case),
                   open_bucket(case))


@dataclass
class CaseChange:
    """One case's new state and the events it causes; `before` is None for a case just opened."""

    case: Case
    events: list[Event]
    before: Before | None
    next_alert_at: datetime | None
    """When the deadline scan should look at the case again (None: nothing left to raise)."""
    workload: WorkloadMove | None = None
    """What the change does to the open-case counts (None: nothing), applied once the write is stored."""
    deadlines_met: list[TrackedDeadline] = field(default_factory=list)
    """Deadlines the change met in time (counted once stored)."""
    personal: PersonalData | None = None
    """How the store seals the personal fields of the events (with the complaint's key); None: as they are."""
    gauge: WorkloadMove | None = None
    """What the change does to the open cases per (state, priority) (None: nothing), applied once stored."""

    @classmethod
    def of(cls, case: Case, events: list[Event], *, before: Before | None, next_alert_at: datetime | None,
           policy: CasePolicy) -> "CaseChange":
        """The change of a case since `before`, with what it moves in the open-case counts and the deadlines it
        met in time."""
        moved = move_of(complaint_id=case.complaint_id, version=case.version,
                        before=before.owner if before else None, after=ownership(case))
        gauged = bucket_move_of(complaint_id=case.complaint_id, version=case.version,
                                before=before.bucket if before else None,
                                before_open=before.owner.counts if before else False,
                                after=open_bucket(case), after_open=case.is_open)
        met = met_in_time(case=case, met_before=before.met if before else frozenset(), policy=policy)
        return cls(case, events, before, next_alert_at, moved, met, gauge=gauged)

    @property
    def moves(self) -> list[WorkloadMove]:
        """The moves the write records on the case (whether the case holds their ids tells whether it happened)."""
        return [m for m in (self.workload, self.gauge) if m is not None]

    @property
    def complaint_id(self) -> str:
        return self.case.complaint_id

    @property
    def expected_version(self) -> int:
        """The stored version the write requires (0 for a new case)."""
        return self.before.version if self.before else 0


def met_keys(case: Case) -> frozenset[DeadlineKey]:
    """The deadlines of the case that are met."""
    return frozenset((d.name, d.clock) for d in case.deadlines if d.met_at is not None)


def met_in_time(*, case: Case, met_before: Collection[DeadlineKey],
                policy: CasePolicy = DEFAULT_POLICY) -> list[TrackedDeadline]:
    """The deadlines resolution warns about and breaches that the case met since `met_before`, before they fell
    due. A deadline met late is not met, and a breached one fell due before it was met: with the breaches these
    are the deadlines settled, none counted twice. A report to a regulator is met as of when it was filed, which may
    be before it was recorded: if the scan raised the breach meanwhile, the breach stands and it is not met too."""
    paused_since = case.open_pause.started_at if case.open_pause else None
    breached = {(name, clock) for name, clock, kind in raised_since_start(case) if kind is AlertKind.BREACH}
    met: list[TrackedDeadline] = []
    for d in case.deadlines:
        if d.met_at is None or (d.name, d.clock) in met_before or not policy.alerts_on(d.name):
            continue
        if (d.name, d.clock) in breached:
            continue
        # A paused service clock stopped when the pause began; its due time moves only when the pause ends.
        counted_until = d.met_at
        if d.clock is Clock.SERVICE and paused_since is not None:
            counted_until = min(counted_until, paused_since)
        if counted_until < d.due_at:
            met.append(d)
    return met


class AlertMoment(NamedTuple):
    """When the deadline scan looks at a case again, set only if the case is still at `version`."""

    complaint_id: str
    version: int
    at: datetime | None
