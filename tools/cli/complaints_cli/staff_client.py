"""Resolution's staff API as the load generator's agents and the end-to-end tests use it, and the one way to mint
the staff tokens it accepts (signed like the identity provider's, with the suite's secret).

Asynchronous because the load generator works many cases at once; the connection pool belongs to whoever opens
it (`StaffClient.connect`, or an `httpx.AsyncClient` shared by several employees, each with their own token).
"""

import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any, Literal

import httpx
import jwt

Claim = str | Sequence[str]
"""A role, team or department claim: one value or several."""
Json = dict[str, Any]
CaseAction = Literal["investigation", "information-requests", "investigation/resumption", "proposals",
                     "implementation", "resolution", "closure", "reopening", "escalation", "assignment", "notes",
                     "redress-payments"]
"""The last segment of `POST /cases/{complaint_id}/...`."""

VERSION_CONFLICT = "/problems/version-conflict"
VERSION_ATTEMPTS = 5
"""How often an action is tried on the case as it is now when someone else keeps moving it first."""


def mint_staff_token(secret: str, *, sub: str, role: Claim = "agent", team: Claim | None = None,
                     department: Claim | None = None, ttl_seconds: float = 3600) -> str:
    """A staff bearer token (HS256) for the employee `sub`; team and department are left out when None."""
    claims: Json = {"sub": sub, "role": _claim(role), "exp": int(time.time() + ttl_seconds)}
    claims.update({name: _claim(value) for name, value in (("team", team), ("department", department))
                   if value is not None})
    return jwt.encode(claims, secret, algorithm="HS256")


def _claim(value: Claim) -> str | list[str]:
    return value if isinstance(value, str) else list(value)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


class ApiError(Exception):
    """A service refused a request: its HTTP status and RFC 9457 problem (empty when the body was not one)."""

    def __init__(self, status: int, problem: Json, detail: str) -> None:
        super().__init__(f"{status} {detail}")
        self.status, self.problem, self.detail = status, problem, detail

    @property
    def problem_type(self) -> str | None:
        return self.problem.get("type")

    @classmethod
    def of(cls, answer: httpx.Response) -> "ApiError":
        try:
            body = answer.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return cls(answer.status_code, {}, answer.text[:200])
        # The problem in a line, with what a refused final response is missing.
        missing = f" (missing: {'; '.join(body['missing'])})" if body.get("missing") else ""
        detail = f"{body.get('type', '')} {body.get('detail') or body.get('title', '')}{missing}".strip()
        return cls(answer.status_code, body, detail)


def answer_json(answer: httpx.Response) -> Json:
    """The answer's JSON when it is a 200; otherwise ApiError with the status and what the service said."""
    if answer.status_code != 200:
        raise ApiError.of(answer)
    return answer.json()


class StaffClient:
    """One employee (their token) on resolution's staff API; every method answers the parsed JSON or raises
    ApiError. Transport errors (no answer at all) are httpx's own."""

    def __init__(self, http: httpx.AsyncClient, token: str) -> None:
        self._http, self._auth = http, bearer(token)

    @classmethod
    @asynccontextmanager
    async def connect(cls, base_url: str, token: str, *, timeout: float = 30.0) -> AsyncIterator["StaffClient"]:
        """A client with its own connection pool, closed on leaving."""
        async with httpx.AsyncClient(base_url=base_url, timeout=timeout) as http:
            yield cls(http, token)

    async def _get(self, path: str, **params: Any) -> Json:
        return answer_json(await self._http.get(path, params=params or None, headers=self._auth))

    async def _post(self, path: str, body: Json) -> Json:
        return answer_json(await self._http.post(path, json=body, headers=self._auth))

    async def case(self, complaint_id: str) -> Json:
        """One case with its audit (404 until routing's decision opened it, 403 when not the caller's to see)."""
        return await self._get(f"/cases/{complaint_id}")

    async def cases(self, **filters: Any) -> Json:
        """A page of the work queue (`items`, `total`, `offset`, `limit`), filtered by state, team, limit, …"""
        return await self._get("/cases", **filters)

    async def act(self, complaint_id: str, action: CaseAction, *, version: int | None = None, **body: Any) -> Json:
        """POST the action at `version` (None: the case as it is now) and answer the case after it.

        After a version conflict (the case moved meanwhile: a customer's message, a deadline alert) the case is
        read again and the action retried, at most VERSION_ATTEMPTS times."""
        for _ in range(VERSION_ATTEMPTS):
            if version is None:
                version = (await self.case(complaint_id))["version"]
            try:
                return await self._post(f"/cases/{complaint_id}/{action}", {"version": version, **body})
            except ApiError as refused:
                if refused.problem_type != VERSION_CONFLICT:
                    raise
                version = None
        raise ApiError(409, {"type": VERSION_CONFLICT}, f"version conflict {VERSION_ATTEMPTS} times in a row")

    async def investigate(self, complaint_id: str, *, reason: str = "", version: int | None = None) -> Json:
        return await self.act(complaint_id, "investigation", version=version, reason=reason)

    async def propose(self, complaint_id: str, *, summary: str, remedies: list[Json], reason: str = "",
                      version: int | None = None) -> Json:
        return await self.act(complaint_id, "proposals", version=version, summary=summary, remedies=remedies,
                              reason=reason)

    async def implement(self, complaint_id: str, *, details: str = "", reason: str = "",
                        version: int | None = None) -> Json:
        return await self.act(complaint_id, "implementation", version=version, details=details, reason=reason)

    async def resolve(self, complaint_id: str, *, outcome: str, final_response: str, root_cause: str | None = None,
                      reason: str = "", version: int | None = None) -> Json:
        return await self.act(complaint_id, "resolution", version=version, outcome=outcome,
                              final_response=final_response, root_cause=root_cause, reason=reason)

    async def close(self, complaint_id: str, *, close_reason: str, reason: str = "",
                    version: int | None = None) -> Json:
        return await self.act(complaint_id, "closure", version=version, close_reason=close_reason, reason=reason)

    async def clock(self) -> Json:
        """Resolution's clock: `now` and `offset_seconds` (admins)."""
        return await self._get("/admin/clock")

    async def shift_clock(self, seconds: float) -> Json:
        """Move resolution's clock (admins, with clock control on); the deadline scan runs at once."""
        return await self._post("/admin/clock", {"seconds": seconds})
