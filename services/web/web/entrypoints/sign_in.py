"""Staff sign-in: OpenID Connect (authorization code with PKCE) against the identity provider, or, in development
only, picking a member of the demo staff list. Either way the session keeps who signed in and a bearer token the
desk forwards to the services."""

import time
from typing import Annotated, Any

from authlib.integrations.starlette_client import OAuth, OAuthError
from complaints_chassis.staff_auth import sign_hs256
from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from ..adapters.staff_directory import DemoStaffMember
from ..deps import Deps
from ..domain.staff import SignedInStaff
from .middleware import STAFF_SESSION_KEY

router = APIRouter(prefix="/desk", include_in_schema=False)
HOME = "/desk"


@router.get("/sign-in")
async def sign_in_page(request: Request, deps: Deps) -> Response:
    demo: list[DemoStaffMember] = request.app.state.demo_staff
    return deps.pages.render(request, "desk/sign_in.html",
                             {"demo_staff": demo, "provider": request.app.state.oauth is not None,
                              "failed": request.query_params.get("failed") == "1"})


@router.post("/sign-in/dev")
async def dev_sign_in(request: Request, deps: Deps, sub: Annotated[str, Form(max_length=64)]) -> Response:
    demo: list[DemoStaffMember] = request.app.state.demo_staff
    member = next((m for m in demo if m.sub == sub), None)
    if not deps.settings.dev_sign_in or member is None or deps.settings.jwt_secret is None:
        return RedirectResponse("/desk/sign-in?failed=1", status_code=303)
    lifetime = min(deps.settings.session_max_age_seconds, deps.settings.jwt_max_lifetime_hours * 3600)
    now = time.time()
    token = sign_hs256(deps.settings.jwt_secret.get_secret_value(), subject=member.sub, roles=member.roles,
                       teams=member.teams, departments=member.departments, ttl_seconds=lifetime, now=now)
    _keep(request, SignedInStaff(sub=member.sub, name=member.name, roles=member.roles, teams=member.teams,
                                 departments=member.departments, token=token, expires_at=now + lifetime))
    return RedirectResponse(HOME, status_code=303)


@router.post("/sign-in/provider")
async def provider_sign_in(request: Request, deps: Deps) -> Response:
    oauth: OAuth | None = request.app.state.oauth
    if oauth is None:
        return RedirectResponse("/desk/sign-in?failed=1", status_code=303)
    callback = f"{str(deps.settings.public_base_url).rstrip('/')}/desk/sign-in/callback"
    response: Response = await oauth.staff.authorize_redirect(request, callback)
    return response


@router.get("/sign-in/callback")
async def provider_callback(request: Request, deps: Deps) -> Response:
    oauth: OAuth | None = request.app.state.oauth
    if oauth is None:
        return RedirectResponse("/desk/sign-in?failed=1", status_code=303)
    try:
        token: dict[str, Any] = await oauth.staff.authorize_access_token(request)
    except OAuthError:
        return RedirectResponse("/desk/sign-in?failed=1", status_code=303)
    claims: dict[str, Any] = token.get("userinfo") or {}
    settings = deps.settings
    _keep(request, SignedInStaff(
        sub=str(claims.get("sub", "")), name=str(claims.get("name") or claims.get("preferred_username") or ""),
        roles=_listed(claims.get(settings.oidc_roles_claim)), teams=_listed(claims.get(settings.oidc_teams_claim)),
        departments=_listed(claims.get("departments")), token=token["access_token"],
        expires_at=float(token.get("expires_at") or time.time() + settings.session_max_age_seconds)))
    return RedirectResponse(HOME, status_code=303)


@router.post("/sign-out")
async def sign_out(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/desk/sign-in", status_code=303)


def provider(settings: Any) -> OAuth | None:
    """The identity provider's client, when one is configured: code flow with PKCE (S256)."""
    if settings.oidc_metadata_url is None:
        return None
    oauth = OAuth()
    oauth.register("staff", server_metadata_url=str(settings.oidc_metadata_url), client_id=settings.oidc_client_id,
                   client_secret=(settings.oidc_client_secret.get_secret_value()
                                  if settings.oidc_client_secret else None),
                   client_kwargs={"scope": settings.oidc_scopes, "code_challenge_method": "S256"})
    return oauth


def _keep(request: Request, staff: SignedInStaff) -> None:
    request.session.clear()  # a new sign-in starts a new session (no fixation of an earlier one)
    request.session[STAFF_SESSION_KEY] = staff.model_dump()


def _listed(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value]
    return []
