"""HTTP API of routing: the rules in force, reloading them, and the decision about a complaint (staff only: see
`access.py` for who may call what)."""

from typing import Annotated

from complaint_contracts.types import ComplaintId
from complaints_calendar import DataFileError
from complaints_chassis.problems import Problem
from fastapi import APIRouter, Path

from ..deps import Deps
from ..domain.rulebook import RulesRefused
from .access import ADMIN_ROLES, PROBLEM, STAFF_ROLES, allow, refusals
from .schemas import Decision, RulesSummary, TriageExample, TriageExamples

router = APIRouter(prefix="/v1", tags=["rules"])
STAFF, ADMINS = allow(*STAFF_ROLES), allow(*ADMIN_ROLES)


@router.get("/rules", summary="The rules and teams in force", dependencies=STAFF, responses=refusals("staff"))
async def get_rules(deps: Deps) -> RulesSummary:
    return RulesSummary.of(deps.service.rules_in_force())


@router.post("/rules/reload", summary="Put the edited rules and teams files in force (new complaints only)",
             dependencies=ADMINS,
             responses={422: {"description": "A file is bad; the rules in force stay active", **PROBLEM},
                        **refusals("admins (they change the rules in force)")})
async def reload(deps: Deps) -> RulesSummary:
    try:
        return RulesSummary.of(deps.service.reload_rules())
    except RulesRefused as exc:
        raise _refused(exc) from None


def _refused(exc: RulesRefused) -> Problem:
    problem = exc.problem
    if isinstance(problem, DataFileError):
        errors = [{"field": problem.source, "reason": str(line), "line": str(line.line)} for line in problem.problems]
    else:
        errors = [{"field": "rules_file", "reason": str(problem)}]
    return Problem(422, "Rules file refused", f"{problem}; rules {exc.in_force} stay in force",
                   type_="/problems/rules-refused", errors=errors, rules_version=exc.in_force)


@router.get("/decisions/{complaint_id}", summary="How a complaint was routed, and by which rules",
            tags=["decisions"], dependencies=STAFF,
            responses={404: {"description": "No decision about this complaint", **PROBLEM}, **refusals("staff")})
async def get_decision(complaint_id: Annotated[ComplaintId, Path()], deps: Deps) -> Decision:
    record = await deps.service.decision(complaint_id=complaint_id)
    if record is None:
        raise Problem(404, "No routing decision", f"complaint {complaint_id} has not been routed",
                      type_="/problems/not-found")
    return Decision.of(record)


@router.get("/triage/examples", summary="Texts staff corrected, with the corrected labels (for retraining)",
            tags=["triage"], dependencies=ADMINS,
            responses=refusals("admins (the examples hold customers' texts)"))
async def get_triage_examples(deps: Deps) -> TriageExamples:
    return TriageExamples(examples=[TriageExample.of(example) for example in await deps.service.kept_examples()])
