"""Staff corrections of routing's assessment on the fact: which fields changed and when first, the assessment as
last corrected beside routing's own, the language routing read the text in; repeats and order change nothing, and
the reason (staff free text) is never kept."""

import json
from datetime import timedelta

from analytics.domain.projections import build_facts, project

from tests.unit.analytics.builders import MONDAY, corrected, received, routed

CID = "c-correct-0001"
HOUR = timedelta(hours=1)
REASON = "LATE-REFUND-CANARY: the customer only asks when the refund comes"


def _fact(events):
    [fact] = build_facts(events)
    return fact


def test_a_correction_keeps_the_fields_changed_the_first_time_and_the_corrected_assessment():
    fact = _fact([received(CID, MONDAY), routed(CID, MONDAY + HOUR),
                  corrected(CID, MONDAY + 5 * HOUR, category="delivery", priority="high")])

    assert fact.correction.first_at == MONDAY + 5 * HOUR
    assert fact.correction.fields == {"category": MONDAY + 5 * HOUR, "priority": MONDAY + 5 * HOUR}
    latest = fact.correction.latest
    assert (latest.kind, latest.category, latest.priority, latest.department) == (
        "complaint", "delivery", "high", "customer_support")
    assert fact.category == "billing", "routing's category stays: the one corrected away from"


def test_the_reason_and_who_corrected_are_not_kept():
    document = project([corrected(CID, MONDAY, category="delivery", reason=REASON)])[CID]

    assert "LATE-REFUND-CANARY" not in json.dumps(document, default=str)
    assert "emp-0042" not in json.dumps(document, default=str)


def test_a_redelivered_correction_changes_nothing():
    once = [routed(CID, MONDAY), corrected(CID, MONDAY + HOUR, category="delivery")]

    assert project(once + once[1:]) == project(once)


def test_two_corrections_of_a_field_count_it_once_from_the_first_and_keep_the_last_assessment():
    first = corrected(CID, MONDAY + 2 * HOUR, category="delivery")
    second = corrected(CID, MONDAY + 9 * HOUR, step="corrected-2", gave={"category": "delivery"},
                       category="product_quality", department="quality_assurance")

    in_order = _fact([routed(CID, MONDAY), first, second])
    reversed_ = _fact([second, first, routed(CID, MONDAY)])

    assert in_order == reversed_
    assert in_order.correction.first_at == MONDAY + 2 * HOUR
    assert in_order.correction.fields == {"category": MONDAY + 2 * HOUR, "department": MONDAY + 9 * HOUR}
    assert (in_order.correction.latest.category, in_order.correction.latest.department) == (
        "product_quality", "quality_assurance")
    assert in_order.category == "billing"


def test_a_complaint_never_corrected_has_no_correction():
    assert _fact([received(CID, MONDAY), routed(CID, MONDAY + HOUR)]).correction is None


def test_the_text_language_is_routings_check_else_the_declared_one():
    declared = _fact([received(CID, MONDAY, language="ru"), routed(CID, MONDAY + HOUR)])
    detected = _fact([received(CID, MONDAY, language="en"), routed(CID, MONDAY + HOUR, text_language="be")])
    unknown = _fact([routed(CID, MONDAY + HOUR)])

    assert (declared.language, declared.text_language) == ("ru", "ru")
    assert (detected.language, detected.text_language) == ("en", "be")
    assert unknown.text_language is None
