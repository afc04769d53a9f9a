"""Staff authentication for the API: the chassis verifies the bearer token; here its claims become the Principal
the access rules (domain/access.py) understand."""

from typing import Annotated

from complaints_chassis.problems import Problem
from complaints_chassis.staff_auth import CHALLENGE, StaffClaims, staff_claims
from fastapi import Depends
from pydantic import ValidationError

from ..domain.access import Principal, Role


def current_principal(claims: StaffClaims = Depends(staff_claims)) -> Principal:
    """FastAPI dependency: the employee the bearer token speaks for, or 401."""
    try:
        return Principal(subject=claims.subject, roles=frozenset(Role(r) for r in claims.roles),
                         teams=claims.teams, departments=claims.departments)
    except (ValueError, ValidationError) as exc:
        raise Problem(401, "Unauthorized", "the bearer token is not valid: its role claim names no known role",
                      headers=CHALLENGE) from exc


Staff = Annotated[Principal, Depends(current_principal)]
"""A route parameter: the authenticated employee."""
