"""The deadline scan: every warning and breach due, every overdue step of an agreed plan, each raised once; and the
clock control tests and demos use to move time."""

from datetime import timedelta

import structlog
from complaints_chassis.clock import Clock

from ..domain.access import Principal, decide_clock_control
from ..domain.changes import AlertMoment, Before, CaseChange
from ..domain.deadlines import raise_deadline_alerts
from ..domain.errors import ClockControlOff
from ..domain.plan import warn_overdue_steps
from .core import CaseWork, require
from .workload_counts import settle_in_doubt

log = structlog.get_logger(__name__)
LOOK_AGAIN = timedelta(hours=1)
"""When the scan looks again at a case whose deadlines the calendar cannot place (e.g. a year it lacks)."""


async def scan_deadlines(work: CaseWork) -> None:
    """One round of the scan: raise every alert due now, settle the workload moves left in doubt, and refresh the
    open-case gauges."""
    while await _scan_batch(work) >= work.scan_batch_size:
        pass
    await settle_in_doubt(work)
    work.metrics.set_open_cases(await work.open_case_counts.all_counts())


async def _scan_batch(work: CaseWork) -> int:
    """Raise the alerts due on one batch of cases whose look-again moment passed; return the cases changed."""
    now = work.clock()
    changes: list[CaseChange] = []
    moments: list[AlertMoment] = []
    for case in await work.store.due_for_scan(now=now, limit=work.scan_batch_size):
        before = Before.of(case)
        try:
            events = raise_deadline_alerts(case=case, now=now, calendar=work.calendars.for_case(case),
                                           policy=work.policy)
        except LookupError as exc:  # e.g. the calendar lacks the year: look again later, do not spin
            log.warning("deadline scan skipped a case", complaint_id=case.complaint_id, error=str(exc))
            moments.append(AlertMoment(case.complaint_id, case.version, now + LOOK_AGAIN))
            continue
        events += warn_overdue_steps(case=case, now=now, policy=work.policy)
        if events:
            changes.append(work.change(case, events, before=before))
        else:  # early by rounding, or nothing left to raise: the next moment it could be
            moments.append(AlertMoment(case.complaint_id, case.version, work.next_alert_at(case)))
    # A case changed by someone else meanwhile keeps its moment and is scanned again next round.
    conflicts = await work.write(changes, work.store.save)
    await work.store.set_alert_moments(moments)
    if changes:
        work.notify()
    return len(changes) - len(conflicts)


def controlled_clock(work: CaseWork, *, principal: Principal) -> Clock:
    """The service clock, for an admin, where clock control is switched on."""
    if work.clock_control is None:
        raise ClockControlOff("clock control is switched off")
    require(decide_clock_control(principal=principal))
    return work.clock_control


async def shift_clock(work: CaseWork, *, principal: Principal, seconds: float) -> Clock:
    """Move the service clock (tests and demos) and scan the deadlines at once."""
    clock = controlled_clock(work, principal=principal)
    clock.shift(seconds)
    await scan_deadlines(work)
    return clock
