"""Business metrics: the gauges' snapshot exposed with bounded labels."""

from datetime import UTC, datetime

from analytics.adapters.metrics import HISTOGRAMS, BusinessMetrics
from analytics.domain.gauges import MILESTONES, Gauges
from prometheus_client import CollectorRegistry, generate_latest

NOW = datetime(2026, 3, 12, 10, tzinfo=UTC)  # T0 + 10 days 1 h: E just resolved; C and D are open


def _scrape(five) -> str:
    gauges = Gauges()
    for fact in five.values():
        gauges.put(fact.complaint_id, fact)
    registry = CollectorRegistry()
    metrics = BusinessMetrics(registry)
    metrics.refresh(gauges.snapshot(NOW))
    metrics.issue_detected("product")
    return generate_latest(registry).decode()


def test_a_refresh_and_a_detected_issue_show_in_the_next_scrape(five):
    text = _scrape(five)
    assert 'complaints_backlog{age_bucket="7-14d",priority="low"} 1.0' in text
    assert 'complaints_systemic_issues_detected_total{dimension="product"} 1.0' in text
    assert 'complaints_satisfaction_ratings_total{score="5"} 1.0' in text


def test_histograms_have_every_priority_cumulative_buckets_and_the_sum(five):
    text = _scrape(five)
    # A and B (high) were resolved 24 h and 120 h after receipt.
    assert 'complaints_time_to_resolve_seconds_bucket{le="86400.0",priority="high"} 1.0' in text
    assert 'complaints_time_to_resolve_seconds_bucket{le="432000.0",priority="high"} 2.0' in text
    assert 'complaints_time_to_resolve_seconds_sum{priority="high"} 518400.0' in text
    assert 'complaints_time_to_resolve_seconds_count{priority="critical"} 0.0' in text


def test_every_milestone_has_a_metric():
    assert set(HISTOGRAMS) == set(MILESTONES)
