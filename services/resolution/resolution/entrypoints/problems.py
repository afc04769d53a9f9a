"""Domain errors as RFC 9457 problems: every route answers through `answering_problems`."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from complaints_chassis.problems import Problem

from ..domain.errors import (
    AccessDenied,
    CaseNotFound,
    ClockControlOff,
    CorrectiveActionNotFound,
    FinalResponseIncomplete,
    IllegalTransition,
    InvalidCursor,
    ObjectivityConflict,
    ResolutionError,
    RuleViolation,
    TransitionRefused,
    VersionConflict,
)

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No valid bearer token"}, 403: {"description": "Outside the employee's scope"},
    404: {"description": "No such case"}, 409: {"description": "Stale version, or not allowed in this state"},
    422: {"description": "The request breaks a rule (e.g. an incomplete final response)"}}


def problem_of(exc: ResolutionError) -> Problem:
    """The RFC 9457 answer to a domain error."""
    if isinstance(exc, CaseNotFound):
        return Problem(404, "Case not found", str(exc))
    if isinstance(exc, CorrectiveActionNotFound):
        return Problem(404, "Corrective action not found", str(exc))
    if isinstance(exc, ClockControlOff):
        return Problem(404, "Not Found", str(exc))
    if isinstance(exc, AccessDenied):
        return Problem(403, "Forbidden", str(exc))
    if isinstance(exc, InvalidCursor):
        return Problem(400, "Bad cursor", str(exc), errors=[{"field": "cursor", "reason": str(exc)}])
    if isinstance(exc, VersionConflict):
        return Problem(409, "Case changed meanwhile", str(exc), type_="/problems/version-conflict",
                       current_version=exc.actual)
    if isinstance(exc, IllegalTransition):
        return Problem(409, "Action not allowed in this state", str(exc), type_="/problems/illegal-transition",
                       state=exc.state.value, allowed_actions=[a.value for a in exc.allowed])
    if isinstance(exc, TransitionRefused):
        return Problem(409, "Status change not allowed", str(exc), type_="/problems/illegal-transition",
                       state=exc.status, allowed_actions=exc.allowed,
                       errors=[{"field": "status", "reason": str(exc)}])
    if isinstance(exc, ObjectivityConflict):
        return Problem(409, "Objectivity rule", str(exc), type_="/problems/objectivity", rule=exc.rule,
                       errors=[{"field": exc.field, "reason": str(exc)}])
    if isinstance(exc, FinalResponseIncomplete):
        return Problem(422, "Final response incomplete", str(exc), type_="/problems/final-response-incomplete",
                       missing=exc.missing, errors=[{"field": "final_response", "reason": f"missing {m}"}
                                                    for m in exc.missing])
    if isinstance(exc, RuleViolation):
        fields = {"errors": [{"field": exc.field, "reason": str(exc)}]} if exc.field else {}
        return Problem(422, "Rule violated", str(exc), type_="/problems/rule-violation", **fields)
    return Problem(409, "Refused", str(exc))


@contextmanager
def answering_problems() -> Iterator[None]:
    """Turn a domain error raised inside the block into its problem answer."""
    try:
        yield
    except ResolutionError as exc:
        raise problem_of(exc) from exc
