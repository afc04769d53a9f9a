"""The staff desk's routes: every desk page module's router, under one (all need a signed-in member of staff)."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ...deps import Deps, Staff

router = APIRouter(prefix="/desk", include_in_schema=False)


@router.get("")
async def home(request: Request, deps: Deps, staff: Staff) -> Response:
    return deps.pages.render(request, "desk/home.html")
