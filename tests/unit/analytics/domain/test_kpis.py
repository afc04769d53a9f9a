from datetime import UTC, date, datetime, timedelta

import pytest
from analytics.domain.ids import aggregate_id
from analytics.domain.kpis import age_bucket, backlog, deadline_compliance, time_to_milestones, volume

AS_OF = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)


def _counts(rows):
    return [(row.period_start, row.value, row.count) for row in rows]


class TestVolume:
    def test_daily_volume_by_channel(self, five):
        rows = volume(facts=five.values(), dimension="channel")
        assert _counts(rows) == [(date(2026, 1, 31), "web", 1), (date(2026, 3, 2), "web", 1),
                                 (date(2026, 3, 3), "email", 1), (date(2026, 3, 4), "web", 1),
                                 (date(2026, 3, 10), "phone", 1)]

    def test_weekly_volume_by_category_starts_on_monday_and_names_unrouted(self, five):
        rows = volume(facts=five.values(), dimension="category", granularity="week")
        assert _counts(rows) == [(date(2026, 1, 26), "billing", 1), (date(2026, 3, 2), "billing", 2),
                                 (date(2026, 3, 2), "delivery", 1), (date(2026, 3, 9), "unknown", 1)]

    def test_monthly_volume_by_channel_within_a_window(self, five):
        rows = volume(facts=five.values(), dimension="channel", granularity="month",
                      start=datetime(2026, 3, 1, tzinfo=UTC), end=datetime(2026, 4, 1, tzinfo=UTC))
        assert _counts(rows) == [(date(2026, 3, 1), "email", 1), (date(2026, 3, 1), "phone", 1),
                                 (date(2026, 3, 1), "web", 2)]

    def test_volume_by_department_and_product(self, five):
        assert _counts(volume(facts=five.values(), dimension="department", granularity="month")) == [
            (date(2026, 1, 1), "customer_support", 1), (date(2026, 3, 1), "customer_support", 3),
            (date(2026, 3, 1), "unknown", 1)]
        assert [r.count for r in volume(facts=five.values(), dimension="product", granularity="month")] == [1, 4]

    def test_rows_carry_deterministic_ids(self, five):
        [row] = volume(facts=[five["A"]], dimension="channel")
        assert row.id == str(aggregate_id(name="volume-day", period=date(2026, 3, 2), dimension="channel",
                                          value="web"))


@pytest.mark.parametrize(("age", "bucket"), [
    (timedelta(0), "0-3d"), (timedelta(days=3) - timedelta(seconds=1), "0-3d"), (timedelta(days=3), "3-7d"),
    (timedelta(days=7), "7-14d"), (timedelta(days=55), "28-56d"), (timedelta(days=56), "56d+"),
])
def test_age_buckets_are_half_open(age, bucket):
    assert age_bucket(age) == bucket


def test_backlog_counts_open_complaints_by_age_and_priority(five):
    rows = backlog(facts=five.values(), as_of=AS_OF)
    assert [(r.age_bucket, r.priority, r.count) for r in rows] == [
        ("0-3d", "unknown", 1), ("7-14d", "low", 1), ("28-56d", "low", 1)]


def test_backlog_ignores_complaints_received_later(five):
    rows = backlog(facts=five.values(), as_of=datetime(2026, 3, 2, 12, 0, tzinfo=UTC))
    assert [(r.age_bucket, r.priority, r.count) for r in rows] == [("0-3d", "high", 1), ("28-56d", "low", 1)]


HOUR = 3600.0


@pytest.mark.parametrize(("milestone", "priority", "count", "p50", "p90"), [
    ("acknowledge", "high", 2, 2 * HOUR, 2.8 * HOUR),
    ("acknowledge", "low", 2, 3.5 * HOUR, 4.7 * HOUR),
    ("acknowledge", "all", 4, 2.5 * HOUR, 4.4 * HOUR),
    ("first_response", "high", 2, 7 * HOUR, 9.4 * HOUR),
    ("first_response", "low", 1, 48 * HOUR, 48 * HOUR),
    ("first_response", "all", 3, 10 * HOUR, 40.4 * HOUR),
    ("resolve", "high", 2, 72 * HOUR, 110.4 * HOUR),
    ("resolve", "low", 1, 960 * HOUR, 960 * HOUR),
    ("resolve", "all", 3, 120 * HOUR, 792 * HOUR),
])
def test_time_to_milestone_percentiles(five, milestone, priority, count, p50, p90):
    rows = {(r.milestone, r.priority): r for r in time_to_milestones(facts=five.values())}
    row = rows[(milestone, priority)]
    assert (row.count, row.p50_seconds, row.p90_seconds) == (count, pytest.approx(p50), pytest.approx(p90))


def test_reopened_complaint_is_timed_to_its_standing_resolution(five):
    [row] = [r for r in time_to_milestones(facts=[five["B"]]) if r.milestone == "resolve" and r.priority == "high"]
    assert row.p50_seconds == 120 * HOUR


def test_deadline_compliance_per_clock(five):
    rows = {r.clock: r for r in deadline_compliance(facts=five.values(), as_of=AS_OF)}
    assert (rows["service"].met, rows["service"].breached, rows["service"].pending) == (2, 2, 0)
    assert rows["service"].percent == 50.0
    assert (rows["regulatory"].met, rows["regulatory"].breached, rows["regulatory"].pending) == (2, 0, 2)
    assert rows["regulatory"].percent == 100.0


def test_breach_after_the_moment_asked_about_is_not_yet_a_breach(five):
    moment = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)
    [service, _] = deadline_compliance(facts=[five["B"]], as_of=moment)
    assert (service.met, service.breached, service.pending, service.percent) == (0, 0, 1, None)
