"""Which team and person workloads a change moved, so routing's capacity view can be refreshed."""

from datetime import datetime
from typing import NamedTuple

from complaint_contracts.resolution import SOURCE, WorkloadChanged

from .case import Case

WorkloadKey = tuple[str, str | None]
"""(team, person) whose open cases are counted; a None person is the team as a whole."""


class WorkloadMark(NamedTuple):
    """A workload a stored change moved, waiting to be announced (each change leaves a fresh mark)."""

    team: str
    assignee: str | None
    mark: str


PendingWorkloads = dict[str, list[WorkloadMark]]
"""Case id → marks of workloads its changes moved and nobody announced yet."""


class Ownership(NamedTuple):
    """Who a case counts against, and whether it counts at all (only open cases do)."""

    team: str
    assignee: str | None
    counts: bool


def ownership(case: Case) -> Ownership:
    """Take the case's owner and whether it is open, before or after a command."""
    return Ownership(team=case.team, assignee=case.assignee, counts=case.is_open)


def workloads_moved(*, before: Ownership | None, after: Ownership) -> list[WorkloadKey]:
    """List the (team, person) workloads whose open-case count changed; a None person is the team as a whole."""
    if before == after:
        return []
    team_total_moved = before is None or before.team != after.team or before.counts != after.counts
    touched: list[WorkloadKey] = []
    for owner in (before, after):
        if owner is None:
            continue
        keys: list[WorkloadKey] = ([(owner.team, None)] if team_total_moved else []) + (
            [(owner.team, owner.assignee)] if owner.assignee is not None else [])
        touched.extend(key for key in keys if key not in touched)
    return touched


def workload_changed(*, team: str, assignee: str | None, open_cases: int, at: datetime) -> WorkloadChanged:
    """Announce a workload's open-case count (the store counts; this only builds the event)."""
    return WorkloadChanged(source=SOURCE, time=at, team=team, assignee=assignee, open_cases=open_cases)
