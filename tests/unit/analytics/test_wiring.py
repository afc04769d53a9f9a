"""The pieces between the pure domain and the I/O: BSON codec, filters, handler coverage, metrics, export rows."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import bson
import pytest
from analytics.handlers import PROJECTED
from analytics.metrics import TIME_BUCKETS_SECONDS, histogram_buckets, snapshot
from analytics.projections import HANDLERS
from analytics.reports import EXPORT_COLUMNS, export_row
from analytics.service import updates_of
from analytics.store import CODEC_OPTIONS, FILTERED_FIELDS, FactFilter
from complaint_contracts import WorkloadChanged
from complaints_chassis.consumer import PermanentError


def test_money_round_trips_through_bson_as_an_exact_decimal():
    document = {"amount": Decimal("0.10"), "at": datetime(2026, 3, 2, 9, tzinfo=UTC)}
    raw = bson.encode(document, codec_options=CODEC_OPTIONS)
    assert isinstance(bson.decode(raw)["amount"], bson.Decimal128)
    decoded = bson.decode(raw, codec_options=CODEC_OPTIONS)
    assert decoded == document
    assert decoded["at"].tzinfo is not None


def test_a_filter_queries_only_indexed_fields():
    selection = FactFilter(received_from=datetime(2026, 1, 1, tzinfo=UTC), received_before=datetime(2026, 2, 1,
                           tzinfo=UTC), product="router-x", channel="web", jurisdiction="GB", category="billing",
                           priority="high", regime="uk_fca_disp", department="support")
    query = selection.to_mongo()
    assert set(query) <= set(FILTERED_FIELDS)
    assert query["received_at"] == {"$gte": selection.received_from, "$lt": selection.received_before}
    assert query["routing.priority"] == "high"
    assert FactFilter().to_mongo() == {}


def test_the_consumer_handles_every_event_the_projection_knows():
    assert {cls.model_fields["type"].default for cls in PROJECTED} == set(HANDLERS)


def test_events_without_a_fact_change_project_to_nothing(story):
    workload = WorkloadChanged(assignee="emp-1", team="support-1", open_cases=3, capacity=10)
    assert updates_of([workload]) == []


def test_a_batch_of_one_complaint_becomes_one_update(story):
    events = story.full("c-wiring-0001")
    assert [u.complaint_id for u in updates_of(events)] == ["c-wiring-0001"]


def test_an_event_the_projection_cannot_read_is_a_permanent_error(story, monkeypatch):
    import analytics.service

    def broken(event):
        raise KeyError("complaint_id")

    monkeypatch.setattr(analytics.service, "fact_updates", broken)
    with pytest.raises(PermanentError, match="cannot project complaints.intake.ComplaintReceived"):
        updates_of([story.received("c-wiring-0002", story.monday)])


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


def test_an_export_row_has_every_column_and_sums_payments(five):
    row = export_row(five["E"])
    assert tuple(row) == EXPORT_COLUMNS
    assert row["redress_paid"] == "GBP 30.00"
    assert row["state"] == "resolved"
    assert row["resolved_at"] - row["received_at"] == timedelta(days=40)
