"""What routes need, typed: the page renderer, the settings, the API clients and the signed-in member of staff."""

from dataclasses import dataclass
from typing import Annotated

import httpx
from fastapi import Depends, Request

from .adapters.pages import Pages
from .config import WebSettings
from .domain.staff import SignedInStaff


@dataclass(frozen=True)
class WebDeps:
    settings: WebSettings
    pages: Pages
    intake: httpx.AsyncClient
    resolution: httpx.AsyncClient
    analytics: httpx.AsyncClient
    routing: httpx.AsyncClient
    notification: httpx.AsyncClient
    """Only its /metrics is read (the operations page): notification has no staff API the desk calls."""


async def _deps(request: Request) -> WebDeps:
    deps: WebDeps = request.app.state.deps
    return deps


Deps = Annotated[WebDeps, Depends(_deps)]


class SignInRequired(Exception):
    """The desk page needs a signed-in member of staff; answered with a redirect to the sign-in page."""


async def _staff(request: Request) -> SignedInStaff:
    staff: SignedInStaff | None = getattr(request.state, "staff", None)
    if staff is None:
        raise SignInRequired
    return staff


Staff = Annotated[SignedInStaff, Depends(_staff)]
"""A desk route's parameter: the signed-in member of staff (others are sent to sign in)."""
