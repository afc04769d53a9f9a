"""Log a complaint for a customer (phone, in person, letter): intake's staff filing with the staff token; the answer
shows the tracking number and access code to read out to the customer."""

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ...deps import Deps, Staff
from ...domain import desk_labels as labels
from ...domain.desk_filing import FIELDS, filing_of, form_field
from ...domain.desk_refusals import FieldRefusal, Refusal, Refused
from . import apis

router = APIRouter()


@router.get("/complaints/new")
async def new_complaint(request: Request, deps: Deps, staff: Staff) -> Response:
    return _form(request, deps, values={}, refusal=None)


@router.post("/complaints")
async def log_complaint(request: Request, deps: Deps, staff: Staff) -> Response:
    posted = await request.form()
    values = {name: str(posted.get(name, ""))[:20_000] for name in (*FIELDS, "idempotency_key")}
    # The key the form was shown with: sending the form twice files one complaint.
    key = values["idempotency_key"] or str(uuid.uuid4())
    try:
        receipt = await apis.intake(deps, staff).log_complaint(filing_of(values), idempotency_key=key)
    except Refused as refused:
        named = Refusal(status=refused.refusal.status, message=refused.refusal.message, detail=refused.refusal.detail,
                        fields=[FieldRefusal(form_field(f.field), f.reason) for f in refused.refusal.fields])
        return _form(request, deps, values=values | {"idempotency_key": key}, refusal=named,
                     status_code=refused.refusal.status)
    return deps.pages.render(request, "desk/complaint_logged.html", {"receipt": receipt}, status_code=201)


def _form(request: Request, deps: Deps, *, values: dict[str, str], refusal: Refusal | None,
          status_code: int = 200) -> Response:
    values = {"idempotency_key": str(uuid.uuid4())} | values
    return deps.pages.render(request, "desk/complaint_new.html", {
        "values": values, "refusal": refusal, "labels": labels,
        "errors": lambda name: refusal.about(name) if refusal else []}, status_code=status_code)
