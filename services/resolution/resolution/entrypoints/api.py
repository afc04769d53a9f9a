"""The staff API: the work queue and the search, one case file, every action on it, corrective actions, the
records kept about a data subject's complaints, and the clock control of tests and demos (bearer token; who/when/why
audited).

Each route parses its request, calls one ResolutionService use case and shapes the answer; domain errors become
RFC 9457 problems (problems.py). The routes live by concept in routes_cases, routes_commands, routes_quality and
routes_privacy.
"""

from fastapi import APIRouter

from ..deps import Deps
from . import routes_cases, routes_commands, routes_privacy, routes_quality
from .auth import Staff
from .problems import ERRORS, answering_problems, problem_of
from .schemas import ClockShift
from .views import ClockView

__all__ = ["problem_of", "router"]

router = APIRouter()
router.include_router(routes_cases.router)
router.include_router(routes_commands.router)
router.include_router(routes_quality.router)
router.include_router(routes_privacy.router)


@router.get("/admin/clock", response_model=ClockView, responses=ERRORS, tags=["admin"],
            summary="The service clock (when clock control is on)")
async def read_clock(deps: Deps, staff: Staff) -> ClockView:
    with answering_problems():
        return ClockView.of(deps.service.controlled_clock(principal=staff))


@router.post("/admin/clock", response_model=ClockView, responses=ERRORS, tags=["admin"],
             summary="Move the service clock and scan deadlines at once (tests and demos only)")
async def shift_clock(body: ClockShift, deps: Deps, staff: Staff) -> ClockView:
    with answering_problems():
        return ClockView.of(await deps.service.shift_clock(principal=staff, seconds=body.seconds))
