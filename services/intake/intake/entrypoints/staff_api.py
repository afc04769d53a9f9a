"""HTTP API for staff (bearer token, verified by the chassis): logging a complaint for a customer, and downloading
a complaint's evidence. Routes are thin: parse, one service call, answer.
"""

from typing import Annotated, Any

from complaints_chassis.staff_auth import STAFF_ROLES, StaffClaims, require_role, staff_claims
from fastapi import APIRouter, Depends, Request, Response

from ..deps import Deps
from .answers import download, record_filing, staff_problems
from .guards import no_access_code_in_url, within_budget
from .schemas import FILE_RESPONSE, PROBLEM, FilingReceipt, IdempotencyKey, StaffComplaintFiling, inline_schema

Staff = Annotated[StaffClaims, Depends(staff_claims)]
AnyStaffRole = Annotated[StaffClaims, Depends(require_role(*sorted(STAFF_ROLES)))]
"""Whoever on staff takes a complaint from a customer logs it (ISO 10002: any member of staff), but a token
without a staff role is refused."""
"""The member of staff the bearer token speaks for (any role)."""

STAFF_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "No bearer token, or one that cannot be trusted", **PROBLEM},
    403: {"description": "This member of staff may not do this", **PROBLEM},
    429: {"description": "Too many requests from this client", **PROBLEM},
}

router = APIRouter(prefix="/v1/staff", tags=["staff"],
                   dependencies=[Depends(within_budget), Depends(no_access_code_in_url)])


@router.post(
    "/complaints", status_code=201, response_model=FilingReceipt, summary="Log a complaint for a customer",
    description="A complaint taken on the phone, at a branch or from a letter: the same body as a filing, with the "
                "channel it came in through. The answer holds the tracking number and access code to give the "
                "customer; the customer gets the acknowledgement like any other. The member of staff who logged it "
                "is recorded (`taken_by`).",
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": inline_schema(StaffComplaintFiling)}}}},
    responses=STAFF_RESPONSES | {
        200: {"description": "Replay of an earlier request with the same Idempotency-Key", "model": FilingReceipt},
        413: {"description": "The request body is larger than the limits allow", **PROBLEM},
        415: {"description": "The body is not JSON", **PROBLEM},
        422: {"description": "The complaint is not valid: every offending field is named", **PROBLEM}},
)
async def log_complaint(request: Request, response: Response, deps: Deps, staff: AnyStaffRole,
                        idempotency_key: IdempotencyKey = None) -> FilingReceipt:
    return await record_filing(request, response, deps, idempotency_key=idempotency_key, taken_by=staff.subject)


@router.get("/complaints/{complaint_id}/attachments/{attachment_id}", summary="Download a complaint's file",
            description="For staff of the team that owns the complaint, and for supervisors, quality, legal and "
                        "admins. Every download is audited.",
            response_class=Response,
            responses=STAFF_RESPONSES | FILE_RESPONSE | {404: {"description": "No such complaint or file", **PROBLEM}})
async def download_attachment(complaint_id: str, attachment_id: str, deps: Deps, staff: Staff) -> Response:
    with staff_problems():
        return download(await deps.staff_files.attachment(complaint_id=complaint_id, attachment_id=attachment_id,
                                                          subject=staff.subject, roles=staff.roles,
                                                          teams=staff.teams))
