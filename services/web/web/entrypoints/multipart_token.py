"""The anti-forgery check of forms with files.

asgi-csrf checks every other form, but cannot read multipart bodies with the python-multipart release we use (it
passes an argument that release removed: simonw/asgi-csrf#38), so it lets them through (`is_multipart`) and this
middleware, inside it, does the same check with Starlette's own form parser: the form's `csrftoken` field must be
the token of the visitor's cookie. The body is read once and handed on unchanged.
"""

import secrets

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send


def is_multipart(scope: Scope) -> bool:
    headers = dict(scope.get("headers") or [])
    return headers.get(b"content-type", b"").split(b";", 1)[0].strip().lower() == b"multipart/form-data"


class MultipartToken:
    def __init__(self, app: ASGIApp, *, refuse: ASGIApp) -> None:
        self.app, self.refuse = app, refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS") or not is_multipart(scope):
            await self.app(scope, receive, send)
            return
        body = await Request(scope, receive).body()
        replay = _replaying(body)
        async with Request(scope, _replaying(body)).form() as form:
            sent = form.get("csrftoken")
        expected = scope["csrftoken"]() if callable(scope.get("csrftoken")) else ""
        if isinstance(sent, str) and expected and secrets.compare_digest(sent, expected):
            await self.app(scope, replay, send)
        else:
            await self.refuse(scope, replay, send)


def _replaying(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive
