"""HTTP API for the privacy office (staff role `privacy`): erasure requests and their audit records, and access
exports (the whole one, and intake's own part that another service's export could ask for).

The customer is named in a body wherever the API allows it: URLs end up in logs, proxies and traces. The query form
of the export exists because the access request is commonly made so; it is the second choice, and takes the e-mail
address (or a tracking number) only: a phone number goes in the POST form's body.
"""

from typing import Annotated, Any

from complaints_chassis.problems import Problem
from complaints_chassis.staff_auth import StaffClaims, require_role
from fastapi import APIRouter, Depends, Query, Request, Response

from ..deps import Deps
from ..domain.erasure import ErasureAnswer, ErasureRecord, ErasureRequest, SubjectQuery
from ..domain.export import AccessExport, ExportQuery, ServiceExport, SubjectExportRequest
from ..usecases import NotFound
from ..usecases.subjects import NoSuchSubject
from .guards import strict_json, within_budget
from .schemas import PROBLEM

PrivacyOfficer = Annotated[StaffClaims, Depends(require_role("privacy"))]
"""A member of staff with the role `privacy`."""

PRIVACY_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "No bearer token, or one that cannot be trusted", **PROBLEM},
    403: {"description": "Only the privacy office (role `privacy`) may do this", **PROBLEM},
    429: {"description": "Too many requests from this client", **PROBLEM},
}

router = APIRouter(prefix="/v1", tags=["privacy"], dependencies=[Depends(within_budget)])


@router.post(
    "/erasure-requests", status_code=201, response_model=ErasureAnswer, summary="Erase a customer's personal data",
    description="Finds every complaint of the customer (by e-mail address or phone number, or by a tracking number "
                "of one of them) and of the same person under another identifier: the e-mail addresses and phone "
                "numbers on file with the complaints found lead to further complaints, until no new one turns up "
                "(`identifiers_followed` names their kinds). Destroys the keys of all of them, so that their "
                "personal data can no longer be read anywhere, and tells every service to drop its copies "
                "(`PersonalDataErased`). The complaints keep their record: dates, category, outcome, redress, "
                "deadlines. Audited without the personal data (`Location` names the audit record). Asking again is "
                "harmless (`already_erased` counts the complaints erased before). Nobody found is a 404 naming the "
                "field, and nothing is recorded.",
    dependencies=[Depends(strict_json)],
    responses=PRIVACY_RESPONSES | {
        404: {"description": "No complaint on file gives this e-mail address or phone number, or has this tracking "
                             "number (the problem names the field)", **PROBLEM},
        422: {"description": "Not exactly one of email, phone or tracking_number, or one that is not valid",
              **PROBLEM}})
async def request_erasure(body: ErasureRequest, response: Response, deps: Deps,
                          officer: PrivacyOfficer) -> ErasureAnswer:
    try:
        record = await deps.erasure.request(request=body, requested_by=officer.subject)
    except NoSuchSubject as nobody:
        raise Problem(404, "Not Found", nobody.reason, type_="/problems/subject-not-found",
                      errors=[{"field": nobody.field, "in": "body", "code": "not_found", "reason": nobody.reason}]
                      ) from None
    response.headers["Location"] = f"/v1/erasure-requests/{record.erasure_id}"
    return ErasureAnswer.of(record)


@router.get("/erasure-requests/{erasure_id}", response_model=ErasureRecord, summary="The audit record of an erasure",
            responses=PRIVACY_RESPONSES | {404: {"description": "No such erasure", **PROBLEM}})
async def erasure_record(erasure_id: str, deps: Deps, officer: PrivacyOfficer) -> ErasureRecord:
    try:
        return await deps.erasure.record(erasure_id)
    except NotFound:
        raise Problem(404, "Not Found", "No such erasure", type_="/problems/not-found") from None


EXPORT_DESCRIPTION = (
    "Every record the services keep about the customer's complaints (GDPR Art. 15), personal values readable where "
    "they are not erased: intake finds the complaints as an erasure does (by e-mail address, phone number, or a "
    "tracking number of one of them, and the same person's complaints under the other identifiers on file) and asks "
    "every other service for its part with the caller's token. A service that cannot answer is named with "
    "`{\"error\": …}`; the rest of the export stands. Nobody found is an export of no complaint.")


@router.post("/data-subject-exports/lookups", response_model=AccessExport,
             summary="Export everything about a customer (preferred form)",
             description=f"{EXPORT_DESCRIPTION} The customer is named in the body, so the address stays out of "
                         "URLs, logs and traces: prefer this to the query form.",
             dependencies=[Depends(strict_json)],
             responses=PRIVACY_RESPONSES | {422: {"description": "Not exactly one of email, phone or "
                                                                 "tracking_number", **PROBLEM}})
async def export_looked_up(body: SubjectQuery, request: Request, deps: Deps,
                           officer: PrivacyOfficer) -> AccessExport:
    return await deps.export.export(query=body, authorization=request.headers.get("authorization"))


async def no_phone_in_url(request: Request, officer: PrivacyOfficer) -> None:
    """Refuse a phone number in the query string, naming it (after the caller's role is checked)."""
    if "phone" in request.query_params:
        reason = ("a phone number does not go into a URL: name the customer in the body of "
                  "POST /v1/data-subject-exports/lookups")
        raise Problem(422, "Request is not valid", f"phone: {reason}", type_="/problems/validation",
                      errors=[{"field": "phone", "in": "query", "code": "not_allowed_in_url", "reason": reason}])


@router.get("/data-subjects/export", response_model=AccessExport, summary="Export everything about a customer",
            description=f"{EXPORT_DESCRIPTION} The same as `POST /v1/data-subject-exports/lookups`, the customer "
                        "named in the query string by their e-mail address (or a tracking number): that puts the "
                        "address into URLs, which proxies and traces may keep (intake logs none); prefer the POST. "
                        "A phone number is taken in the POST's body only.",
            dependencies=[Depends(no_phone_in_url)],
            responses=PRIVACY_RESPONSES | {422: {"description": "Not exactly one of email or tracking_number, one "
                                                                "that is not valid, or a phone number or other "
                                                                "parameter in the query string (the problem names "
                                                                "it)", **PROBLEM}})
async def export_by_query(query: Annotated[ExportQuery, Query()], request: Request, deps: Deps,
                          officer: PrivacyOfficer) -> AccessExport:
    subject = query.subject()
    if subject is None:
        field, reason = (("email", "give the customer's e-mail address (or a tracking number)")
                         if query.email is None else ("tracking_number", "give either email or tracking_number"))
        raise Problem(422, "Request is not valid", f"{field}: {reason}", type_="/problems/validation",
                      errors=[{"field": field, "in": "query", "code": "one_basis", "reason": reason}])
    return await deps.export.export(query=subject, authorization=request.headers.get("authorization"))


@router.post("/data-subject-exports", response_model=ServiceExport, summary="Intake's records about complaints",
             description="Every record intake keeps about each complaint named (at most 1000): the complaint as "
                         "filed, its timeline, owning team, evidence downloads, erasures. The part every service "
                         "answers for an access export.",
             dependencies=[Depends(strict_json)], responses=PRIVACY_RESPONSES)
async def own_records(body: SubjectExportRequest, deps: Deps, officer: PrivacyOfficer) -> ServiceExport:
    return await deps.export.records(body.distinct_ids)
