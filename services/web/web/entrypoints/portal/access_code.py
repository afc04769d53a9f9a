"""`/access-code`: "send me a new access code". The answer is the same whether or not the details match."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from ...adapters.intake_api import IntakeApi
from ...deps import Deps
from ...domain.portal_problems import N_, FormErrors, IntakeProblem, Notice, field_errors, missing, notice_of
from .session import tracking_number_of

router = APIRouter(include_in_schema=False)
SENT = N_("If the details match what we have on file, we have sent a new access code there. From now on only the "
          "new code opens the complaint.")
API_FIELDS = {"tracking_number": "tracking_number", "email": "contact", "phone": "contact"}


@router.get("/access-code")
async def access_code_form(request: Request, deps: Deps) -> Response:
    return _page(request, deps)


@router.post("/access-code")
async def request_access_code(request: Request, deps: Deps,
                              tracking_number: Annotated[str, Form(max_length=64)] = "",
                              contact: Annotated[str, Form(max_length=254)] = "") -> Response:
    number, route = tracking_number_of(tracking_number), contact.strip()
    values = {"tracking_number": number, "contact": route}
    empty = [name for name, value in values.items() if not value]
    if empty:
        return _page(request, deps, values=values, errors=missing("access-code", *empty), status_code=422)
    body = {"tracking_number": number, "email" if "@" in route else "phone": route}
    try:
        await IntakeApi(deps.intake).request_access_code(body)
    except IntakeProblem as problem:
        errors = field_errors("access-code", problem, API_FIELDS, fallback="contact") if problem.status == 422 \
            else None
        return _page(request, deps, values=values, notice=notice_of(problem), errors=errors,
                     status_code=problem.status if problem.status < 500 else 503)
    return _page(request, deps, notice=Notice(SENT, "ok"))


def _page(request: Request, deps: Deps, *, values: dict[str, str] | None = None, notice: Notice | None = None,
          errors: FormErrors | None = None, status_code: int = 200) -> Response:
    return deps.pages.render(request, "portal/access_code.html",
                             {"values": values or {}, "notice": notice, "errors": errors}, status_code=status_code)
