"""Who a message is for, and where staff are reached (staff addresses come from configuration, not events)."""

from complaint_contracts import Language
from pydantic import BaseModel, ConfigDict, Field

from .catalogue import Audience

CUSTOMER_KEY = "customer"
QUALITY_ROLE = "role:quality"
"""Quality managers: root causes and systemic issues (ISO 10002 continual improvement)."""
COMPLAINT_MANAGERS_ROLE = "role:complaint_managers"
"""Whoever oversees complaint handling and is told about breaches and escalations."""


def employee_key(employee_id: str) -> str:
    return f"employee:{employee_id}"


def team_key(team: str) -> str:
    return f"team:{team}"


class Recipient(BaseModel):
    """A recipient as the event names it: the customer, or staff looked up by the first known key."""

    model_config = ConfigDict(frozen=True)

    audience: Audience
    keys: tuple[str, ...] = Field(min_length=1)
    """Directory keys tried in order, e.g. the assignee, then their team; the first also names the delivery."""

    @property
    def key(self) -> str:
        return self.keys[0]


CUSTOMER = Recipient(audience=Audience.CUSTOMER, keys=(CUSTOMER_KEY,))


def owner_recipient(*, team: str | None, assignee: str | None) -> Recipient | None:
    """The owner of a case: the assignee, falling back to their team's address."""
    keys = tuple(k for k in (assignee and employee_key(assignee), team and team_key(team)) if k)
    return Recipient(audience=Audience.STAFF, keys=keys) if keys else None


def staff_recipient(key: str) -> Recipient:
    return Recipient(audience=Audience.STAFF, keys=(key,))


class StaffRoute(BaseModel):
    """How one employee, team or role is reached."""

    model_config = ConfigDict(frozen=True)

    email: str | None = Field(default=None, description="Mailbox, personal or shared")
    chat: bool = Field(default=False, description="Also post to the staff chat webhook (team channels)")
    language: Language = Field(default=Language.EN, description="Language staff read messages in")
    time_zone: str = Field(default="UTC", description="IANA time zone for dates in messages")


class StaffDirectory(BaseModel):
    """Directory key (`employee:…`, `team:…`, `role:…`) → route, loaded from settings."""

    model_config = ConfigDict(frozen=True)

    routes: dict[str, StaffRoute] = Field(default_factory=dict)

    def lookup(self, recipient: Recipient) -> tuple[str, StaffRoute] | None:
        """The first key the directory knows, with its route."""
        return next(((k, self.routes[k]) for k in recipient.keys if k in self.routes), None)
