"""Evidence for staff: downloads by the owning team and the overseeing roles, every one audited."""

from dataclasses import dataclass

from complaints_chassis.clock import Now

from ..adapters.metrics import IntakeMetrics
from ..domain.complaint import Download, StoredFile
from ..domain.ownership import download_refusal
from ..domain.ports import IntakeStore
from .errors import Forbidden, NotFound


@dataclass
class StaffFilesService:
    """Evidence for staff: the owning team's members and the overseeing roles may download it; audited."""

    store: IntakeStore
    clock: Now
    metrics: IntakeMetrics

    async def attachment(self, *, complaint_id: str, attachment_id: str, subject: str, roles: frozenset[str],
                         teams: frozenset[str]) -> StoredFile:
        """The file, or NotFound (no such complaint or file) or Forbidden (not this member of staff's)."""
        known, owning_team = await self.store.owning_team(complaint_id)
        if not known:
            self.metrics.downloads.labels(by="staff", outcome="not_found").inc()
            raise NotFound()
        refusal = download_refusal(roles=roles, teams=teams, owning_team=owning_team)
        if refusal is not None:
            self.metrics.downloads.labels(by="staff", outcome="forbidden").inc()
            raise Forbidden(refusal)
        stored = await self.store.stored_file(attachment_id)
        if stored is None or stored.complaint_id != complaint_id:
            self.metrics.downloads.labels(by="staff", outcome="not_found").inc()
            raise NotFound()
        await self.store.audit_download(Download(attachment_id=attachment_id, complaint_id=complaint_id,
                                                 at=self.clock(), by=subject, roles=tuple(sorted(roles))))
        self.metrics.downloads.labels(by="staff", outcome="served").inc()
        return stored
