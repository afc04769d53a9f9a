"""HTTP: the facts analytics keeps about a data subject's complaints, for an access request (GDPR Art. 15).

Facts hold no personal data, but they are about the person all the same (pseudonymous data is personal data).
"""

from typing import Any

from complaints_chassis.subject_exports import SubjectExportRequest, subject_export_router

from ..deps import Deps


async def _facts(request: SubjectExportRequest, deps: Deps) -> dict[str, Any]:
    facts = await deps.service.subject_facts(complaint_ids=request.distinct_ids)
    return {complaint_id: fact.model_dump(mode="json") for complaint_id, fact in facts.items()}


router = subject_export_router(service="analytics", kept=dict[str, Any], records=_facts,
                               summary="The facts kept about a data subject's complaints (access requests)")
