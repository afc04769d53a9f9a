"""The upkeep of the open-case counts (per team and person, and per state and priority): settling the moves a stopped
process left in doubt, and counting afresh from the cases (a store the counts were not kept for: written before
them)."""

from datetime import timedelta

from ..domain.workload import Settlement, counts_by_workload, settlement
from .core import CaseWork

IN_DOUBT_AFTER = timedelta(minutes=1)
"""A writer settles its moves right after its write: one still pending this long after lost its writer."""


async def settle_in_doubt(work: CaseWork, *, older_than: timedelta = IN_DOUBT_AFTER) -> None:
    """Apply the moves in doubt whose case writes happened, drop those whose writes never can; leave the rest."""
    for counters in (work.workloads, work.open_case_counts):
        moves = await counters.in_doubt(older_than=older_than)
        if not moves:
            continue
        recorded = await work.store.recorded_moves({m.complaint_id for m in moves})
        decided = {m.move_id: settlement(m, recorded.get(m.complaint_id)) for m in moves}
        await counters.settle(applied=[m for m in moves if decided[m.move_id] is Settlement.APPLY],
                              dropped=[m for m in moves if decided[m.move_id] is Settlement.DROP],
                              announce=work.announce)
    work.notify()


async def count_if_missing(work: CaseWork) -> bool:
    """Count the workloads and the open cases per state and priority from the cases unless they are counted
    already (each set on its own: the second came later); True when it counted either."""
    counted = False
    if not await work.workloads.counted():
        await rebuild(work)
        counted = True
    if not await work.open_case_counts.counted():
        await rebuild_open_cases(work)
        counted = True
    return counted


async def rebuild(work: CaseWork) -> None:
    """Set every workload to the open cases the store holds now, and announce them all. Exact when no case is
    being changed meanwhile (at start-up, before this instance consumes or serves)."""
    counts = counts_by_workload(await work.store.open_by_owner())
    await work.workloads.rebuild(counts, announce=work.announce)
    work.notify()


async def rebuild_open_cases(work: CaseWork) -> None:
    """Set the open cases per (state, priority) to what the store holds now (exact under the same condition)."""
    await work.open_case_counts.rebuild(await work.store.open_counts(), announce=work.announce)
