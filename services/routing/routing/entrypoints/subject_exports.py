"""HTTP: what routing keeps about a data subject's complaints, for an access request (GDPR Art. 15): the
decisions (with the facts re-routing needs and the explanation), the text kept for the learning window, examples
staff corrections made of it, and what the duplicate fingerprint holds."""

from typing import Any

from complaints_chassis.subject_exports import SubjectExportRequest, subject_export_router

from ..deps import Deps


async def _records(request: SubjectExportRequest, deps: Deps) -> dict[str, Any]:
    return await deps.privacy.records(complaint_ids=request.distinct_ids)


router = subject_export_router(service="routing", kept=dict[str, Any], records=_records,
                               summary="What routing keeps about a data subject's complaints (access requests)")
