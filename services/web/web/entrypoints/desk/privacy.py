"""The privacy officer's page: a data subject's access export (GDPR Art. 15) and the erasure of their personal data
(Art. 17), through intake's privacy API with the officer's own token. The customer is named in posted forms only,
never in a URL; the export downloads under a name that says nothing about them."""

import json

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ...deps import Deps, Staff
from ...domain.desk_filing import form_field
from ...domain.desk_labels import N_
from ...domain.desk_privacy import (
    PRIVACY_ROLES,
    SUBJECT_FIELDS,
    erasure_request_of,
    export_file_name,
    query_of,
    subject_of,
)
from ...domain.desk_refusals import FieldRefusal, Refusal, Refused
from ...domain.staff import SignedInStaff
from . import apis

router = APIRouter()
FORM_FIELDS = (*SUBJECT_FIELDS, "only_named", "reference", "confirmed")


@router.get("/privacy")
async def privacy(request: Request, deps: Deps, staff: Staff) -> Response:
    if not staff.has_role(*PRIVACY_ROLES):
        return deps.pages.render(request, "error.html", {"status": 403}, status_code=403)
    return _page(request, deps, values={}, refusal=None)


@router.post("/privacy/export")
async def export(request: Request, deps: Deps, staff: Staff) -> Response:
    values, turned_away = await _checked(request, deps, staff, erasing=False)
    if turned_away is not None:
        return turned_away
    try:
        document = await apis.intake(deps, staff).access_export(query_of(values))
    except Refused as refused:
        return _page(request, deps, values=values, refusal=_named(refused), status_code=refused.refusal.status)
    name = export_file_name(str(document.get("generated_at", "")))
    return Response(json.dumps(document, ensure_ascii=False, indent=2), media_type="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})


@router.post("/privacy/erasure")
async def erase(request: Request, deps: Deps, staff: Staff) -> Response:
    values, turned_away = await _checked(request, deps, staff, erasing=True)
    if turned_away is not None:
        return turned_away
    intake = apis.intake(deps, staff)
    try:
        answer = await intake.erase_personal_data(erasure_request_of(values))
        record = await intake.erasure(answer["erasure_id"])
    except Refused as refused:
        return _page(request, deps, values=values, refusal=_named(refused), status_code=refused.refusal.status)
    return _page(request, deps, values={}, refusal=None, erasure=record, status_code=201)


async def _checked(request: Request, deps: Deps, staff: SignedInStaff, *,
                   erasing: bool) -> tuple[dict[str, str], Response | None]:
    """The form as posted, or the page that turns the request away: not the privacy officer, the customer not
    named by exactly one of the three, or (to erase) the check not confirmed. Refused before intake is asked."""
    if not staff.has_role(*PRIVACY_ROLES):
        return {}, deps.pages.render(request, "error.html", {"status": 403}, status_code=403)
    posted = await request.form()
    values = {name: str(posted.get(name, ""))[:1000] for name in FORM_FIELDS}
    refusal = _unnamed(values) or (_unconfirmed(values) if erasing else None)
    return values, (_page(request, deps, values=values, refusal=refusal, status_code=422) if refusal else None)


def _unconfirmed(values: dict[str, str]) -> Refusal | None:
    if values.get("confirmed") == "yes":
        return None
    return Refusal(status=422, message=N_("Confirm that the request was checked before erasing."), detail="",
                   fields=[FieldRefusal("confirmed", N_("Confirm that the request was checked."))])


def _unnamed(values: dict[str, str]) -> Refusal | None:
    """Refused before asking intake: the customer must be named by exactly one of the three."""
    if len(subject_of(values)) == 1:
        return None
    reason = N_("Give exactly one: the e-mail address, the phone number or a tracking number.")
    return Refusal(status=422, message=N_("Name the customer by exactly one of the three."), detail="",
                   fields=[FieldRefusal(name, reason) for name in SUBJECT_FIELDS])


def _named(refused: Refused) -> Refusal:
    return Refusal(status=refused.refusal.status, message=refused.refusal.message, detail=refused.refusal.detail,
                   fields=[FieldRefusal(form_field(f.field), f.reason) for f in refused.refusal.fields])


def _page(request: Request, deps: Deps, *, values: dict[str, str], refusal: Refusal | None,
          erasure: dict | None = None, status_code: int = 200) -> Response:
    return deps.pages.render(request, "desk/privacy.html", {
        "values": values, "refusal": refusal, "erasure": erasure,
        "errors": lambda name: refusal.about(name) if refusal else []}, status_code=status_code)
