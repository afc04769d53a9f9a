"""HTTP API of routing: the rules in force, reloading them, and the decision about a complaint."""

from datetime import datetime
from typing import Annotated, Any

from complaint_contracts.types import ComplaintId
from complaints_calendar import DataFileError
from complaints_chassis.problems import Problem
from complaints_chassis.runtime import deps_of
from complaints_chassis.staff_auth import StaffClaims, require_role
from fastapi import APIRouter, Depends, Path
from pydantic import BaseModel, Field

from .active_rules import RULES_PROBLEMS, RulesInForce
from .deps import RoutingDeps
from .reloading import reload_rules

router = APIRouter(prefix="/v1", tags=["rules"])
Deps = Annotated[RoutingDeps, Depends(deps_of)]
PROBLEM = {"content": {"application/problem+json": {}}}


class TeamSummary(BaseModel):
    id: str
    department: str
    tier: int
    strategy: str
    members: int = Field(description="Members taking new complaints")


class RulesSummary(BaseModel):
    rules_version: str = Field(description="Version of the rules file in force, quoted in every decision")
    teams_version: str = Field(description="Version of the teams file in force")
    loaded_at: datetime = Field(description="When they were put in force")
    rules_file: str = Field(description="Name of the rules file")
    teams_file: str = Field(description="Name of the teams file")
    rules: dict[str, int] = Field(description="Number of rules per section")
    rule_ids: dict[str, list[str]] = Field(description="Rule ids per section, in the order they are tried")
    default_department: str
    departments: dict[str, str] = Field(description="Department id → what it handles")
    teams: list[TeamSummary]
    fallback_team: str


class Decision(BaseModel):
    complaint_id: str
    status: str = Field(description="routed, or failed when no decision could be made")
    department: str | None = None
    team: str | None = None
    assignee: str | None = None
    tier: int | None = None
    kind: str | None = None
    category: str | None = None
    priority: str | None = None
    regime: str | None = None
    flags: list[str] = Field(default_factory=list)
    reason: str | None = Field(default=None, description="Why routing failed, in words")
    rules_version: str = Field(description="Rules version of the latest decision")
    rules_fired: list[str] = Field(default_factory=list, description="Rules of the first decision, in words")
    received_at: datetime | None = None
    decided_at: datetime


def _summary(force: RulesInForce, deps: RoutingDeps) -> RulesSummary:
    rules, teams = force.rules, force.teams
    sections = ("flag_rules", "kind_rules", "category_rules", "severity_rules", "impact_rules", "priority_rules",
                "regime_rules", "department_rules")
    return RulesSummary(
        rules_version=rules.version, teams_version=teams.version, loaded_at=force.loaded_at,
        rules_file=deps.rules.rules_file.name, teams_file=deps.rules.teams_file.name,
        rules={name: len(getattr(rules, name)) for name in sections},
        rule_ids={name: [rule.id for rule in getattr(rules, name)] for name in sections},
        default_department=rules.default_department,
        departments={key: department.handles for key, department in teams.departments.items()},
        teams=[TeamSummary(id=team.id, department=team.department, tier=team.tier, strategy=team.strategy.value,
                           members=sum(member.active for member in team.members)) for team in teams.teams],
        fallback_team=teams.fallback_team)


@router.get("/rules", summary="The rules and teams in force")
async def get_rules(deps: Deps) -> RulesSummary:
    return _summary(deps.rules.current, deps)


@router.post("/rules/reload", summary="Put the edited rules and teams files in force (new complaints only)",
             responses={422: {"description": "A file is bad; the rules in force stay active", **PROBLEM},
                        401: {"description": "No valid staff token", **PROBLEM},
                        403: {"description": "Only admins change the rules in force", **PROBLEM}})
async def reload(deps: Deps, _: Annotated[StaffClaims, Depends(require_role("admin"))]) -> RulesSummary:
    try:
        force = reload_rules(rules=deps.rules, metrics=deps.metrics)
    except RULES_PROBLEMS as exc:
        raise _refused(exc, deps) from None
    return _summary(force, deps)


def _refused(exc: Exception, deps: RoutingDeps) -> Problem:
    if isinstance(exc, DataFileError):
        errors = [{"field": exc.source, "reason": str(problem), "line": str(problem.line)}
                  for problem in exc.problems]
    else:
        errors = [{"field": "rules_file", "reason": str(exc)}]
    return Problem(422, "Rules file refused", f"{exc}; rules {deps.rules.current.rules.version} stay in force",
                   type_="/problems/rules-refused", errors=errors,
                   rules_version=deps.rules.current.rules.version)


@router.get("/decisions/{complaint_id}", summary="How a complaint was routed, and by which rules",
            tags=["decisions"], responses={404: {"description": "No decision about this complaint", **PROBLEM}})
async def get_decision(complaint_id: Annotated[ComplaintId, Path()], deps: Deps) -> Decision:
    found: dict[str, Any] | None = (await deps.store.decisions([complaint_id])).get(complaint_id)
    if found is None:
        raise Problem(404, "No routing decision", f"complaint {complaint_id} has not been routed",
                      type_="/problems/not-found")
    return Decision(complaint_id=complaint_id, **{k: v for k, v in found.items() if k in Decision.model_fields})
