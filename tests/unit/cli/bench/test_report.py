"""docs/benchmarks.md from measured results: ratios to the stack's ceilings and where the CPU goes."""

from typing import Any

from complaints_cli.bench import render_markdown
from complaints_cli.bench.cpu import cost_per_complaint
from complaints_cli.bench.soak import drift

STAGE = {"count": 10, "p50_s": 0.1, "p95_s": 0.2, "p99_s": 0.3}


def results(runs: dict[str, Any]) -> dict[str, Any]:
    """Measured results on a two-core machine with the given runs."""
    return {
        "when": "2026-11-22T00:00:00+00:00",
        "machine": {"cpus": 2, "memory_gib": 24.0, "system": "Linux", "python": "3.11.7", "processor": "x86_64"},
        "ceilings": {"kafka": {"value_bytes": 300, "produce_per_s": 1000, "consume_per_s": 2000},
                     "store": {"document_bytes": 1500, "bulk_insert_per_s": 4000, "bulk_update_per_s": 1700,
                               "single_insert_per_s": 300}},
        "runs": runs,
    }


def test_benchmark_report_shows_ratios_to_the_ceiling() -> None:
    text = render_markdown(results({
        "kafka_at_target": {"offered_rate_per_s": 500, "through_rate_per_s": 250.0, "through": 10, "submitted": 10,
                            "stages": {"received": STAGE, "acknowledged": STAGE}}}), count=10)
    assert "| kafka_at_target | 500 | 250.0 | 25.00% | — | 10/10 | 100 ms | 200 ms | 300 ms |" in text
    assert "| Kafka produce, 300 B values, acks=all | 1000/s |" in text


def test_the_benchmark_report_shows_the_cpu_per_complaint() -> None:
    cpu = cost_per_complaint({"mongodb-intake": 0.5, "notification": 0.3}, 10, cores=2)

    text = render_markdown(results({
        "kafka_offered_target": {"offered_rate_per_s": 500, "through_rate_per_s": 20.0, "through": 10, "submitted": 10,
                                 "stages": {"acknowledged": STAGE}, "cpu": cpu}}), count=10)

    assert "| mongodb-intake | 50.0 |" in text and "| notification | 30.0 |" in text
    assert "| **all** | **80.0** |" in text
    assert "| rate the cores allow at this cost | 25.0/s |" in text
    assert "| kafka_offered_target | 500 | 20.0 | 2.00% | 80% | 10/10 |" in text


def test_the_report_sets_the_suite_against_the_floor_of_the_stack() -> None:
    suite_cpu = cost_per_complaint({"routing": 0.6, "smtp": 0.2, "mongodb-routing": 0.4}, 10, cores=2)
    floor = {"complaints": 1000, "value_bytes": 1000, "batch": 500, "stages": 5, "seconds": 2.0, "per_s": 500.0,
             "cpu": cost_per_complaint({"loadgen": 2.0, "tansu": 1.0, "mongodb-intake": 2.0}, 1000, cores=2)}
    measured = results({"kafka_offered_target": {"offered_rate_per_s": 500, "through_rate_per_s": 25.0, "through": 10,
                                                 "submitted": 10, "stages": {"acknowledged": STAGE},
                                                 "cpu": suite_cpu}})
    text = render_markdown({**measured, "floor": floor}, count=10)
    assert "at **500.0/s** for **5.0 ms** of CPU each" in text
    assert "| kafka_offered_target | 25.0 | 5.0% | 120.0 / 100.0 | 20.0× |" in text
    assert "Against the floor" not in render_markdown(measured, count=10)


def test_a_soak_run_reports_each_window_and_the_drift_of_cpu_per_complaint() -> None:
    windows = [{"window": n, "offered": 600, "through": 600, "p99_s": 0.5, "product_ms_per_complaint": cost,
                "broker_ms_per_complaint": broker, "total_ms_per_complaint": cost + 5}
               for n, (cost, broker) in enumerate([(40, 10), (40, 10), (41, 11), (42, 12), (60, 30), (60, 30)])]
    assert drift(windows) == 1.5
    assert drift(windows, without_broker=True) == 1.0
    assert drift(windows[:2]) is None
    text = render_markdown({**results({}), "soak": {"minutes": 6, "rate_per_s": 10.0, "windows": windows,
                                                    "drift": drift(windows),
                                                    "drift_without_broker": drift(windows, without_broker=True)}},
                           count=10)
    assert "## Soak: 10.0/s for 6 minutes" in text and "last third of the windows over the first third: **1.5**" in text
    assert "without the embedded broker (the services and their stores): **1.0**" in text
    assert "| 5 | 600 | 600 | 500 ms | 60 | 30 |" in text
