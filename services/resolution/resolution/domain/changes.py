"""A case's change as the store writes it: the case, the events it causes, and what the write is checked against."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from complaint_contracts.base import Event

from .case import Case
from .states import CaseState
from .workload import Ownership, WorkloadKey, ownership, workloads_moved


@dataclass(frozen=True)
class Before:
    """What the case looked like before a command ran (its version guards the write)."""

    version: int
    owner: Ownership
    state: CaseState
    entered_at: datetime

    @classmethod
    def of(cls, case: Case) -> "Before":
        return cls(case.version, ownership(case), case.state, case.state_entered_at)


@dataclass
class CaseChange:
    """One case's new state and the events it causes; `before` is None for a case just opened."""

    case: Case
    events: list[Event]
    before: Before | None
    next_alert_at: datetime | None
    """When the deadline scan should look at the case again (None: nothing left to raise)."""
    workloads: list[WorkloadKey] = field(default_factory=list)
    """Workloads whose open-case count the change moved (announced by the workload refresh)."""

    @classmethod
    def of(cls, case: Case, events: list[Event], *, before: Before | None,
           next_alert_at: datetime | None) -> "CaseChange":
        """The change of a case since `before`, with the workloads it moved."""
        moved = workloads_moved(before=before.owner if before else None, after=ownership(case))
        return cls(case, events, before, next_alert_at, moved)

    @property
    def complaint_id(self) -> str:
        return self.case.complaint_id

    @property
    def expected_version(self) -> int:
        """The stored version the write requires (0 for a new case)."""
        return self.before.version if self.before else 0


class AlertMoment(NamedTuple):
    """When the deadline scan looks at a case again, set only if the case is still at `version`."""

    complaint_id: str
    version: int
    at: datetime | None
