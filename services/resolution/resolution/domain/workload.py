"""The open cases each team and person carries (routing's capacity view), and the open cases per state and priority
(the operations gauge): what a change moves, how the counts are built from the cases, how a move whose writer
stopped is settled, and where the counts are kept (WorkloadCounters, one set for each)."""

import uuid
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from enum import StrEnum
from typing import NamedTuple, Protocol

from complaint_contracts.base import Event
from complaint_contracts.resolution import SOURCE, WorkloadChanged

from .case import Case

WorkloadKey = tuple[str, str | None]
"""(team, person) whose open cases are counted; a None person is the team as a whole."""


class Ownership(NamedTuple):
    """Who a case counts against, and whether it counts at all (only open cases do)."""

    team: str
    assignee: str | None
    counts: bool


def ownership(case: Case) -> Ownership:
    """Take the case's owner and whether it is open, before or after a command."""
    return Ownership(team=case.team, assignee=case.assignee, counts=case.is_open)


def counted_in(owner: Ownership) -> list[WorkloadKey]:
    """The workloads a case counts in: its team's, and its person's when it has one (none once it is finished)."""
    if not owner.counts:
        return []
    return [(owner.team, None)] + ([(owner.team, owner.assignee)] if owner.assignee is not None else [])


class WorkloadMove(NamedTuple):
    """What one case write does to the counts: +1 or -1 on each workload it moves.

    Every attempt at a write gets a move of its own, and the write records the move's id on the case; whether the
    case holds the id tells whether that write happened, so the counts take each move once whatever stops when.
    """

    move_id: str
    complaint_id: str
    version: int
    """The case version the write stores."""
    deltas: dict[WorkloadKey, int]


def move_of(*, complaint_id: str, version: int, before: Ownership | None, after: Ownership) -> WorkloadMove | None:
    """The move of a write that takes the case from `before` (None: a new case) to `after`; None if no count
    changes (a case handed to a colleague moves the two people's counts, not the team's)."""
    deltas: Counter[WorkloadKey] = Counter()
    for owner, sign in ((before, -1), (after, 1)):
        for key in (counted_in(owner) if owner is not None else []):
            deltas[key] += sign
    return _move(complaint_id, version, deltas)


def open_bucket(case: Case) -> WorkloadKey:
    """The (state, priority) the open-case gauge counts the case under (a finished case's is counted nowhere)."""
    return case.state.value, case.priority.value


def bucket_move_of(*, complaint_id: str, version: int, before: WorkloadKey | None, before_open: bool,
                   after: WorkloadKey, after_open: bool) -> WorkloadMove | None:
    """The gauge's move of a write that takes the case from one (state, priority) to another (`before` None: a new
    case); None when the case stays where it was counted, or was and stays uncounted (finished)."""
    deltas: Counter[WorkloadKey] = Counter()
    if before is not None and before_open:
        deltas[before] -= 1
    if after_open:
        deltas[after] += 1
    return _move(complaint_id, version, deltas)


def _move(complaint_id: str, version: int, deltas: Mapping[WorkloadKey, int]) -> WorkloadMove | None:
    moved = {key: delta for key, delta in deltas.items() if delta}
    if not moved:
        return None
    return WorkloadMove(f"{complaint_id}@{version}:{uuid.uuid4().hex[:12]}", complaint_id, version, moved)


def counts_by_workload(open_by_owner: Mapping[WorkloadKey, int]) -> dict[WorkloadKey, int]:
    """Every workload's count from the open cases per (team, person) (a None person: the case has nobody yet)."""
    counts: Counter[WorkloadKey] = Counter()
    for (team, assignee), n in open_by_owner.items():
        for key in counted_in(Ownership(team, assignee, counts=True)):
            counts[key] += n
    return dict(counts)


class RecordedMoves(NamedTuple):
    """What a stored case says about the moves written with it."""

    version: int
    move_ids: frozenset[str]


class Settlement(StrEnum):
    APPLY = "apply"
    """The case holds the move: its write happened."""
    DROP = "drop"
    """The case went past the move's version without it: its write can never happen."""
    WAIT = "wait"
    """Its write may still come (the case is older, or not there yet)."""


def settlement(move: WorkloadMove, recorded: RecordedMoves | None) -> Settlement:
    """Decide a move whose writer never said how its write ended, from the case as it is stored now."""
    if recorded is None:
        return Settlement.WAIT
    if move.move_id in recorded.move_ids:
        return Settlement.APPLY
    return Settlement.DROP if recorded.version >= move.version else Settlement.WAIT


def workload_changed(*, key: WorkloadKey, open_cases: int, at: datetime) -> WorkloadChanged:
    """Announce a workload's open-case count. Never below zero: counters that drifted (a store two versions wrote
    at once during an upgrade) must not stop casework; rebuilding them counts afresh."""
    team, assignee = key
    return WorkloadChanged(source=SOURCE, time=at, team=team, assignee=assignee, open_cases=max(open_cases, 0))


Announce = Callable[[WorkloadKey, int], Event]
"""Builds the event that announces a workload's new count."""


class WorkloadCounters(Protocol):
    """Open cases per team and person, moved by the case writes: a write's move is registered before the write and
    settled after it (applied if the write happened, dropped if not), each move exactly once."""

    async def register(self, moves: Sequence[WorkloadMove]) -> None:
        """Keep the moves as pending on their workloads (before the case write: a process stopped after it leaves
        them in doubt, not lost)."""
        ...

    async def settle(self, *, applied: Sequence[WorkloadMove], dropped: Sequence[WorkloadMove],
                     announce: Announce) -> None:
        """Add the applied moves to the counts and forget the dropped ones (a move settled already changes nothing);
        queue the announcement of every count that changed with the change itself."""
        ...

    async def in_doubt(self, *, older_than: timedelta) -> list[WorkloadMove]:
        """Moves registered longer ago than that and still pending (their writer stopped, or is slow)."""
        ...

    async def counted(self) -> bool:
        """Whether the counts were built (by a rebuild, or from the start on a new store)."""
        ...

    async def rebuild(self, counts: Mapping[WorkloadKey, int], *, announce: Announce) -> None:
        """Set every workload to its count (those not given to zero), forget pending moves, announce every count,
        and mark the counts built."""
        ...

    async def all_counts(self) -> dict[WorkloadKey, int]:
        """Every count kept (read in one go: there are few)."""
        ...
