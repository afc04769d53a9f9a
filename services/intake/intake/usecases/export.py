"""Access requests: the data subject's complaints found, intake's own records opened, every other service's part
gathered, all in one document."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from complaint_contracts import ComplaintReceived
from complaints_chassis.clock import Now
from complaints_chassis.personal_data import KeyRing

from ..adapters.documents import ENTRIES
from ..domain.erasure import SubjectQuery
from ..domain.export import AccessExport, ServiceExport, SubjectFound
from ..domain.privacy_ports import ExportSources, PrivacyStore
from ..domain.subjects import LinkedSubject
from .sealed import opened_with_texts
from .subjects import NoSuchSubject, SubjectFinder

SERVICE = "intake"


@dataclass
class ExportService:
    store: PrivacyStore
    finder: SubjectFinder
    keys: KeyRing
    sources: ExportSources
    clock: Now

    async def records(self, complaint_ids: Sequence[str]) -> ServiceExport:
        """Every record intake keeps about the complaints, the complaint as filed and the texts staff wrote to the
        customer opened (one key look-up)."""
        records = await self.store.export_records(complaint_ids)
        filed, texts = await opened_with_texts(
            self.keys, [(ComplaintReceived, r["complaint"]) for r in records.values()],
            (entry.get("text") for r in records.values() for entry in r.get(ENTRIES, ())))
        return ServiceExport(service=SERVICE, complaints={
            complaint_id: record | {"complaint": complaint, ENTRIES: [_shown(entry, texts) for entry in
                                                                      record.get(ENTRIES, ())]}
            for (complaint_id, record), complaint in zip(records.items(), filed, strict=True)})

    async def export(self, *, query: SubjectQuery, authorization: str | None) -> AccessExport:
        """The data subject's complaints, found as an erasure finds them (linked ones included), and every service's
        records about them; `authorization` (the caller's own) is what the other services check. Nobody found is
        an export of no complaint: the answer that nothing is kept."""
        try:
            subject = await self.finder.linked(query)
        except NoSuchSubject:
            subject = LinkedSubject(subjects=frozenset(), followed=())
        ids = [c.complaint_id for c in await self.finder.complaints_of(subject)]
        others: dict[str, dict[str, Any]] = (
            await self.sources.gather(ids, authorization=authorization) if ids
            else {name: {"complaints": {}} for name in self.sources.names})
        own = await self.records(ids) if ids else ServiceExport(service=SERVICE, complaints={})
        found = SubjectFound(basis=query.basis, complaints=ids, identifiers_followed=list(subject.followed))
        return AccessExport(generated_at=self.clock(), subject=found,
                            services={SERVICE: {"complaints": own.complaints}, **others})


def _shown(entry: dict[str, Any], texts: dict[str, str]) -> dict[str, Any]:
    """A timeline entry with the text staff wrote to the customer opened (it is kept sealed as it came)."""
    text = entry.get("text")
    return entry | {"text": texts[text]} if text in texts else entry
