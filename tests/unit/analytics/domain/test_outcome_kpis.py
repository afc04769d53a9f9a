from decimal import Decimal

import pytest
from analytics.domain.outcome_kpis import (
    RedressTotal,
    redress_totals,
    reopen_rate,
    root_cause_pareto,
    satisfaction,
    upheld_rate,
)


def test_reopen_rate_is_reopened_over_ended(five):
    result = reopen_rate(facts=five.values())
    assert (result.numerator, result.denominator) == (1, 3)
    assert result.percent == pytest.approx(100 / 3)


def test_upheld_rate_counts_partially_upheld(five):
    result = upheld_rate(facts=five.values())
    assert (result.numerator, result.denominator) == (2, 3)
    assert result.percent == pytest.approx(200 / 3)


def test_rates_without_a_denominator_have_no_percentage(five):
    assert upheld_rate(facts=[five["C"], five["D"]]).percent is None


def test_satisfaction_average_distribution_and_response_rate(five):
    result = satisfaction(facts=five.values())
    assert (result.responses, result.eligible, result.average) == (2, 3, 4.0)
    assert result.distribution == {1: 0, 2: 0, 3: 1, 4: 0, 5: 1}
    assert result.response_rate.percent == pytest.approx(200 / 3)


def test_redress_totals_per_currency(five):
    assert redress_totals(facts=five.values()) == [
        RedressTotal(currency="EUR", offered=Decimal("20.00"), accepted=Decimal("0"), paid=Decimal("0")),
        RedressTotal(currency="GBP", offered=Decimal("40.00"), accepted=Decimal("40.00"), paid=Decimal("40.00")),
    ]


def test_root_cause_pareto_is_most_frequent_first_with_running_share(five):
    rows = root_cause_pareto(facts=five.values())
    assert [(r.root_cause, r.count) for r in rows] == [("courier", 2), ("pricing", 1)]
    assert [r.percent for r in rows] == pytest.approx([200 / 3, 100 / 3])
    assert [r.cumulative_percent for r in rows] == pytest.approx([200 / 3, 100.0])
