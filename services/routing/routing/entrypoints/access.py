"""Who may call routing's API: the roles each route admits (the routing rows of the authorization matrix).

Every route but the probes and `/metrics` needs a staff bearer token (verified by the chassis); the roles come from
the token's `role` claim. Decisions explain a case to whoever works or oversees it, so any staff role reads them;
the rules in force are no secret among staff; changing them and reading the customers' texts kept for retraining
are an admin's; what routing keeps about a data subject's complaints is the privacy officer's to export.
"""

from typing import Any

from complaints_chassis.staff_auth import require_role
from fastapi import Depends

STAFF_ROLES = ("agent", "supervisor", "quality", "legal", "admin", "analyst", "compliance")
"""Every role a staff token may carry; `analyst` reads dashboards, `compliance` the regulatory figures."""
ADMIN_ROLES = ("admin",)
PRIVACY_ROLES = ("privacy",)
"""Who answers data subjects' access requests."""

PROBLEM = {"content": {"application/problem+json": {}}}


def allow(*roles: str) -> list[Any]:
    """Route dependencies admitting a valid staff token with one of `roles` (401 without one, 403 otherwise)."""
    return [Depends(require_role(*roles))]


def refusals(who: str) -> dict[int | str, dict[str, Any]]:
    """The documented 401 and 403 answers of a route that `who` may call."""
    return {401: {"description": "No valid staff token", **PROBLEM},
            403: {"description": f"Only {who} may call this", **PROBLEM}}
