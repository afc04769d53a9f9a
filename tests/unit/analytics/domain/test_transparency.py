from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from analytics.domain.transparency import Figure, published_breakdown, transparency_report

MARCH, APRIL = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC)
HIDDEN = Figure(value=None, suppressed=True)


@pytest.fixture(scope="module")
def march(fact):
    """12 billing/web and 3 delivery/email complaints closed after 10 days; 11 safety/phone still open."""
    facts = []
    for i in range(12):
        received = datetime(2026, 3, 2, tzinfo=UTC) + timedelta(hours=i)
        resolved = (("resolved", received + timedelta(days=10)),)
        facts.append(fact(f"c-billing-{i:03}", received_at=received, marks=resolved,
                          outcome="upheld" if i % 2 == 0 else "not_upheld", satisfaction=4 if i < 10 else None))
    for i in range(3):
        received = datetime(2026, 3, 3, tzinfo=UTC)
        facts.append(fact(f"c-delivery-{i:03}", received_at=received, channel="email", category="delivery",
                          marks=(("resolved", received + timedelta(days=10)),), outcome="upheld", satisfaction=1))
    facts += [fact(f"c-safety-{i:03}", received_at=datetime(2026, 3, 20, tzinfo=UTC), channel="phone",
                   category="safety") for i in range(11)]
    return facts


def test_figures_above_the_threshold_are_published(march):
    report = transparency_report(facts=march, period_start=MARCH, period_end=APRIL)
    assert (report.received.value, report.closed.value) == (26, 15)
    assert report.upheld_percent.value == 60.0
    assert report.closed_within_8_weeks_percent.value == 100.0
    assert report.median_days_to_close.value == 10.0
    assert report.average_satisfaction.value == pytest.approx(43 / 13)
    assert report.satisfaction_responses.value == 13


def test_one_small_cell_also_hides_the_next_smallest(march):
    report = transparency_report(facts=march, period_start=MARCH, period_end=APRIL)
    assert report.received_by_category == {"billing": Figure(value=12), "delivery": HIDDEN, "safety": HIDDEN}
    assert report.received_by_channel == {"email": HIDDEN, "phone": HIDDEN, "web": Figure(value=12)}


def test_a_higher_threshold_suppresses_more(march):
    report = transparency_report(facts=march, period_start=MARCH, period_end=APRIL, min_count=20)
    assert report.received.value == 26
    assert report.closed == HIDDEN
    assert report.upheld_percent == HIDDEN
    assert set(report.received_by_category.values()) == {HIDDEN}


def test_an_empty_period_shows_zero_and_no_statistics(march):
    report = transparency_report(facts=march, period_start=APRIL, period_end=APRIL + timedelta(days=30))
    assert report.received == Figure(value=0)
    assert report.upheld_percent == Figure(value=None, suppressed=False)


def test_zero_cells_are_not_used_for_secondary_suppression():
    assert published_breakdown(Counter({"a": 2, "b": 0, "c": 40, "d": 30}), 10) == {
        "a": HIDDEN, "b": Figure(value=0), "c": Figure(value=40), "d": HIDDEN}


def test_report_names_no_complaint(march):
    text = transparency_report(facts=march, period_start=MARCH, period_end=APRIL).model_dump_json()
    assert "c-billing" not in text and "c-safety" not in text
