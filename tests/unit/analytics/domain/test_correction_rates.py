"""Correction rates per routing category, per text language and in all, against numbers computed by hand."""

from analytics.domain.correction_rates import correction_rates
from analytics.domain.projections import build_facts

from tests.unit.analytics.builders import MONDAY, corrected, routed
from tests.unit.analytics.correction_story import APRIL, MARCH, as_tuples, correction_story, expected_tuples


def _rows(events, **period):
    return as_tuples([row.model_dump() for row in correction_rates(facts=build_facts(events), **period)])


def test_the_hand_computed_month():
    assert _rows(correction_story(), start=MARCH, end=APRIL) == expected_tuples()


def test_without_a_period_every_routed_complaint_counts():
    [*_, total] = _rows(correction_story())

    # F (routed in February) and I (routed on 1 April) join the six; G was never routed.
    assert total == ("all", "all", 8, 6, 75.0, 1, 3, 2, 1)


def test_a_period_with_nothing_routed_answers_totals_of_zero():
    assert _rows(correction_story(), start=APRIL + (APRIL - MARCH), end=APRIL + 2 * (APRIL - MARCH)) == [
        ("all", "all", 0, 0, None, 0, 0, 0, 0)]


def test_a_complaint_whose_language_is_not_known_counts_under_unknown():
    events = [routed("c-nolang-0001", MONDAY), corrected("c-nolang-0001", MONDAY, priority="high")]

    assert _rows(events) == [("category", "billing", 1, 1, 100.0, 0, 0, 1, 0),
                             ("language", "unknown", 1, 1, 100.0, 0, 0, 1, 0),
                             ("all", "all", 1, 1, 100.0, 0, 0, 1, 0)]
