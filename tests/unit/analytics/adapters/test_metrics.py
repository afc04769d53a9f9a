"""Business metrics: a snapshot computed from the facts, exposed with bounded labels."""

from datetime import UTC, datetime

from analytics.adapters.metrics import TIME_BUCKETS_SECONDS, BusinessMetrics, histogram_buckets, snapshot
from prometheus_client import CollectorRegistry, generate_latest


def test_metrics_snapshot_counts_backlog_durations_and_ratings(five):
    now = datetime(2026, 3, 12, 10, tzinfo=UTC)  # T0 + 10 days 1 h: E just resolved; C and D are open
    snap = snapshot(five.values(), now=now)
    assert dict(snap.backlog) == {("low", "7-14d"): 1, ("unknown", "0-3d"): 1}
    assert sorted(snap.durations["acknowledge"]["high"]) == [3600.0, 3 * 3600.0]
    assert snap.durations["resolve"]["high"] == [24 * 3600.0, 120 * 3600.0]
    assert dict(snap.ratings) == {5: 1, 3: 1}


def test_histogram_buckets_are_cumulative_up_to_infinity():
    values = [1800.0, 3600.0, 2 * 86400.0, 100 * 86400.0]
    buckets = dict(histogram_buckets(values))
    assert buckets[repr(TIME_BUCKETS_SECONDS[0])] == 2  # le is inclusive: 30 min and exactly 1 h
    assert buckets[repr(48 * 3600.0)] == 3
    assert buckets[repr(TIME_BUCKETS_SECONDS[-1])] == 3
    assert buckets["+Inf"] == 4


def test_a_refresh_and_a_detected_issue_show_in_the_next_scrape(five):
    registry = CollectorRegistry()
    metrics = BusinessMetrics(registry)
    metrics.refresh(five.values(), now=datetime(2026, 3, 12, 10, tzinfo=UTC))
    metrics.issue_detected("product")
    text = generate_latest(registry).decode()
    assert 'complaints_backlog{age_bucket="7-14d",priority="low"} 1.0' in text
    assert 'complaints_systemic_issues_detected_total{dimension="product"} 1.0' in text
