"""HTTP API of notification: what it keeps about complaints, for a data subject's access request (GDPR Art. 15).

Intake gathers the answers of every service into one document; only the `privacy` role may ask. Complaint ids go
in the body, never in the URL.
"""

from typing import Any

from complaint_contracts.types import ComplaintId
from complaints_chassis.staff_auth import require_role
from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from ..deps import Deps
from ..domain.exports import ComplaintRecord

SERVICE = "notification"
MAX_COMPLAINTS = 1000
PROBLEM = {"content": {"application/problem+json": {}}}

router = APIRouter(prefix="/v1", tags=["privacy"])


class ExportRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    complaint_ids: list[ComplaintId] = Field(min_length=1, max_length=MAX_COMPLAINTS,
                                             description="The data subject's complaints")


class ExportAnswer(BaseModel):
    service: str = Field(description="Which service answers", examples=[SERVICE])
    complaints: dict[str, ComplaintRecord] = Field(
        description="Complaint id → what notification keeps about it (complaints it knows nothing of are absent)")


REFUSALS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No valid staff token", **PROBLEM},
    403: {"description": "Only the privacy role may call this", **PROBLEM},
    422: {"description": "The body is not valid (the problem names the field)", **PROBLEM},
}


@router.post("/data-subject-exports", summary="Every record notification keeps about these complaints",
             dependencies=[Depends(require_role("privacy"))], responses=REFUSALS)
async def export(request: ExportRequest, deps: Deps) -> ExportAnswer:
    complaints = await deps.service.export(complaint_ids=list(dict.fromkeys(request.complaint_ids)))
    return ExportAnswer(service=SERVICE, complaints=complaints)
