"""The business gauges kept from the facts: contributions replaced as facts change, the backlog moving with time."""

from datetime import UTC, datetime, timedelta

import pytest
from analytics.domain.gauges import TIME_BUCKETS_SECONDS, ClockWentBack, Gauges, Histogram

NOW = datetime(2026, 3, 12, 10, tzinfo=UTC)  # T0 + 10 days 1 h: E just resolved; C and D are open


def _gauges(facts) -> Gauges:
    gauges = Gauges()
    for fact in facts:
        gauges.put(fact.complaint_id, fact)
    return gauges


def test_the_five_complaints_give_the_backlog_durations_and_ratings_computed_by_hand(five):
    snap = _gauges(five.values()).snapshot(NOW)
    assert dict(snap.backlog) == {("low", "7-14d"): 1, ("unknown", "0-3d"): 1}
    acknowledged = snap.durations["acknowledge"]["high"]
    assert (acknowledged.count, acknowledged.total) == (2, timedelta(hours=4))  # 1 h and 3 h
    resolved = snap.durations["resolve"]["high"]
    assert (resolved.count, resolved.total) == (2, timedelta(hours=24 + 120))
    assert "unknown" not in snap.durations["acknowledge"]  # D was never acknowledged
    assert dict(snap.ratings) == {5: 1, 3: 1}


def test_putting_a_fact_again_or_another_version_of_it_replaces_its_contribution(five, fact):
    gauges = _gauges(five.values())
    before = gauges.snapshot(NOW)
    gauges.put(five["A"].complaint_id, five["A"])
    c = five["C"]
    gauges.put(c.complaint_id, fact(c.complaint_id, received_at=c.received_at, priority="low", satisfaction=4,
                                    marks=(("resolved", NOW - timedelta(hours=1)),)))
    after = gauges.snapshot(NOW)
    assert dict(after.backlog) == {("unknown", "0-3d"): 1}
    assert dict(after.ratings) == {**before.ratings, 4: 1}
    gauges.put(c.complaint_id, None)
    assert gauges.snapshot(NOW).backlog == after.backlog


def test_a_complaint_resolved_later_than_now_is_still_open_now_and_closed_once_that_passes(fact):
    resolved_at = NOW + timedelta(hours=2)
    gauges = _gauges([fact("c-late-0001", received_at=NOW - timedelta(days=1), priority="high",
                           marks=(("resolved", resolved_at),))])
    assert dict(gauges.snapshot(NOW).backlog) == {("high", "0-3d"): 1}
    assert dict(gauges.snapshot(resolved_at).backlog) == {("high", "0-3d"): 1}  # a mark counts just after it
    assert dict(gauges.snapshot(resolved_at + timedelta(microseconds=1)).backlog) == {}


def test_a_snapshot_before_the_latest_one_is_refused(five):
    gauges = _gauges(five.values())
    gauges.snapshot(NOW)
    assert gauges.behind(NOW - timedelta(seconds=1))
    with pytest.raises(ClockWentBack):
        gauges.snapshot(NOW - timedelta(seconds=1))


def test_histogram_buckets_are_cumulative_up_to_infinity_and_taking_away_leaves_nothing():
    durations = [timedelta(minutes=30), timedelta(hours=1), timedelta(days=2), timedelta(days=100)]
    histogram = Histogram()
    for duration in durations:
        histogram.add(duration, 1)
    buckets = dict(histogram.buckets())
    assert buckets[repr(TIME_BUCKETS_SECONDS[0])] == 2  # le is inclusive: 30 min and exactly 1 h
    assert buckets[repr(48 * 3600.0)] == 3
    assert buckets[repr(TIME_BUCKETS_SECONDS[-1])] == 3
    assert buckets["+Inf"] == 4
    for duration in durations:
        histogram.add(duration, -1)
    assert (histogram.count, histogram.total) == (0, timedelta(0))


def test_a_fact_put_when_its_last_mark_is_the_latest_snapshot_still_counts_at_that_moment(fact):
    resolved_at = NOW + timedelta(hours=2)
    gauges = Gauges()
    gauges.snapshot(resolved_at)
    gauges.put("c-edge-0001", fact("c-edge-0001", received_at=NOW, priority="low", marks=(("resolved", resolved_at),)))
    assert dict(gauges.snapshot(resolved_at).backlog) == {("low", "0-3d"): 1}
