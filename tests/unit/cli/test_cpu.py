import os
import subprocess
import sys

from complaints_cli.bench import render_markdown
from complaints_cli.cpu import CpuMeter, cost_per_complaint, spent


def test_cost_per_complaint_names_who_spends_and_the_rate_the_cores_allow() -> None:
    cpu = spent({"store": 10.0, "intake": 1.0}, {"store": 16.0, "intake": 2.0, "routing": 1.0})

    cost = cost_per_complaint(cpu, 100, cores=2)

    assert cost["ms_per_complaint"] == {"store": 60.0, "intake": 10.0, "routing": 10.0}
    assert cost["total_ms_per_complaint"] == 80.0
    assert cost["cpu_bound_ceiling_per_s"] == 25.0  # 2 cores / 80 ms


def test_the_meter_reads_a_live_process_and_skips_one_that_is_gone() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    meter = CpuMeter({"me": os.getpid(), "child": child.pid})
    first = meter.sample()
    sum(i * i for i in range(200_000))  # spend some CPU
    child.kill()
    child.wait()

    second = meter.sample()

    assert second["me"] >= first["me"] > 0
    assert "child" in first and "child" not in second


def test_the_benchmark_report_shows_the_cpu_per_complaint() -> None:
    stage = {"count": 10, "p50_s": 0.1, "p95_s": 0.2, "p99_s": 0.3}
    cpu = cost_per_complaint({"mongodb-intake": 0.5, "notification": 0.3}, 10, cores=2)
    results = {
        "when": "2026-11-22T00:00:00+00:00",
        "machine": {"cpus": 2, "memory_gib": 24.0, "system": "Linux", "python": "3.11.7", "processor": "x86_64"},
        "ceilings": {"kafka": {"value_bytes": 300, "produce_per_s": 1000, "consume_per_s": 2000},
                     "store": {"document_bytes": 1500, "bulk_insert_per_s": 4000, "bulk_update_per_s": 1700,
                               "single_insert_per_s": 300}},
        "runs": {"kafka_offered_target": {"offered_rate_per_s": 500, "acknowledged_rate_per_s": 20.0,
                                          "submitted": 10, "stages": {"acknowledged": stage}, "cpu": cpu}},
    }

    text = render_markdown(results, count=10)

    assert "| mongodb-intake | 50.0 |" in text and "| notification | 30.0 |" in text
    assert "| **all** | **80.0** |" in text
    assert "| rate the cores allow at this cost | 25.0/s |" in text
    assert "| kafka_offered_target | 500 | 20.0 | 2.00% | 80% | 10/10 |" in text
