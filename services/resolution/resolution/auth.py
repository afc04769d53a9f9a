"""Staff authentication: a signed bearer token (HS256 shared key, or RS256 with a configured public key)."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import jwt
from complaints_chassis.problems import Problem
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError

from .access import Principal, Role

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="resolution"'}


@dataclass(frozen=True)
class TokenVerifier:
    secret: str
    public_key: str | None = None
    audience: str | None = None
    issuer: str | None = None

    def principal(self, token: str) -> Principal:
        """Verify the token and read who it speaks for; raise jwt.InvalidTokenError when it cannot be trusted."""
        algorithm = jwt.get_unverified_header(token).get("alg")
        if algorithm == "RS256" and self.public_key:
            key: Any = self.public_key
        elif algorithm == "HS256":
            key = self.secret
        else:
            raise jwt.InvalidAlgorithmError(f"tokens signed with {algorithm} are not accepted")
        claims = jwt.decode(token, key, algorithms=[algorithm], audience=self.audience, issuer=self.issuer,
                            options={"require": ["sub", "exp"], "verify_aud": self.audience is not None})
        try:
            return Principal(subject=claims["sub"], roles=frozenset(Role(r) for r in _many(claims.get("role"))),
                             teams=frozenset(_many(claims.get("team"))),
                             departments=frozenset(_many(claims.get("department"))))
        except (ValueError, ValidationError) as exc:
            raise jwt.InvalidTokenError("the token's role, team or department claims are not valid") from exc


def _many(value: object) -> Iterable[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise ValueError("a claim must be a string or a list of strings")


bearer = HTTPBearer(auto_error=False, description="Staff token: claims sub, role, team, department")


def current_principal(request: Request,
                      credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> Principal:
    """FastAPI dependency: the employee the bearer token speaks for, or 401."""
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials.strip():
        raise Problem(401, "Unauthorized", "a bearer token is required", headers=CHALLENGE)
    verifier: TokenVerifier = request.app.state.deps.verifier
    try:
        return verifier.principal(credentials.credentials.strip())
    except jwt.InvalidTokenError as exc:
        raise Problem(401, "Unauthorized", f"the bearer token is not valid: {exc}", headers=CHALLENGE) from exc
