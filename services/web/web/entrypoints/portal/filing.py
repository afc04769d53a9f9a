"""`/file`: make a complaint. On success the tracking number and the access code (shown only this once)."""

import re
import secrets
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ...adapters.intake_api import IntakeApi
from ...deps import Deps
from ...domain.languages import NAMES, locale_of
from ...domain.portal_countries import countries, is_country
from ...domain.portal_filing import API_FIELDS, CURRENCIES, REMEDIES, filing
from ...domain.portal_problems import (
    FIELD_MESSAGES,
    FieldError,
    FormErrors,
    IntakeProblem,
    Notice,
    field_errors,
    notice_of,
)
from .pages import text_fields, uploaded_files
from .session import code_for, remember

router = APIRouter(include_in_schema=False)
FILING_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
"""The form's own Idempotency-Key, made when the form is shown, so that sending it twice files once."""


@router.get("/file")
async def filing_form(request: Request, deps: Deps) -> Response:
    return _form(request, deps, values={"language": request.state.language, "country": deps.settings.default_country})


@router.post("/file")
async def file_complaint(request: Request, deps: Deps) -> Response:
    form = await request.form()
    values = text_fields(form)
    key = values.get("filing_key", "")
    if not FILING_KEY.match(key):
        key = values["filing_key"] = _new_key()
    if values.get("country") and not is_country(values["country"]):  # only a forged form sends another
        return _form(request, deps, values=values | {"country": deps.settings.default_country}, status_code=422,
                     errors=FormErrors("filing", (FieldError("country", FIELD_MESSAGES["unknown_value"]),)))
    body = filing(values, await uploaded_files(form, "attachments"), zone=ZoneInfo(deps.settings.time_zone))
    try:
        receipt = await IntakeApi(deps.intake).file(body, idempotency_key=key)
    except IntakeProblem as problem:
        errors = field_errors("filing", problem, API_FIELDS, fallback="description") if problem.status == 422 \
            else None
        return _form(request, deps, values=values, notice=notice_of(problem), errors=errors,
                     status_code=problem.status if problem.status < 500 else 503)
    access_code = receipt.access_code
    if access_code is not None:
        remember(request, receipt.tracking_number, access_code)
    else:  # the same form sent again: the first answer showed the code, which this browser may still keep
        access_code = code_for(request, receipt.tracking_number)
    return deps.pages.render(request, "portal/filed.html", {"receipt": receipt, "access_code": access_code})


def _form(request: Request, deps: Deps, *, values: dict[str, str], notice: Notice | None = None,
          errors: FormErrors | None = None, status_code: int = 200) -> Response:
    values.setdefault("filing_key", _new_key())
    offered = countries(locale_of(request.state.language))
    return deps.pages.render(request, "portal/file.html", {
        "values": values, "notice": notice, "errors": errors, "remedies": REMEDIES, "currencies": CURRENCIES,
        "answer_languages": NAMES, "countries": offered,
        "default_country": dict(offered)[deps.settings.default_country]}, status_code=status_code)


def _new_key() -> str:
    return secrets.token_urlsafe(24)
