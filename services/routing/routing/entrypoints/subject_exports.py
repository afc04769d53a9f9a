"""HTTP: what routing keeps about a data subject's complaints, for an access request (GDPR Art. 15).

Intake finds the subject's complaints and asks every service for what it keeps about them: here the decisions
(with the facts re-routing needs and the explanation), the text kept for the learning window, examples staff
corrections made of it, and what the duplicate fingerprint holds.
"""

from typing import Any

from complaint_contracts.types import ComplaintId
from fastapi import APIRouter
from pydantic import BaseModel, Field

from ..deps import Deps
from .access import PRIVACY_ROLES, allow, refusals

MAX_COMPLAINTS = 1000

router = APIRouter(prefix="/v1", tags=["privacy"])


class SubjectExportRequest(BaseModel):
    complaint_ids: list[ComplaintId] = Field(min_length=1, max_length=MAX_COMPLAINTS,
                                             description="The data subject's complaints (intake knows which)")


class SubjectExport(BaseModel):
    service: str = Field(description="Who answers", examples=["routing"])
    complaints: dict[str, dict[str, Any]] = Field(
        description="Complaint id → what routing keeps about it: `decision`, `assessed_text`, `kept_examples`, "
                    "`duplicate_fingerprint` (each where kept; complaints routing never saw are left out)")


@router.post("/data-subject-exports", dependencies=allow(*PRIVACY_ROLES),
             responses=refusals("the privacy officer (role privacy)"),
             summary="What routing keeps about a data subject's complaints (access requests)")
async def subject_export(request: SubjectExportRequest, deps: Deps) -> SubjectExport:
    return SubjectExport(service="routing",
                         complaints=await deps.privacy.records(complaint_ids=request.complaint_ids))
