"""What the portal's pages share: reading a form's files, and showing the status page or the look-up form."""

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from babel.dates import format_timedelta
from fastapi import Request
from fastapi.responses import Response
from starlette.datastructures import FormData, UploadFile

from ...adapters.intake_api import IntakeApi
from ...deps import WebDeps
from ...domain.languages import locale_of
from ...domain.portal_files import readable_size
from ...domain.portal_filing import REMEDIES, UploadedFile
from ...domain.portal_problems import FormErrors, IntakeProblem, Notice, notice_of
from .session import code_for, forget

OCTET_STREAM = "application/octet-stream"


async def uploaded_files(form: FormData, name: str) -> list[UploadedFile]:
    """The files chosen in a file input (an input left empty sends one nameless empty part: skipped)."""
    files = []
    for part in form.getlist(name):
        if isinstance(part, UploadFile) and part.filename:
            files.append(UploadedFile(part.filename, part.content_type or OCTET_STREAM, await part.read()))
    return files


def text_fields(form: FormData) -> dict[str, str]:
    return {key: value for key, value in form.items() if isinstance(value, str) and key != "csrftoken"}


async def show_status(request: Request, deps: WebDeps, tracking_number: str, *, notice: Notice | None = None,
                      errors: FormErrors | None = None, values: Mapping[str, str] | None = None,
                      status_code: int = 200) -> Response:
    """The status page of the complaint the customer opened; the look-up form when they have not (or the code
    no longer opens it: a new one was issued)."""
    code = code_for(request, tracking_number)
    if code is None:
        return show_lookup(request, deps, tracking_number=tracking_number, notice=notice, status_code=status_code)
    try:
        view = await IntakeApi(deps.intake).status(tracking_number, code, language=request.state.language)
    except IntakeProblem as problem:
        if problem.status == 404:
            forget(request)
        return show_lookup(request, deps, tracking_number=tracking_number, notice=notice_of(problem),
                           status_code=problem.status)
    language = request.state.language
    locale = locale_of(language)
    now = datetime.now(UTC)

    def relative(moment: datetime) -> str:
        """"in 3 days" / "2 days ago", in the page's language."""
        return format_timedelta(moment - now, add_direction=True, granularity="minute", locale=locale)

    def size(size_bytes: int) -> str:
        return readable_size(size_bytes, locale)

    return deps.pages.render(request, "portal/status.html", {
        "view": view, "notice": notice, "errors": errors, "values": values or {}, "relative": relative,
        "size": size, "remedies": REMEDIES}, status_code=status_code)


def show_lookup(request: Request, deps: WebDeps, *, tracking_number: str | None = None, then: str = "",
                notice: Notice | None = None, errors: FormErrors | None = None,
                values: Mapping[str, Any] | None = None, status_code: int = 200) -> Response:
    """The form asking for the access code (and the tracking number when the address does not give it)."""
    return deps.pages.render(request, "portal/track.html", {
        "tracking_number": tracking_number, "then": then, "notice": notice, "errors": errors,
        "values": values or {}}, status_code=status_code)
