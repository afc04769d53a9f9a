"""Staff authentication for the API: the chassis verifies the bearer token; here its claims become the Principal
the access rules (domain/access.py) understand."""

from typing import Annotated

from complaints_chassis.problems import Problem
from complaints_chassis.staff_auth import CHALLENGE, StaffClaims, staff_claims
from fastapi import Depends
from pydantic import ValidationError

from ..domain.access import Principal, Role

KNOWN_ROLES = frozenset(role.value for role in Role)


async def current_principal(claims: StaffClaims = Depends(staff_claims)) -> Principal:
    """FastAPI dependency: the employee the bearer token speaks for; 403 when none of their roles works cases.

    Roles of other services (an analytics `analyst`, a `compliance` officer filing returns) are not an error: one
    identity provider issues every staff token, and resolution takes the roles it knows.
    """
    roles = frozenset(Role(r) for r in claims.roles if r in KNOWN_ROLES)
    if not roles:
        raise Problem(403, "Forbidden", "none of the token's roles may use the case work API "
                      f"(roles here: {', '.join(sorted(KNOWN_ROLES))})")
    try:
        return Principal(subject=claims.subject, roles=roles, teams=claims.teams, departments=claims.departments)
    except ValidationError as exc:
        raise Problem(401, "Unauthorized", "the bearer token is not valid: its claims do not describe an employee",
                      headers=CHALLENGE) from exc


Staff = Annotated[Principal, Depends(current_principal)]
"""A route parameter: the authenticated employee."""
