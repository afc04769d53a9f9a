"""Routing's view of who is busy and who was assigned last: snapshots the store hands to the decisions."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC
from types import MappingProxyType

from complaint_contracts.resolution import WorkloadChanged

WorkloadKey = tuple[str, str | None]
"""(team, employee) — employee None for the team as a whole, as in `WorkloadChanged`."""


@dataclass(frozen=True)
class WorkloadSnapshot:
    """Open cases per team and per employee, as last reported by resolution."""

    open_cases: Mapping[WorkloadKey, int] = field(default_factory=lambda: MappingProxyType({}))

    def of_member(self, *, team: str, member: str) -> int:
        """Open cases of an employee in a team (0 when never reported)."""
        return self.open_cases.get((team, member), 0)

    def of_team(self, *, team: str) -> int:
        """Open cases of a team: its own report, else the sum over its employees."""
        if (team, None) in self.open_cases:
            return self.open_cases[(team, None)]
        return sum(count for (name, member), count in self.open_cases.items() if name == team and member)

    def apply(self, *, event: WorkloadChanged) -> "WorkloadSnapshot":
        """The snapshot after a `WorkloadChanged` report."""
        return WorkloadSnapshot(open_cases=MappingProxyType(
            {**self.open_cases, (event.team, event.assignee): event.open_cases}))


@dataclass(frozen=True)
class AssignmentHistory:
    """The employee each team assigned last, for round robin."""

    last_assignee: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def record(self, *, team: str, assignee: str | None) -> "AssignmentHistory":
        """The history after an assignment (a team-level assignment leaves it unchanged)."""
        if assignee is None:
            return self
        return AssignmentHistory(last_assignee=MappingProxyType({**self.last_assignee, team: assignee}))


@dataclass(frozen=True)
class Staffing:
    """What assignment weighs besides the rules: who is busy, and whose turn it is in each team."""

    workload: WorkloadSnapshot = field(default_factory=WorkloadSnapshot)
    history: AssignmentHistory = field(default_factory=AssignmentHistory)

    def assigned(self, *, team: str, assignee: str | None) -> "Staffing":
        """The staffing after an assignment (the workload view changes only when resolution reports it)."""
        return Staffing(workload=self.workload, history=self.history.record(team=team, assignee=assignee))


@dataclass(frozen=True)
class WorkloadReport:
    team: str
    assignee: str | None
    open_cases: int
    order: str
    """Sortable position of the report (event time, then id): only a later report replaces a stored one."""


def latest_reports(changes: Sequence[WorkloadChanged]) -> list[WorkloadReport]:
    """The latest report per team and employee among `changes` (by event time, then event id)."""
    latest: dict[WorkloadKey, WorkloadReport] = {}
    for event in changes:
        order = f"{event.time.astimezone(UTC):%Y-%m-%dT%H:%M:%S.%f}|{event.id}"
        key = (event.team, event.assignee)
        if key not in latest or latest[key].order < order:
            latest[key] = WorkloadReport(event.team, event.assignee, event.open_cases, order)
    return list(latest.values())
