"""Intake's customer API, as the portal uses it: the access code always in the `X-Access-Code` header (or a body),
never in a URL; every answer that is not a success raised as an `IntakeProblem`."""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import httpx

from ..domain.portal_problems import IntakeProblem
from ..domain.portal_status import Receipt, StatusView

ACTIONS = {"reply": "messages", "decision": "decision", "feedback": "feedback", "withdrawal": "withdrawal",
           "escalation": "escalation", "reopening": "reopening"}
"""The portal's action forms → intake's action paths under `/v1/complaints/{tracking_number}/`."""


class IntakeApi:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def file(self, filing: Mapping[str, Any], *, idempotency_key: str) -> Receipt:
        """File the complaint; a repeat with the same key answers the same complaint without its access code."""
        answer = await self._call("POST", "/v1/complaints", json=filing,
                                  headers={"Idempotency-Key": idempotency_key})
        return Receipt.model_validate(answer.json())

    async def status(self, tracking_number: str, access_code: str, *, language: str) -> StatusView:
        answer = await self._call("GET", f"/v1/complaints/{_segment(tracking_number)}",
                                  params={"language": language}, headers={"X-Access-Code": access_code})
        return StatusView.model_validate(answer.json())

    async def act(self, tracking_number: str, access_code: str, action: str, body: Mapping[str, Any]) -> None:
        """One customer action (`ACTIONS`); a refusal is an IntakeProblem with status 409 and its code."""
        await self._call("POST", f"/v1/complaints/{_segment(tracking_number)}/{ACTIONS[action]}", json=body,
                         headers={"X-Access-Code": access_code})

    async def attachment(self, tracking_number: str, access_code: str, attachment_id: str) -> httpx.Response:
        """One of the customer's files (the whole answer, to pass its type and name on)."""
        return await self._call("GET", f"/v1/complaints/{_segment(tracking_number)}/attachments/"
                                       f"{_segment(attachment_id)}", headers={"X-Access-Code": access_code})

    async def request_access_code(self, body: Mapping[str, str]) -> None:
        """Ask for a new code; intake answers alike whether or not the details match."""
        await self._call("POST", "/v1/access-code-requests", json=body)

    async def _call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            answer = await self._client.request(method, path, **kwargs)
        except httpx.TransportError:
            raise IntakeProblem(503, "/problems/unavailable") from None  # the page says "try again later"
        if answer.is_success:
            return answer
        raise problem_of(answer)


def problem_of(answer: httpx.Response) -> IntakeProblem:
    """Read an RFC 9457 problem document (anything else counts as the service being unavailable)."""
    try:
        document = answer.json()
    except ValueError:
        document = {}
    if not isinstance(document, dict):
        document = {}
    errors = document.get("errors")
    retry = answer.headers.get("retry-after", "")
    return IntakeProblem(
        status=answer.status_code, type=str(document.get("type", "about:blank")),
        code=document.get("code") if isinstance(document.get("code"), str) else None,
        errors=tuple(e for e in errors if isinstance(e, dict)) if isinstance(errors, list) else (),
        retry_after=int(retry) if retry.isdigit() else None)


def _segment(value: str) -> str:
    """A path segment as typed by a customer, never able to climb out of its place in the path."""
    return quote(value, safe="")
