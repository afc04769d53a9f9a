"""The ends of the retention periods, applied by one leased pass (see entrypoints/retention_timer):
- personal data: customers whose complaints have all been closed longer than `INTAKE_PERSONAL_DATA_RETENTION_DAYS`
  are erased (keys destroyed, complaints announced), one erasure per page of the scan;
- complaint records: complaints closed longer than `INTAKE_RECORD_RETENTION_DAYS` are announced
  (`ComplaintRecordExpired`, through the outbox) and, once that is published, deleted with everything intake keeps
  about them; the keys of a customer left with no complaint go too."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import structlog
from complaints_chassis.clock import Now
from complaints_chassis.personal_data import KeyStore

from ..adapters.metrics import IntakeMetrics
from ..domain.privacy_ports import PrivacyStore, RecordStore
from ..domain.retention import expired_records, expired_subjects, record_expired, subjects_to_shred
from .erasure import ErasureService

log = structlog.get_logger(__name__)


@dataclass
class RetentionService:
    store: PrivacyStore
    erasure: ErasureService
    clock: Now
    retention: timedelta
    """How long after closure personal data is kept."""
    batch_size: int = 500

    async def expire(self) -> int:
        """One pass over the complaints closed before the cutoff; returns how many complaints were erased."""
        cutoff = self.clock() - self.retention
        erased, after = 0, None
        while page := await self.store.closed_by(cutoff, after=after, limit=self.batch_size):
            after = page[-1].complaint_id
            subjects = {c.subject for c in page}
            expired = expired_subjects(await self.store.closures_of(subjects), cutoff=cutoff)
            if expired:
                record = await self.erasure.erase(expired, reason="retention", basis="retention")
                erased += len(record.complaint_ids)
        return erased


@dataclass(frozen=True)
class RecordPass:
    """What one pass over the complaint records did (counts only: the audit names no complaint)."""

    announced: int
    deleted: int
    keys_destroyed: int


@dataclass
class RecordRetentionService:
    store: RecordStore
    keys: KeyStore
    clock: Now
    notify: Callable[[], None]
    """Wakes the outbox relay after announcements were queued."""
    metrics: IntakeMetrics
    retention: timedelta
    """How long after closure a complaint's record is kept."""
    batch_size: int = 500

    async def expire(self) -> RecordPass:
        """Announce the records that expired, then delete those announced (by this pass or an earlier one) whose
        announcement is published; what is still queued is deleted by a later pass."""
        announced = await self._announce()
        deleted, destroyed = await self._delete()
        if announced or deleted or destroyed:
            log.info("complaint records expired", announced=announced, deleted=deleted, keys_destroyed=destroyed,
                     retention_days=self.retention.days)
        return RecordPass(announced=announced, deleted=deleted, keys_destroyed=destroyed)

    async def _announce(self) -> int:
        now = self.clock()
        announced, after = 0, None
        while page := await self.store.closed_records(now - self.retention, after=after, limit=self.batch_size):
            after = page[-1].complaint_id
            events = [record_expired(c, retention=self.retention, at=now)
                      for c in expired_records(page, now=now, retention=self.retention)]
            announced += await self.store.mark_expired(events)
        if announced:
            self.notify()
        return announced

    async def _delete(self) -> tuple[int, int]:
        deleted, destroyed, after = 0, 0, None
        while page := await self.store.expired_records(after=after, limit=self.batch_size):
            after = page[-1].complaint_id
            ids = {r.complaint_id for r in page}
            keeping = await self.store.subjects_with_records({r.subject for r in page}, besides=ids)
            # Keys before records: a pass cut short in between finds the records again and has nothing to destroy.
            for subject in sorted(subjects_to_shred(page, keeping_records=keeping)):
                destroyed += len(await self.keys.destroy(subject))
            deleted += await self.store.delete_records(ids)
        self.metrics.records_deleted.inc(deleted)
        return deleted, destroyed
