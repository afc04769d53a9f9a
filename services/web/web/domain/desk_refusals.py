"""A staff API's refusal (RFC 9457 problem+json), as a message the desk shows in the user's language."""

from dataclasses import dataclass, field
from typing import Any

from .desk_labels import N_

MESSAGES = {
    "/problems/version-conflict": N_("Someone changed this case meanwhile. Read it again and repeat the action."),
    "/problems/illegal-transition": N_("This action is not allowed in the case's current state."),
    "/problems/objectivity": N_("You may not handle this case: the complaint is about you or your team."),
    "/problems/final-response-incomplete": N_("The final response lacks content the rules make mandatory."),
    "/problems/rule-violation": N_("The action breaks a rule of the complaints process."),
    "/problems/validation": N_("Some fields are not valid. Please correct them."),
    "/problems/forbidden": N_("You are not allowed to do this."),
    "/problems/not-found": N_("Not found."),
}
BY_STATUS = {400: N_("The request was not valid."), 403: N_("You are not allowed to do this."),
             404: N_("Not found."), 409: N_("The action was refused."),
             422: N_("Some fields are not valid. Please correct them.")}


@dataclass(frozen=True)
class FieldRefusal:
    field: str
    reason: str


@dataclass(frozen=True)
class Refusal:
    """What a service refused, and why: `message` (translated on the page) and the fields it names."""

    status: int
    message: str
    detail: str = ""
    fields: list[FieldRefusal] = field(default_factory=list)

    def about(self, name: str) -> list[str]:
        """Reasons given for one field (its name as the API spells it, or the first part of a dotted name)."""
        return [f.reason for f in self.fields if f.field == name or f.field.split(".")[0] == name]


class Refused(Exception):
    """A staff API said no (4xx other than 401)."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.message)
        self.refusal = refusal


def refusal_of(status: int, problem: dict[str, Any]) -> Refusal:
    """The refusal a problem document describes; an unknown type falls back to a message for its status."""
    kind = str(problem.get("type", "about:blank"))
    message = MESSAGES.get(kind) or BY_STATUS.get(status, N_("The action was refused."))
    errors = problem.get("errors") if isinstance(problem.get("errors"), list) else []
    fields = [FieldRefusal(str(e.get("field", "")), str(e.get("reason", ""))) for e in errors if isinstance(e, dict)]
    return Refusal(status=status, message=message, detail=str(problem.get("detail") or ""), fields=fields)
