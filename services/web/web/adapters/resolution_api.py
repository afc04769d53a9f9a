"""Resolution's staff API: the work queue, search, one case and the actions on it, corrective actions."""

from typing import Any

from ..domain.desk_refusals import Refused
from .desk_staff_api import StaffApi


class ResolutionApi(StaffApi):
    async def queue(self, params: dict[str, Any]) -> dict[str, Any]:
        page: dict[str, Any] = await self.json("GET", "/cases", params=params)
        return page

    async def search(self, body: dict[str, Any]) -> dict[str, Any]:
        """Search terms travel in the body: e-mail addresses and phone numbers never go in a URL."""
        found: dict[str, Any] = await self.json("POST", "/cases/search", json=body)
        return found

    async def case(self, complaint_id: str) -> dict[str, Any]:
        case: dict[str, Any] = await self.json("GET", f"/cases/{complaint_id}")
        return case

    async def response_templates(self, complaint_id: str) -> list[dict[str, Any]]:
        """The final-response templates filled in from the case; none when the reader may not work it (a help
        beside the resolve form, not a reason to refuse the page)."""
        try:
            templates = await self.json("GET", f"/cases/{complaint_id}/response-templates")
        except Refused:
            return []
        return list(templates.get("items", []))

    async def check_final_response(self, complaint_id: str, *, text: str, outcome: str) -> dict[str, Any]:
        check: dict[str, Any] = await self.json("POST", f"/cases/{complaint_id}/final-response/check",
                                                json={"final_response": text, "outcome": outcome})
        return check

    async def act(self, complaint_id: str, endpoint: str, body: dict[str, Any]) -> dict[str, Any]:
        """One action on the case (`endpoint` relative to the case, e.g. `notes`); answers the case as it is now."""
        case: dict[str, Any] = await self.json("POST", f"/cases/{complaint_id}/{endpoint}", json=body)
        return case

    async def corrective_actions(self, *, after: str | None = None, limit: int = 50) -> dict[str, Any]:
        params: dict[str, Any] = {"limit": limit} | ({"after": after} if after else {})
        page: dict[str, Any] = await self.json("GET", "/corrective-actions", params=params)
        return page

    async def effectiveness(self, action_id: str) -> dict[str, Any]:
        found: dict[str, Any] = await self.json("GET", f"/corrective-actions/{action_id}/effectiveness")
        return found
