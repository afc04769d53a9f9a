"""The clocks at work: a loop that raises due warnings and breaches, refreshes gauges and pending workloads."""

import asyncio
from dataclasses import dataclass
from datetime import timedelta

import structlog

from .deadlines import next_alert_at, raise_deadline_alerts
from .documents import case_from
from .service import Before, ResolutionService

log = structlog.get_logger(__name__)
LOOK_AGAIN = timedelta(hours=1)


@dataclass
class DeadlineScanner:
    service: ResolutionService
    batch_size: int = 500

    async def scan_once(self) -> int:
        """Raise every alert due now on the cases whose look-again moment passed; return the cases changed."""
        svc = self.service
        now = svc.clock()
        changed, moments = [], []
        for doc in await svc.store.due_for_scan(now=now, limit=self.batch_size):
            case = case_from(doc)
            before = Before.of(case)
            try:
                events = raise_deadline_alerts(case=case, now=now, calendar=svc.calendar, policy=svc.policy)
            except LookupError as exc:  # e.g. the calendar lacks the year: look again later, do not spin
                log.warning("deadline scan skipped a case", complaint_id=case.complaint_id, error=str(exc))
                moments.append((case.complaint_id, case.version, now + LOOK_AGAIN))
                continue
            if events:
                changed.append((case, before, events))
            else:  # early by rounding, or nothing left to raise: the next moment it could be
                moments.append((case.complaint_id, case.version,
                                next_alert_at(case=case, calendar=svc.calendar, policy=svc.policy)))
        # A case changed by someone else meanwhile keeps its moment and is scanned again next round.
        conflicts = await svc.store.save([svc.write_of(c, e, before=b) for c, b, e in changed])
        for case, before, events in changed:
            if case.complaint_id not in conflicts:
                svc.stored(case, events, before)
        await svc.store.set_alert_moments(moments)
        if changed:
            svc.notify()
        return len(changed) - len(conflicts)

    async def tick(self) -> None:
        """One round of everything the loop does."""
        while await self.scan_once() >= self.batch_size:
            pass
        await self.service.refresh_workloads()
        self.service.metrics.set_open_cases(await self.service.store.open_counts())

    async def run(self, interval_seconds: float) -> None:
        """Tick every interval until cancelled; a failed round is logged and the next one tries again."""
        while True:
            try:
                await self.tick()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("deadline scan round failed; trying again next round")
            await asyncio.sleep(interval_seconds)
