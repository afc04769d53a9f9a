"""The part of an access request (GDPR Art. 15) every service answers: what it keeps about some complaints.

Intake finds the data subject's complaints and asks each service, naming them in the body (never in the URL), then
merges the answers into one document. Only the `privacy` role (the data-protection officer) may ask.
"""

from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Generic, TypeVar

from complaint_contracts.types import ComplaintId
from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from .staff_auth import require_role

MAX_COMPLAINTS = 1000
"""Complaint ids one request may name (a data subject with more is asked for in parts)."""
PRIVACY_ROLE = "privacy"
PATH = "/v1/data-subject-exports"

_PROBLEM = {"content": {"application/problem+json": {}}}
REFUSALS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No valid staff token", **_PROBLEM},
    403: {"description": "Only the privacy role may call this", **_PROBLEM},
    422: {"description": "The body is not valid (the problem names the field)", **_PROBLEM},
}

Kept = TypeVar("Kept")


class SubjectExportRequest(BaseModel):
    """Which complaints' records a service is asked for."""

    model_config = ConfigDict(frozen=True, extra="forbid", json_schema_extra={"examples": [
        {"complaint_ids": ["c-5f0c2d3a9b8e4f61"]}]})

    complaint_ids: list[ComplaintId] = Field(min_length=1, max_length=MAX_COMPLAINTS,
                                             description="The data subject's complaints (intake found them)")

    @property
    def distinct_ids(self) -> list[str]:
        """The ids in the order given, each once."""
        return list(dict.fromkeys(self.complaint_ids))


class ServiceExport(BaseModel, Generic[Kept]):
    """One service's records about the complaints it was asked for, personal values readable where their key lives."""

    service: str = Field(description="The service that keeps these records", examples=["routing"])
    complaints: dict[str, Kept] = Field(description="Complaint id → every record the service keeps about it (a "
                                                     "complaint it holds nothing of is left out)")


def subject_export_router(*, service: str, kept: Any, summary: str,
                          records: Callable[..., Awaitable[dict[str, Any]]]) -> APIRouter:
    """The service's `POST /v1/data-subject-exports`. `records` is a FastAPI dependency taking the
    `SubjectExportRequest` body and the service's deps, answering complaint id → what is kept (of type `kept`)."""
    router = APIRouter(tags=["privacy"])
    answer = ServiceExport[kept]  # type: ignore[valid-type]

    @router.post(PATH, response_model=answer, summary=summary, responses=REFUSALS,
                 dependencies=[Depends(require_role(PRIVACY_ROLE))])
    async def subject_export(found: Annotated[dict[str, Any], Depends(records)]) -> Any:
        return answer(service=service, complaints=found)

    return router
