import json

import pytest
from complaint_contracts import ComplaintSubmission
from complaints_cli.bench import render_markdown
from complaints_cli.casework import CaseWork, Failure
from complaints_cli.content import ContentGenerator
from complaints_cli.loadgen import LoadPlan, Submissions, _report, percentile
from complaints_cli.tracker import STAGES, StageTracker
from complaints_cli.worked_share import casework_report, chosen, worked_slots


def test_the_same_seed_files_the_same_complaints() -> None:
    first, second = ContentGenerator(7), ContentGenerator(7)
    assert [first.details() for _ in range(20)] == [second.details() for _ in range(20)]
    assert ContentGenerator(7).details() != ContentGenerator(8).details()


def test_generated_content_is_a_valid_submission_in_every_language() -> None:
    generator = ContentGenerator(2026)
    languages = set()
    for n in range(300):
        details = generator.details()
        submission = ComplaintSubmission(source="/loadgen", source_system="loadgen", external_reference=f"R-{n}",
                                         **details)
        languages.add(submission.language.value)
    assert languages == {"en", "ru", "be"}


def test_percentiles_of_known_values() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.5
    assert percentile(values, 99) == 99.01
    assert percentile([], 50) is None
    assert percentile([3.0], 99) == 3.0


def test_benchmark_report_shows_ratios_to_the_ceiling() -> None:
    stage = {"count": 10, "p50_s": 0.1, "p95_s": 0.2, "p99_s": 0.3}
    results = {
        "when": "2026-11-22T00:00:00+00:00",
        "machine": {"cpus": 2, "memory_gib": 24.0, "system": "Linux", "python": "3.11.7", "processor": "x86_64"},
        "ceilings": {"kafka": {"value_bytes": 300, "produce_per_s": 1000, "consume_per_s": 2000},
                     "store": {"document_bytes": 1500, "bulk_insert_per_s": 4000, "bulk_update_per_s": 1700,
                               "single_insert_per_s": 300}},
        "runs": {"kafka_at_target": {"offered_rate_per_s": 500, "acknowledged_rate_per_s": 250.0, "submitted": 10,
                                     "stages": {"received": stage, "acknowledged": stage}}},
    }
    text = render_markdown(results, count=10)
    assert "| kafka_at_target | 500 | 250.0 | 25.00% | — | 10/10 | 100 ms | 200 ms | 300 ms |" in text
    assert "| Kafka produce, 300 B values, acks=all | 1000/s |" in text


def test_lag_is_summed_from_the_services_own_gauge() -> None:
    from complaints_cli.lag import lag_from_metrics

    page = "\n".join([
        "# HELP complaints_consumer_lag_messages Messages between the last handled offset and the end",
        "# TYPE complaints_consumer_lag_messages gauge",
        'complaints_consumer_lag_messages{group="routing",topic="complaints.intake.v1"} 12.0',
        'complaints_consumer_lag_messages{group="routing",topic="complaints.resolution.v1"} 3.0',
        "complaints_outbox_published_total 99.0",
    ])
    assert lag_from_metrics(page) == 15


@pytest.mark.parametrize(("count", "share", "expected"), [
    (10, 0.0, set()), (10, 1.0, set(range(10))), (10, 0.5, {1, 3, 5, 7, 9}), (10, 0.2, {4, 9}), (3, 0.34, {2}),
])
def test_a_share_is_spread_evenly(count: int, share: float, expected: set[int]) -> None:
    assert chosen(count, share) == expected


@pytest.mark.parametrize(("count", "http_share", "resolve_share", "http_worked", "kafka_worked"), [
    (12, 0.5, 0.5, 3, 3),  # the same share of both paths, not just the HTTP slots `chosen` would pick
    (100, 0.3, 0.1, 3, 7),
    (10, 0.0, 0.2, 0, 2),
    (10, 1.0, 1.0, 10, 0),
    (10, 0.5, 0.0, 0, 0),
])
def test_the_worked_share_is_taken_from_each_filing_path(count: int, http_share: float, resolve_share: float,
                                                          http_worked: int, kafka_worked: int) -> None:
    http_slots = chosen(count, http_share)
    worked = worked_slots(count, http_slots, resolve_share)
    assert (len(worked & http_slots), len(worked - http_slots)) == (http_worked, kafka_worked)
    assert worked <= set(range(count))


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
    report = _report(plan, tracker, Submissions(sent_at={"worked": 9.0, "filed": 9.0}), {"worked": 9.0, "filed": 9.0},
                     start=9.0, submitted_at=9.5, finished=20.0, lag=[])
    stages = report["stages"]
    assert list(stages) == ["received", "routed", "case_opened", "acknowledged", "resolved", "closed"]
    assert [stages[s]["count"] for s in STAGES] == [2, 2, 2, 2, 1, 1]
    assert stages["closed"] == {"count": 1, "p50_s": 6.0, "p95_s": 6.0, "p99_s": 6.0}
    assert "the-staff-secret" not in json.dumps(report) and report["plan"]["resolve_share"] == 0.5


async def test_the_casework_section_accounts_for_every_chosen_complaint() -> None:
    async with CaseWork(resolution_url="http://r", intake_url="http://i", staff_secret="s") as casework:
        casework.worked, casework.completed = 3, {"a": "customer_accepted", "b": "not_upheld"}
        casework.failures.append(Failure("c", "resolve", 422, "missing"))
    section = casework_report({0, 1, 2, 3}, {1, 3}, casework)
    assert section == {"chosen": 4, "chosen_http": 2, "chosen_kafka": 2, "not_started": 1, "worked": 3,
                       "completed": 2, "completed_by_path": {"customer_accepted": 1, "not_upheld": 1}, "failed": 1,
                       "failed_by_step": {"resolve": 1},
                       "failures": [{"complaint_id": "c", "step": "resolve", "status": 422, "detail": "missing"}]}
