"""Access requests: the data subject's complaints found, intake's own records opened, every other service's part
gathered, all in one document."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from complaint_contracts import ComplaintReceived
from complaints_chassis.clock import Now
from complaints_chassis.personal_data import KeyRing

from ..domain.erasure import SubjectQuery
from ..domain.export import AccessExport, ServiceExport, SubjectFound
from ..domain.privacy_ports import ExportSources, PrivacyStore
from .sealed import opened
from .subjects import SubjectFinder

SERVICE = "intake"


@dataclass
class ExportService:
    store: PrivacyStore
    finder: SubjectFinder
    keys: KeyRing
    sources: ExportSources
    clock: Now

    async def records(self, complaint_ids: Sequence[str]) -> ServiceExport:
        """Every record intake keeps about the complaints, the complaint as filed opened (one key look-up)."""
        records = await self.store.export_records(complaint_ids)
        filed = await opened(self.keys, [(ComplaintReceived, r["complaint"]) for r in records.values()])
        return ServiceExport(service=SERVICE, complaints={
            complaint_id: record | {"complaint": complaint}
            for (complaint_id, record), complaint in zip(records.items(), filed, strict=True)})

    async def export(self, *, query: SubjectQuery, authorization: str | None) -> AccessExport:
        """The data subject's complaints and every service's records about them; `authorization` (the caller's
        own) is what the other services check."""
        ids = [c.complaint_id for c in await self.finder.complaints_of(query)]
        others: dict[str, dict[str, Any]] = (
            await self.sources.gather(ids, authorization=authorization) if ids
            else {name: {"complaints": {}} for name in self.sources.names})
        own = await self.records(ids) if ids else ServiceExport(service=SERVICE, complaints={})
        return AccessExport(generated_at=self.clock(), subject=SubjectFound(basis=query.basis, complaints=ids),
                            services={SERVICE: {"complaints": own.complaints}, **others})
