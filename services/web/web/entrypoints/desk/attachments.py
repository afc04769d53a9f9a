"""A complaint's file, streamed from intake through the desk with the member of staff's token (intake audits it)."""

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse
from starlette.background import BackgroundTask

from ...deps import Deps, Staff
from ...domain.desk_refusals import Refused
from . import apis

router = APIRouter()
PASSED_ON = ("content-type", "content-disposition")
"""Content-Length is not passed on: the body is re-streamed decoded, which may change its length."""


@router.get("/cases/{complaint_id}/attachments/{attachment_id}")
async def download(request: Request, deps: Deps, staff: Staff, complaint_id: str, attachment_id: str) -> Response:
    try:
        answer = await apis.intake(deps, staff).open_attachment(complaint_id, attachment_id)
    except Refused as refused:
        status = refused.refusal.status
        return deps.pages.render(request, "error.html", {"status": status}, status_code=status)
    headers = {name: answer.headers[name] for name in PASSED_ON if name in answer.headers}
    headers |= {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}
    return StreamingResponse(answer.aiter_bytes(), headers=headers, background=BackgroundTask(answer.aclose))
