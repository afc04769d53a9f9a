"""The supervisor's page: the team's load, the cases at risk, and the corrective actions with their effect."""

import asyncio
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ...deps import Deps, Staff
from ...domain import desk_labels as labels
from ...domain.desk_clock import DUE_SOON_HOURS, time_left
from ...domain.desk_refusals import Refused
from ...domain.desk_supervision import SUPERVISING_ROLES, team_load
from . import apis

router = APIRouter()
LOAD_SCAN = 500


@router.get("/supervision")
async def supervision(request: Request, deps: Deps, staff: Staff) -> Response:
    if not staff.has_role(*SUPERVISING_ROLES):
        return deps.pages.render(request, "error.html", {"status": 403}, status_code=403)
    resolution = apis.resolution(deps, staff)
    teams = {"team": staff.teams} if staff.teams else {}
    everyone, due, breached, actions = await asyncio.gather(
        resolution.queue(teams | {"limit": LOAD_SCAN}),
        resolution.queue(teams | {"due_within_hours": DUE_SOON_HOURS, "breached": False, "limit": 100}),
        resolution.queue(teams | {"breached": True, "limit": 100}),
        resolution.corrective_actions())
    now = datetime.now(UTC)
    at_risk = [line | {"left": time_left(line.get("next_due_at"), now)}
               for line in breached["items"] + due["items"]]
    return deps.pages.render(request, "desk/supervision.html", {
        "load": team_load(everyone["items"]), "at_risk": at_risk, "labels": labels,
        "actions": await _with_effectiveness(resolution, actions["items"])})


async def _with_effectiveness(resolution: Any, actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each implemented action with its measured effect (recurrences since, against before)."""

    async def effect(action: dict[str, Any]) -> dict[str, Any] | None:
        if not action.get("implemented_at"):
            return None
        try:
            found: dict[str, Any] = await resolution.effectiveness(action["action_id"])
        except Refused:
            return None
        return found

    effects = await asyncio.gather(*(effect(action) for action in actions))
    return [action | {"effect": found} for action, found in zip(actions, effects, strict=True)]
