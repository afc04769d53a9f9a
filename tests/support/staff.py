"""Staff bearer tokens for tests (signed like the identity provider would)."""

import time

import jwt

TEST_JWT_SECRET = "test-staff-token-signing-key-0123456789abcdef"


def staff_token(*, sub: str = "emp-test", role: str | list[str] = "agent", team: str | None = None,
                department: str | None = None, secret: str = TEST_JWT_SECRET, ttl: int = 3600) -> str:
    claims = {"sub": sub, "role": role, "exp": int(time.time()) + ttl}
    claims.update({k: v for k, v in (("team", team), ("department", department)) if v is not None})
    return jwt.encode(claims, secret, algorithm="HS256")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
