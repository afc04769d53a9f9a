import json

import pytest
from complaints_cli.loadgen import LoadPlan
from complaints_cli.loadgen.filing import Submissions
from complaints_cli.loadgen.report import load_report, percentile
from complaints_cli.loadgen.tracker import STAGES, StageTracker


def test_percentiles_of_known_values() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.5
    assert percentile(values, 99) == 99.01
    assert percentile([], 50) is None
    assert percentile([3.0], 99) == 3.0


def test_working_cases_needs_where_and_how_to_sign() -> None:
    with pytest.raises(ValueError):
        LoadPlan(count=1, rate=1, http_share=0, bootstrap="b", intake_url="i", resolve_share=0.1)
    LoadPlan(count=1, rate=1, http_share=0, bootstrap="b", intake_url="i")  # nothing to work, nothing needed


def test_the_report_times_every_stage_and_keeps_the_secret_out() -> None:
    plan = LoadPlan(count=2, rate=1, http_share=0, bootstrap="b", intake_url="i", resolve_share=0.5,
                    resolution_url="http://resolution", staff_secret="the-staff-secret")
    tracker = StageTracker("b")
    tracker.seen = {"worked": {stage: 10.0 + n for n, stage in enumerate(STAGES)},
                    "filed": {"received": 10.0, "routed": 11.0, "case_opened": 12.0, "acknowledged": 13.0}}
    report = load_report(plan, tracker, Submissions(sent_at={"worked": 9.0, "filed": 9.0}),
                         {"worked": 9.0, "filed": 9.0}, start=9.0, submitted_at=9.5, finished=20.0, lag=[])
    stages = report["stages"]
    assert list(stages) == ["received", "routed", "case_opened", "acknowledged", "resolved", "closed"]
    assert [stages[s]["count"] for s in STAGES] == [2, 2, 2, 2, 1, 1]
    assert stages["closed"] == {"count": 1, "p50_s": 6.0, "p95_s": 6.0, "p99_s": 6.0}
    assert "the-staff-secret" not in json.dumps(report) and report["plan"]["resolve_share"] == 0.5


def test_only_a_complaint_through_every_stage_counts_toward_the_rate() -> None:
    plan = LoadPlan(count=3, rate=1, http_share=0, bootstrap="b", intake_url="i")
    tracker = StageTracker("b")
    tracker.seen = {"a": {"received": 1.0, "routed": 2.0, "case_opened": 3.0, "acknowledged": 2.5},
                    "b": {"received": 1.0, "routed": 2.0, "case_opened": 5.0, "acknowledged": 4.0},
                    "c": {"received": 1.0, "routed": 2.0, "acknowledged": 3.0}}  # acknowledged, its case not open
    report = load_report(plan, tracker, Submissions(sent_at={"a": 0.0, "b": 0.0, "c": 0.0}),
                         {"a": 0.0, "b": 0.0, "c": 0.0}, start=0.0, submitted_at=0.5, finished=20.0, lag=[])
    assert report["through"] == 2
    assert report["through_rate_per_s"] == 0.4  # two complaints by the time the later one's case opened (5 s)
