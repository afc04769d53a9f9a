"""A complaint record at the end of its retention: resolution deletes what it keeps about the complaint (the case
with everything inside it, the details, search keys and words, the conversation) and takes it off the corrective
actions that list it. Only closed cases go, so the open-case counts never move; a case still open here, though
intake found the complaint closed for years, is kept whole and its event rejected (dead-lettered) for a person to
look into."""

from collections.abc import Sequence

from complaint_contracts.intake import ComplaintRecordExpired
from complaints_chassis.consumer import PermanentError

from .core import CaseWork


async def expire_records(work: CaseWork, *, expired: Sequence[ComplaintRecordExpired]) -> None:
    """One write per collection for the batch; a repeat finds nothing left and deletes nothing."""
    ids = sorted({event.complaint_id for event in expired})
    still_open = sorted(cid for cid, case in (await work.store.get_many(ids)).items() if case.is_open)
    closed = [cid for cid in ids if cid not in still_open]
    if closed:
        await work.records.delete(closed)
        await work.actions.unlink(closed)
        await work.store.delete(closed)  # last: a retry after a failure above still finds the case closed
    if still_open:
        raise PermanentError(f"record expired but the case is open here: {', '.join(still_open)} (kept)")
