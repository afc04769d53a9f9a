"""Who may call analytics' API: the roles each route admits (the analytics rows of the authorization matrix).

Every route but the probes, `/metrics` and the public transparency report needs a staff bearer token (verified by
the chassis); the roles come from the token's `role` claim.
- Aggregate KPIs (volume, backlog, timings, compliance, outcomes, root causes, triage correction rates): any staff
  role, `analyst` (a dashboard reader who works no cases) included.
- Per-complaint facts (`/v1/facts.csv`) and the regulatory returns: those who oversee complaint handling and
  answer to the regulator: supervisor, quality, legal, admin and `compliance` (the compliance officer who files
  the returns). Facts hold no personal data, but one row per complaint lets a reader single out a case.
- The facts of a data subject's complaints (`POST /v1/data-subject-exports`, for an access request under GDPR
  Art. 15: facts are pseudonymous, but still about the person): the `privacy` role (the data-protection officer)
  only.
- The transparency report is published by design (small counts suppressed) and stays open.
"""

from typing import Any

from complaints_chassis.staff_auth import require_role
from fastapi import Depends

STAFF_ROLES = ("agent", "supervisor", "quality", "legal", "admin", "analyst", "compliance")
"""Every role a staff token may carry."""
RECORD_ROLES = ("supervisor", "quality", "legal", "admin", "compliance")
"""Who may read per-complaint facts and the regulatory returns."""
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


STAFF, STAFF_REFUSALS = allow(*STAFF_ROLES), refusals("staff")
"""Route dependencies and documented refusals of an aggregate KPI."""
RECORD_READERS, RECORD_REFUSALS = allow(*RECORD_ROLES), refusals(", ".join(RECORD_ROLES))
"""Route dependencies and documented refusals of per-complaint facts and regulatory returns."""
PRIVACY, PRIVACY_REFUSALS = allow(*PRIVACY_ROLES), refusals("the privacy officer (role privacy)")
"""Route dependencies and documented refusals of a data subject's export."""
