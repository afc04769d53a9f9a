"""The member of staff signed in to the desk, as the session keeps them."""

from pydantic import BaseModel, Field

CASE_ROLES = ("agent", "supervisor", "quality", "legal", "admin")
"""Roles resolution lets read cases (docs/security.md): the others have no case list to open."""
FILING_ROLES = ("agent", "supervisor", "quality", "legal", "admin", "analyst", "compliance")
"""Roles intake lets log a complaint for a customer: every staff role but the privacy office's."""


class SignedInStaff(BaseModel):
    """Who is signed in and the bearer token the desk forwards to the services' APIs on their behalf."""

    sub: str
    name: str
    roles: list[str]
    teams: list[str] = Field(default_factory=list)
    departments: list[str] = Field(default_factory=list)
    token: str = Field(repr=False)
    expires_at: float
    """Unix time the token stops working; the session ends with it."""

    def has_role(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def works_cases(self) -> bool:
        return self.has_role(*CASE_ROLES)

    @property
    def logs_complaints(self) -> bool:
        return self.has_role(*FILING_ROLES)
