"""Resolution's `AssessmentCorrected` as tests build it: only the changed fields given, the rest filled in."""

from complaint_contracts.resolution import AssessmentCorrected, FieldCorrection

AssessmentChange = FieldCorrection


def corrected_event(*, complaint_id: str, by: str, reason: str, changes: list[FieldCorrection]) -> AssessmentCorrected:
    new = {c.field: c.new for c in changes}
    return AssessmentCorrected(complaint_id=complaint_id, corrected_by=by, reason=reason, changes=changes,
                               kind=new.get("kind", "complaint"), category=new.get("category", "other"),
                               priority=new.get("priority", "medium"), department=new.get("department", "support"))
