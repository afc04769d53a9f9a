"""The customer's access request (GDPR Art. 15): every record resolution keeps about their complaints, which
intake's export gathers from each service (staff role `privacy` only; the complaint ids travel in the body, never
in the URL)."""

from typing import Annotated

from complaints_chassis.staff_auth import StaffClaims, require_role
from fastapi import APIRouter, Depends

from ..deps import Deps
from .problems import ERRORS
from .schemas import DataSubjectExportBody
from .views import DataSubjectExport

router = APIRouter(tags=["privacy"])
PrivacyOfficer = Annotated[StaffClaims, Depends(require_role("privacy"))]


@router.post("/v1/data-subject-exports", response_model=DataSubjectExport, responses=ERRORS,
             summary="Every record kept about some complaints, personal data readable until erased (privacy role)")
async def data_subject_export(body: DataSubjectExportBody, deps: Deps, _: PrivacyOfficer) -> DataSubjectExport:
    return DataSubjectExport(service="resolution",
                             complaints=await deps.service.kept_records(complaint_ids=body.complaint_ids))
