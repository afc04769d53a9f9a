"""Who may see and act on which case: a pure decision with its reason, for the API to turn into 403."""

from enum import StrEnum
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from .states import CaseAction, CaseState, allowed_actions


class Role(StrEnum):
    AGENT = "agent"
    SUPERVISOR = "supervisor"
    QUALITY = "quality"
    LEGAL = "legal"
    ADMIN = "admin"


class Permission(StrEnum):
    VIEW = "view"
    WORK = "work"
    """Change the case: notes, requests, proposals, resolution, closing, escalation."""
    REASSIGN = "reassign"
    RAISE_CORRECTIVE_ACTION = "raise_corrective_action"
    """Raise, assign, move and verify corrective actions."""
    VIEW_PERSONAL_DATA = "view_personal_data"
    """See the customer's contact details, search by them and follow the customer's other complaints."""
    EXPORT = "export"
    """Export a list of cases (audited)."""
    VIEW_CORRECTIVE_ACTIONS = "view_corrective_actions"
    FILE_REGULATORY_REPORT = "file_regulatory_report"
    """Record a report filed with a regulator about a case (regulatory reporting sits with quality and legal too)."""


class Principal(BaseModel):
    """The authenticated employee, as the verified token describes them."""

    model_config = ConfigDict(frozen=True)

    subject: str = Field(description="Employee id")
    roles: frozenset[Role]
    teams: frozenset[str] = Field(default=frozenset(), description="Teams the employee belongs to")
    departments: frozenset[str] = Field(default=frozenset(),
                                        description="Departments the employee supervises or sits in")


class CaseScope(NamedTuple):
    """The parts of a case that access depends on."""

    team: str
    department: str


class AccessDecision(NamedTuple):
    allowed: bool
    reason: str


PERMISSION_OF_ACTION: dict[CaseAction, Permission] = {action: Permission.WORK for action in CaseAction}
PERMISSION_OF_ACTION[CaseAction.REASSIGN] = Permission.REASSIGN
PERMISSION_OF_ACTION[CaseAction.FILE_REGULATORY_REPORT] = Permission.FILE_REGULATORY_REPORT

SCOPE_TEAM, SCOPE_DEPARTMENT, SCOPE_ALL = "team", "department", "all"
GRANTS: dict[Role, dict[Permission, str]] = {
    Role.AGENT: {Permission.VIEW: SCOPE_TEAM, Permission.WORK: SCOPE_TEAM, Permission.VIEW_PERSONAL_DATA: SCOPE_TEAM,
                 Permission.FILE_REGULATORY_REPORT: SCOPE_TEAM},
    Role.SUPERVISOR: {Permission.VIEW: SCOPE_DEPARTMENT, Permission.WORK: SCOPE_DEPARTMENT,
                      Permission.FILE_REGULATORY_REPORT: SCOPE_DEPARTMENT,
                      Permission.REASSIGN: SCOPE_DEPARTMENT, Permission.VIEW_PERSONAL_DATA: SCOPE_DEPARTMENT,
                      Permission.EXPORT: SCOPE_DEPARTMENT, Permission.VIEW_CORRECTIVE_ACTIONS: SCOPE_ALL},
    # Quality studies every complaint for root causes and trends: the complaint, not who made it.
    # Quality (regulatory affairs) and legal file reports to regulators on any complaint.
    Role.QUALITY: {Permission.VIEW: SCOPE_ALL, Permission.RAISE_CORRECTIVE_ACTION: SCOPE_ALL,
                   Permission.EXPORT: SCOPE_ALL, Permission.VIEW_CORRECTIVE_ACTIONS: SCOPE_ALL,
                   Permission.FILE_REGULATORY_REPORT: SCOPE_ALL},
    # Legal looks at any complaint with legal consequences and works those given to a legal team.
    Role.LEGAL: {Permission.VIEW: SCOPE_ALL, Permission.WORK: SCOPE_TEAM, Permission.VIEW_PERSONAL_DATA: SCOPE_ALL,
                 Permission.EXPORT: SCOPE_ALL, Permission.VIEW_CORRECTIVE_ACTIONS: SCOPE_ALL,
                 Permission.FILE_REGULATORY_REPORT: SCOPE_ALL},
    Role.ADMIN: {permission: SCOPE_ALL for permission in Permission},
}
"""Role → permission → how far it reaches."""


def decide_access(*, principal: Principal, permission: Permission, case: CaseScope | None = None) -> AccessDecision:
    """Allow when any of the principal's roles grants the permission over the case's team or department."""
    for role in sorted(principal.roles):
        scope = GRANTS[role].get(permission)
        if scope == SCOPE_ALL:
            return AccessDecision(True, f"{role} may {permission} any case")
        if case is None or scope is None:
            continue
        if scope == SCOPE_TEAM and case.team in principal.teams:
            return AccessDecision(True, f"{role} may {permission} cases of team {case.team}")
        if scope == SCOPE_DEPARTMENT and case.department in principal.departments:
            return AccessDecision(True, f"{role} may {permission} cases of department {case.department}")
    roles = ", ".join(sorted(principal.roles)) or "no role"
    where = f" of team {case.team} in department {case.department}" if case else " across cases"
    return AccessDecision(False, f"{roles} may not {permission} cases{where}")


def decide_action(*, principal: Principal, action: CaseAction, case: CaseScope) -> AccessDecision:
    """Decide whether the principal may take a lifecycle action on the case."""
    return decide_access(principal=principal, permission=PERMISSION_OF_ACTION[action], case=case)


def actions_for(*, principal: Principal, state: CaseState, case: CaseScope) -> list[CaseAction]:
    """List the actions the lifecycle allows in the state that the principal may also take on the case (the check
    each staff command passes), in declaration order."""
    return [action for action in allowed_actions(state)
            if decide_action(principal=principal, action=action, case=case).allowed]


class VisibleScope(BaseModel):
    """The cases a principal may view: everything, or those of some teams and departments."""

    model_config = ConfigDict(frozen=True)

    everything: bool = False
    teams: frozenset[str] = frozenset()
    departments: frozenset[str] = frozenset()

    def covers(self, case: CaseScope) -> bool:
        """Tell whether a case lies inside the scope."""
        return self.everything or case.team in self.teams or case.department in self.departments

    @property
    def empty(self) -> bool:
        """Tell whether the scope covers no case at all."""
        return not (self.everything or self.teams or self.departments)

    def narrowed(self, other: "VisibleScope") -> "VisibleScope":
        """A scope inside both (erring narrow: a case one covers by team and the other by department is left out)."""
        if self.everything:
            return other
        if other.everything:
            return self
        return VisibleScope(teams=self.teams & other.teams, departments=self.departments & other.departments)


def visible_scope(*, principal: Principal, permission: Permission = Permission.VIEW) -> VisibleScope:
    """Return how far one of the principal's permissions reaches (the work queue is cut to the view's)."""
    scopes = {GRANTS[role].get(permission) for role in principal.roles}
    return VisibleScope(everything=SCOPE_ALL in scopes,
                        teams=principal.teams if SCOPE_TEAM in scopes else frozenset(),
                        departments=principal.departments if SCOPE_DEPARTMENT in scopes else frozenset())


def decide_clock_control(*, principal: Principal) -> AccessDecision:
    """Only admins may read or move the service clock (where clock control is switched on at all)."""
    if Role.ADMIN in principal.roles:
        return AccessDecision(True, "admins may move the clock")
    return AccessDecision(False, "only admins may move the clock")
