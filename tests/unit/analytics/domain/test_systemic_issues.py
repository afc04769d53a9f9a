from datetime import UTC, datetime, timedelta
from math import exp, factorial

import pytest
from analytics.domain.systemic_issues import (
    DetectionSettings,
    SystemicState,
    detect_systemic_issues,
    poisson_upper_tail,
)

NOW = datetime(2026, 3, 30, tzinfo=UTC)
DAY = timedelta(days=1)
PRODUCT_ONLY = DetectionSettings(dimensions=("product",))


def _tail(k: int, mean: float) -> float:
    return 1 - sum(exp(-mean) * mean**i / factorial(i) for i in range(k))


@pytest.mark.parametrize(("observed", "baseline_count", "expected"), [
    (8, 28, 1.0),  # one a day for four weeks
    (3, 56, 2.0),
    (5, 0, 0.5),  # no history: the floor
])
def test_poisson_upper_tail_matches_the_hand_sum(observed, baseline_count, expected):
    test = poisson_upper_tail(observed=observed, baseline_count=baseline_count, window=DAY,
                              baseline=timedelta(days=28), min_expected=0.5)
    assert test.expected == expected
    assert test.p_value == pytest.approx(_tail(observed, expected))


@pytest.fixture(scope="module")
def router_history(fact):
    """One router complaint a day for the 28 days before the window, plus a steady other product."""
    history = [fact(f"c-router-base-{day:02}", received_at=NOW - DAY - timedelta(days=day, hours=3),
                    product="router-x") for day in range(28)]
    history += [fact(f"c-phone-{day:02}", received_at=NOW - timedelta(days=day, hours=5), product="phone-z")
                for day in range(29)]
    return history


def _spike(fact, count: int, end: datetime, product: str = "router-x", tag: str = "spike"):
    return [fact(f"c-router-{tag}-{i:02}", received_at=end - timedelta(hours=i + 1), product=product)
            for i in range(count)]


def test_a_spike_raises_one_issue_with_its_complaints(fact, router_history):
    spike = _spike(fact, 8, NOW)
    issues, state = detect_systemic_issues(facts=router_history + spike, now=NOW, state=SystemicState(),
                                           settings=PRODUCT_ONLY)
    [issue] = issues
    assert (issue.dimension, issue.value, issue.observed, issue.expected) == ("product", "router-x", 8, 1.0)
    assert issue.p_value == pytest.approx(_tail(8, 1.0))
    assert issue.complaint_ids == sorted(f.complaint_id for f in spike)
    assert (issue.window_start, issue.window_end, issue.time) == (NOW - DAY, NOW, NOW)
    assert list(state.episodes) == ["product=router-x"]


def test_an_ordinary_day_raises_nothing(fact, router_history):
    issues, state = detect_systemic_issues(facts=router_history + _spike(fact, 2, NOW), now=NOW,
                                           state=SystemicState(), settings=PRODUCT_ONLY)
    assert (issues, state.episodes) == ([], {})


@pytest.mark.parametrize(("count", "raised"), [(4, False), (5, True)])
def test_a_new_product_needs_the_minimum_count(fact, count, raised):
    issues, _ = detect_systemic_issues(facts=_spike(fact, count, NOW, product="kettle"), now=NOW,
                                       state=SystemicState(), settings=PRODUCT_ONLY)
    assert bool(issues) is raised


def test_an_episode_is_raised_once_then_again_only_after_it_ended(fact, router_history):
    facts = router_history + _spike(fact, 8, NOW) + _spike(fact, 7, NOW + DAY, tag="day2")
    first, state = detect_systemic_issues(facts=facts, now=NOW, state=SystemicState(), settings=PRODUCT_ONLY)
    second, state = detect_systemic_issues(facts=facts, now=NOW + DAY, state=state, settings=PRODUCT_ONLY)
    assert (len(first), second) == (1, [])
    assert len(state.episodes["product=router-x"].complaint_ids) == 15
    quiet, state = detect_systemic_issues(facts=facts, now=NOW + 2 * DAY, state=state, settings=PRODUCT_ONLY)
    assert (quiet, state.episodes) == ([], {})
    later = facts + _spike(fact, 9, NOW + 3 * DAY, tag="day4")
    [again], _ = detect_systemic_issues(facts=later, now=NOW + 3 * DAY, state=state, settings=PRODUCT_ONLY)
    assert again.issue_id != first[0].issue_id


def test_replaying_the_same_evaluation_gives_the_same_issue(fact, router_history):
    facts = router_history + _spike(fact, 8, NOW)
    [one], _ = detect_systemic_issues(facts=facts, now=NOW, state=SystemicState(), settings=PRODUCT_ONLY)
    [two], _ = detect_systemic_issues(facts=list(reversed(facts)), now=NOW, state=SystemicState(),
                                      settings=PRODUCT_ONLY)
    assert (one.id, one.issue_id, one.complaint_ids) == (two.id, two.issue_id, two.complaint_ids)


def test_categories_are_tested_too(fact):
    spike = [fact(f"c-safety-{i:02}", received_at=NOW - timedelta(hours=i + 1), category="safety",
                  product=f"p-{i}") for i in range(6)]
    [issue], _ = detect_systemic_issues(facts=spike, now=NOW, state=SystemicState())
    assert (issue.dimension, issue.value) == ("category", "safety")
