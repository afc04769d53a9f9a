"""Analytics' API: volume, backlog, deadline compliance and timings for the operations overview."""

from typing import Any

from .desk_staff_api import StaffApi


class AnalyticsApi(StaffApi):
    async def report(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """One of analytics' JSON reports (`volume`, `backlog`, `compliance`, `timings`) as its rows."""
        rows = await self.json("GET", f"/v1/{name}", params={k: v for k, v in params.items() if v is not None})
        return list(rows)
