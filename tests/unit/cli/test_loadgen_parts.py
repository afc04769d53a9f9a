from complaint_contracts import ComplaintSubmission
from complaints_cli.bench import render_markdown
from complaints_cli.content import ContentGenerator
from complaints_cli.loadgen import percentile


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
