"""The customer's access request (GDPR Art. 15): every record resolution keeps about their complaints, which
intake's export gathers from each service."""

from complaints_chassis.subject_exports import SubjectExportRequest, subject_export_router

from ..deps import Deps
from ..usecases.personal_data import KeptRecords


async def _records(request: SubjectExportRequest, deps: Deps) -> dict[str, KeptRecords]:
    return await deps.service.kept_records(complaint_ids=request.distinct_ids)


router = subject_export_router(
    service="resolution", kept=KeptRecords, records=_records,
    summary="Every record kept about some complaints, personal data readable until erased (privacy role)")
