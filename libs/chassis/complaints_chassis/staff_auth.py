"""Staff authentication shared by every staff-facing API: a signed bearer token (HS256 shared key, or RS256
with the identity provider's public key) carrying who the employee is and what they may do."""

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from .problems import Problem

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="complaints"'}


@dataclass(frozen=True)
class StaffClaims:
    """What a verified token says about the employee."""

    subject: str
    roles: frozenset[str]
    teams: frozenset[str]
    departments: frozenset[str]


@dataclass(frozen=True)
class StaffTokenVerifier:
    secret: str | None = None
    public_key: str | None = None
    audience: str | None = None
    """When set, a token must carry this `aud` (a token without one is refused)."""
    issuer: str | None = None
    """When set, a token must carry this `iss`."""
    max_lifetime_hours: float = 12.0
    """Longest validity a token may have: `exp - iat`, or `exp - now` for a token without `iat`. A stolen token
    must not stay usable for days (OWASP ASVS 3.3: sessions end)."""
    now: Callable[[], float] = time.time

    @property
    def configured(self) -> bool:
        return bool(self.secret or self.public_key)

    def claims(self, token: str) -> StaffClaims:
        """Verify the token and read its claims; raise jwt.InvalidTokenError when it cannot be trusted."""
        algorithm = jwt.get_unverified_header(token).get("alg")
        if algorithm == "RS256" and self.public_key:
            key: Any = self.public_key
        elif algorithm == "HS256" and self.secret:
            key = self.secret
        else:
            raise jwt.InvalidAlgorithmError(f"tokens signed with {algorithm} are not accepted")
        required = ["sub", "exp", *(["aud"] if self.audience else []), *(["iss"] if self.issuer else [])]
        claims = jwt.decode(token, key, algorithms=[algorithm], audience=self.audience, issuer=self.issuer,
                            options={"require": required, "verify_aud": self.audience is not None})
        self._check_lifetime(claims)
        try:
            return StaffClaims(subject=claims["sub"], roles=frozenset(_many(claims.get("role"))),
                               teams=frozenset(_many(claims.get("team"))),
                               departments=frozenset(_many(claims.get("department"))))
        except ValueError as exc:
            raise jwt.InvalidTokenError("the token's role, team or department claims are not valid") from exc


    def _check_lifetime(self, claims: dict[str, Any]) -> None:
        # Both are integers by now: jwt.decode refuses an `exp` or `iat` that is not one.
        start = int(claims["iat"]) if "iat" in claims else self.now()
        if int(claims["exp"]) - start > self.max_lifetime_hours * 3600:
            raise jwt.InvalidTokenError(f"the token is valid for longer than {self.max_lifetime_hours:g} hours")


def sign_hs256(secret: str, *, subject: str, roles: Iterable[str], teams: Iterable[str] = (),
               departments: Iterable[str] = (), ttl_seconds: float = 3600, now: float | None = None) -> str:
    """A staff token signed with the shared HS256 key, as the development sign-in and the CLI make them (production
    tokens come from the identity provider)."""
    issued = int(time.time() if now is None else now)
    claims: dict[str, Any] = {"sub": subject, "role": list(roles), "iat": issued, "exp": int(issued + ttl_seconds)}
    claims.update({name: values for name, values in (("team", list(teams)), ("department", list(departments)))
                   if values})
    return jwt.encode(claims, secret, algorithm="HS256")


def _many(value: object) -> Iterable[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise ValueError("a claim must be a string or a list of strings")


STAFF_ROLES = frozenset({"agent", "supervisor", "quality", "legal", "admin", "analyst", "compliance", "privacy"})
"""Every role a member of staff may hold (the `role` claim); a token with none of them is no staff token here."""

bearer = HTTPBearer(auto_error=False, description="Staff token: claims sub, role, team, department, exp")


async def staff_claims(request: Request,
                       credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> StaffClaims:
    """FastAPI dependency: the verified claims of the bearer token (the verifier is `app.state.staff_verifier`),
    or 401."""
    verifier: StaffTokenVerifier = request.app.state.staff_verifier
    if not verifier.configured:
        raise Problem(403, "Forbidden", "staff authentication is not configured for this service")
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials.strip():
        raise Problem(401, "Unauthorized", "a bearer token is required", headers=CHALLENGE)
    try:
        return verifier.claims(credentials.credentials.strip())
    except jwt.InvalidTokenError as exc:
        raise Problem(401, "Unauthorized", f"the bearer token is not valid: {exc}", headers=CHALLENGE) from exc


def require_role(*roles: str) -> Callable[..., StaffClaims]:
    """FastAPI dependency: the caller's claims, if they hold one of `roles`; 403 otherwise."""
    async def check(claims: StaffClaims = Depends(staff_claims)) -> StaffClaims:
        if not claims.roles & set(roles):
            raise Problem(403, "Forbidden", f"this needs one of the roles: {', '.join(roles)}")
        return claims
    return check
