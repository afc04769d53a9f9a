"""Staff bearer tokens for tests, minted like the CLI mints them (signed like the identity provider would)."""

from complaints_cli.staff_client import Claim, bearer, mint_staff_token

TEST_JWT_SECRET = "test-staff-token-signing-key-0123456789abcdef"

__all__ = ["TEST_JWT_SECRET", "bearer", "staff_token"]


def staff_token(*, sub: str = "emp-test", role: Claim = "agent", team: str | None = None,
                department: str | None = None, secret: str = TEST_JWT_SECRET, ttl: int = 3600) -> str:
    return mint_staff_token(secret, sub=sub, role=role, team=team, department=department, ttl_seconds=ttl)
