"""HTTP: the facts analytics keeps about a data subject's complaints, for an access request (GDPR Art. 15).

Intake finds the subject's complaints and asks every service for what it keeps about them; facts hold no personal
data, but they are about the person all the same (pseudonymous data is personal data).
"""

from typing import Any

from complaint_contracts.types import ComplaintId
from fastapi import APIRouter
from pydantic import BaseModel, Field

from ..deps import Deps
from .access import PRIVACY, PRIVACY_REFUSALS

MAX_COMPLAINTS = 1000

router = APIRouter(prefix="/v1", tags=["privacy"])


class SubjectExportRequest(BaseModel):
    complaint_ids: list[ComplaintId] = Field(min_length=1, max_length=MAX_COMPLAINTS,
                                             description="The data subject's complaints (intake knows which)")


class SubjectExport(BaseModel):
    service: str = Field(description="Who answers", examples=["analytics"])
    complaints: dict[str, dict[str, Any]] = Field(
        description="Complaint id → its fact (complaints without one are left out)")


@router.post("/data-subject-exports", dependencies=PRIVACY, responses=PRIVACY_REFUSALS,
             summary="The facts kept about a data subject's complaints (access requests)")
async def subject_export(request: SubjectExportRequest, deps: Deps) -> SubjectExport:
    facts = await deps.service.subject_facts(complaint_ids=request.complaint_ids)
    return SubjectExport(service="analytics", complaints={complaint_id: fact.model_dump(mode="json")
                                                          for complaint_id, fact in facts.items()})
