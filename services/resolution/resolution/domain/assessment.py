"""Staff correct routing's assessment (kind, category, priority, department): the case changes, and the correction
is announced so routing keeps it as an example to learn from."""

from complaint_contracts.resolution import AssessmentCorrected, FieldCorrection
from complaint_contracts.types import Category, ComplaintKind, Priority

from .case import Acting, Case, case_event, check_action, record
from .errors import RuleViolation
from .policy import DEFAULT_POLICY, CasePolicy
from .states import CaseAction


def correct_assessment(*, case: Case, acting: Acting, kind: ComplaintKind | None = None,
                       category: Category | None = None, priority: Priority | None = None,
                       department: str | None = None, policy: CasePolicy = DEFAULT_POLICY) -> list[AssessmentCorrected]:
    """Change the fields given that differ from the case's, with a reason; refuse a correction that changes
    nothing or gives no reason."""
    check_action(case, action=CaseAction.CORRECT_ASSESSMENT, acting=acting)
    if not acting.reason.strip():
        raise RuleViolation("say why the assessment is wrong (the reason is what routing learns from)", field="reason")
    wanted = {"kind": kind, "category": category, "priority": priority, "department": department}
    changes = [FieldCorrection(field=name, old=str(getattr(case, name)), new=str(value))  # type: ignore[arg-type]
               for name, value in wanted.items() if value is not None and value != getattr(case, name)]
    if not changes:
        raise RuleViolation("the correction changes nothing: every field given has that value already")
    for change in changes:
        setattr(case, change.field, wanted[change.field])
    record(case, action=CaseAction.CORRECT_ASSESSMENT, acting=acting, policy=policy,
           detail={c.field: f"{c.old} -> {c.new}" for c in changes})
    return [case_event(AssessmentCorrected, case, acting, corrected_by=acting.by, changes=changes,
                       reason=acting.reason, kind=case.kind, category=case.category, priority=case.priority,
                       department=case.department)]
