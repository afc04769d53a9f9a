"""Routing's staff API: how a complaint was routed, and by which rules."""

from typing import Any

from ..domain.desk_refusals import Refused
from .desk_staff_api import StaffApi


class RoutingApi(StaffApi):
    async def decision(self, complaint_id: str) -> dict[str, Any] | None:
        """The routing decision, or None when routing has none (yet) or the reader may not see it."""
        try:
            decision: dict[str, Any] = await self.json("GET", f"/v1/decisions/{complaint_id}")
        except Refused:
            return None
        return decision

    async def organisation(self) -> tuple[list[str], list[str]]:
        """The departments and teams routing's rules in force name (empty when the reader may not see them), for the
        desk's choices: a correction or reassignment to a name routing does not know would route nowhere."""
        try:
            rules: dict[str, Any] = await self.json("GET", "/v1/rules")
        except Refused:
            return [], []
        return sorted(rules.get("departments", {})), sorted(team["id"] for team in rules.get("teams", []))
