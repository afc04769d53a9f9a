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
