"""The desk's queue views (tabs) as filters of resolution's work queue, and the search form as a search body."""

from dataclasses import dataclass
from typing import Any

from .desk_clock import DUE_SOON_HOURS
from .desk_labels import CATEGORIES, N_, PRIORITIES, STATES
from .staff import SignedInStaff

PAGE_SIZE = 25


@dataclass(frozen=True)
class Tab:
    key: str
    title: str


TABS = [Tab("mine", N_("My cases")), Tab("team", N_("My team")), Tab("due", N_("Due soon")),
        Tab("breached", N_("Breached")), Tab("unassigned", N_("Unassigned"))]
TAB_KEYS = {tab.key for tab in TABS}


def queue_params(tab: str, staff: SignedInStaff, *, offset: int) -> dict[str, Any]:
    """Query parameters of GET /cases for a tab (offset paging, nearest deadline first)."""
    teams = {"team": staff.teams} if staff.teams else {}
    if tab == "mine":
        return {"assignee": [staff.sub], "offset": offset, "limit": PAGE_SIZE}
    if tab == "team":
        return teams | {"offset": offset, "limit": PAGE_SIZE}
    if tab == "due":
        return {"due_within_hours": DUE_SOON_HOURS, "breached": False, "offset": offset, "limit": PAGE_SIZE}
    if tab == "breached":
        return {"breached": True, "offset": offset, "limit": PAGE_SIZE}
    return teams | {"unassigned": True, "offset": offset, "limit": PAGE_SIZE}


@dataclass(frozen=True)
class SearchForm:
    """What the search box and filters hold (all sent in a POST body)."""

    terms: str = ""
    state: str = ""
    priority: str = ""
    category: str = ""
    cursor: str = ""

    def body(self) -> dict[str, Any]:
        """Resolution's search body: the terms read as a tracking number, an e-mail, a phone number or words."""
        body: dict[str, Any] = {"limit": PAGE_SIZE}
        terms = self.terms.strip()
        if terms:
            body |= _terms(terms)
        if self.state in STATES:
            body["states"] = [self.state]
        if self.priority in PRIORITIES:
            body["priorities"] = [self.priority]
        if self.category in CATEGORIES:
            body["categories"] = [self.category]
        if self.cursor:
            body["cursor"] = self.cursor
        return body

    @property
    def empty(self) -> bool:
        return not (self.terms.strip() or self.state or self.priority or self.category)


def _terms(terms: str) -> dict[str, str]:
    compact = terms.replace(" ", "").replace("-", "").replace("(", "").replace(")", "")
    if "@" in terms and " " not in terms:
        return {"email": terms}
    if terms.upper().startswith("CMP-") and " " not in terms:
        return {"tracking_number": terms.upper()}
    if compact.lstrip("+").isdigit() and len(compact.lstrip("+")) >= 6:
        return {"phone": terms}
    return {"text": terms}
