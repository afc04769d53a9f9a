"""Calling a service's staff API on behalf of the signed-in member of staff (their bearer token).

A refusal (4xx) becomes `Refused` with the problem's reason; an expired token sends the user to sign in again; a
service that fails or cannot be reached becomes a 502 error page.
"""

from typing import Any

import httpx
from starlette.exceptions import HTTPException

from ..deps import SignInRequired
from ..domain.desk_refusals import Refused, refusal_of


class StaffApi:
    def __init__(self, client: httpx.AsyncClient, token: str) -> None:
        self._client = client
        self._headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}

    async def call(self, method: str, path: str, **options: Any) -> httpx.Response:
        """The answer when it is a success; otherwise the matching exception."""
        try:
            headers = self._headers | options.pop("headers", {})
            answer = await self._client.request(method, path, headers=headers, **options)
        except httpx.HTTPError as exc:
            raise HTTPException(502, f"{type(exc).__name__} calling a staff API") from exc
        check(answer)
        return answer

    async def json(self, method: str, path: str, **options: Any) -> Any:
        return (await self.call(method, path, **options)).json()


def check(answer: httpx.Response) -> None:
    """Raise for an answer that is not a success."""
    if answer.status_code == 401:
        raise SignInRequired
    if 400 <= answer.status_code < 500:
        raise Refused(refusal_of(answer.status_code, _problem(answer)))
    if answer.status_code >= 500:
        raise HTTPException(502, f"a staff API answered {answer.status_code}")


def _problem(answer: httpx.Response) -> dict[str, Any]:
    try:
        body = answer.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
