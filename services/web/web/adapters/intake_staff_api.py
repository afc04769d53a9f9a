"""Intake's staff API: logging a complaint for a customer, and a complaint's files (streamed, never buffered)."""

from typing import Any

import httpx
from starlette.exceptions import HTTPException

from .desk_staff_api import StaffApi, check


class IntakeStaffApi(StaffApi):
    async def log_complaint(self, filing: dict[str, Any], *, idempotency_key: str) -> dict[str, Any]:
        receipt: dict[str, Any] = await self.json("POST", "/v1/staff/complaints", json=filing,
                                                  headers={"Idempotency-Key": idempotency_key})
        return receipt

    async def erase_personal_data(self, request: dict[str, Any]) -> dict[str, Any]:
        """Intake's erasure of a data subject (privacy role): the answer names the audit record."""
        answer: dict[str, Any] = await self.json("POST", "/v1/erasure-requests", json=request)
        return answer

    async def erasure(self, erasure_id: str) -> dict[str, Any]:
        record: dict[str, Any] = await self.json("GET", f"/v1/erasure-requests/{erasure_id}")
        return record

    async def access_export(self, subject: dict[str, Any]) -> dict[str, Any]:
        """Every service's records of a data subject, in one document (the subject in the body, never the URL)."""
        document: dict[str, Any] = await self.json("POST", "/v1/data-subject-exports/lookups", json=subject)
        return document

    async def open_attachment(self, complaint_id: str, attachment_id: str) -> httpx.Response:
        """The download with its headers read and its body not yet: the caller streams it and closes it."""
        request = self._client.build_request(
            "GET", f"/v1/staff/complaints/{complaint_id}/attachments/{attachment_id}", headers=self._headers)
        try:
            answer = await self._client.send(request, stream=True)
        except httpx.HTTPError as exc:
            raise HTTPException(502, f"{type(exc).__name__} calling intake") from exc
        if answer.status_code >= 400:
            try:
                await answer.aread()
            finally:
                await answer.aclose()
            check(answer)
        return answer
