"""The customer portal's routes: every portal page module's router, under one."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ...deps import Deps
from . import access_code, actions, filing, tracking

router = APIRouter(include_in_schema=False)


@router.get("/")
async def home(request: Request, deps: Deps) -> Response:
    return deps.pages.render(request, "portal/home.html")


# `/track/forget` before `/track/{tracking_number}/…`: the literal path wins by coming first.
for part in (filing.router, tracking.router, actions.router, access_code.router):
    router.include_router(part)
