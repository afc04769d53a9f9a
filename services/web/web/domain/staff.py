"""The member of staff signed in to the desk, as the session keeps them."""

from pydantic import BaseModel, Field


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
