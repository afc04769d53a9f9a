"""The upkeep of the open-case counts: settling the moves a stopped process left in doubt, and counting afresh from
the cases (a store the counts were not kept for: written before them)."""

from datetime import timedelta

from ..domain.workload import Settlement, counts_by_workload, settlement
from .core import CaseWork

IN_DOUBT_AFTER = timedelta(minutes=1)
"""A writer settles its moves right after its write: one still pending this long after lost its writer."""


async def settle_in_doubt(work: CaseWork, *, older_than: timedelta = IN_DOUBT_AFTER) -> None:
    """Apply the moves in doubt whose case writes happened, drop those whose writes never can; leave the rest."""
    moves = await work.workloads.in_doubt(older_than=older_than)
    if not moves:
        return
    recorded = await work.store.recorded_moves({m.complaint_id for m in moves})
    decided = {m.move_id: settlement(m, recorded.get(m.complaint_id)) for m in moves}
    await work.workloads.settle(applied=[m for m in moves if decided[m.move_id] is Settlement.APPLY],
                                dropped=[m for m in moves if decided[m.move_id] is Settlement.DROP],
                                announce=work.announce)
    work.notify()


async def count_if_missing(work: CaseWork) -> bool:
    """Count the workloads from the cases unless they are counted already; True when it counted."""
    if await work.workloads.counted():
        return False
    await rebuild(work)
    return True


async def rebuild(work: CaseWork) -> None:
    """Set every workload to the open cases the store holds now, and announce them all. Exact when no case is
    being changed meanwhile (at start-up, before this instance consumes or serves)."""
    counts = counts_by_workload(await work.store.open_by_owner())
    await work.workloads.rebuild(counts, announce=work.announce)
    work.notify()
