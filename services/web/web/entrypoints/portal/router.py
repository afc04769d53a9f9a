"""The customer portal's routes: every portal page module's router, under one."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ...deps import Deps

router = APIRouter(include_in_schema=False)


@router.get("/")
async def home(request: Request, deps: Deps) -> Response:
    return deps.pages.render(request, "portal/home.html")
