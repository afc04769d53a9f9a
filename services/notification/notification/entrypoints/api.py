"""HTTP API of notification: what it keeps about complaints, for a data subject's access request (GDPR Art. 15)."""

from complaints_chassis.subject_exports import SubjectExportRequest, subject_export_router

from ..deps import Deps
from ..domain.exports import ComplaintRecord


async def _records(request: SubjectExportRequest, deps: Deps) -> dict[str, ComplaintRecord]:
    return await deps.service.export(complaint_ids=request.distinct_ids)


router = subject_export_router(service="notification", kept=ComplaintRecord, records=_records,
                               summary="Every record notification keeps about these complaints")
