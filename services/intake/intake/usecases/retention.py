"""The end of the retention period: the personal data of customers whose complaints have all been closed longer than
`INTAKE_PERSONAL_DATA_RETENTION_DAYS` is erased (keys destroyed, complaints announced), one erasure per page of the
scan."""

from dataclasses import dataclass
from datetime import timedelta

from complaints_chassis.clock import Now

from ..domain.privacy_ports import PrivacyStore
from ..domain.retention import expired_subjects
from .erasure import ErasureService


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

