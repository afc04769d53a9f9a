"""Staff correct routing's assessment with a reason; the correction names every field changed, old and new."""

import pytest
from complaint_contracts.types import Category, ComplaintKind, Priority
from resolution.domain.assessment import correct_assessment
from resolution.domain.errors import RuleViolation
from resolution.domain.states import CaseState

from tests.unit.resolution.builders import open_case_in, staff


def test_a_correction_changes_the_case_and_announces_each_field_old_and_new():
    case = open_case_in(CaseState.INVESTIGATING)

    [event] = correct_assessment(case=case, acting=staff(3, reason="It is about a lost parcel", version=2),
                                 category=Category.DELIVERY, priority=Priority.HIGH, kind=ComplaintKind.COMPLAINT,
                                 department="logistics")

    assert [(c.field, c.old, c.new) for c in event.changes] == [
        ("category", "billing", "delivery"), ("priority", "medium", "high"),
        ("department", "customer_support", "logistics")]
    assert (event.corrected_by, event.reason) == ("emp-0042", "It is about a lost parcel")
    assert (event.category, event.priority, event.department) == (Category.DELIVERY, Priority.HIGH, "logistics")
    assert (case.category, case.priority, case.department) == (Category.DELIVERY, Priority.HIGH, "logistics")
    assert case.audit[-1].detail == {"category": "billing -> delivery", "priority": "medium -> high",
                                     "department": "customer_support -> logistics"}


def test_a_correction_needs_a_reason_and_a_change():
    case = open_case_in(CaseState.INVESTIGATING)

    with pytest.raises(RuleViolation) as no_reason:
        correct_assessment(case=case, acting=staff(3), category=Category.DELIVERY)
    with pytest.raises(RuleViolation, match="changes nothing"):
        correct_assessment(case=case, acting=staff(3, reason="sure"), category=Category.BILLING)

    assert no_reason.value.field == "reason" and case.category is Category.BILLING
