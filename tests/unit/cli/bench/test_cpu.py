import os
import subprocess
import sys

from complaints_cli.bench.cpu import CpuMeter, cost_per_complaint, spent


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



def test_the_product_cost_leaves_out_the_mail_sink_and_the_load_generator() -> None:
    cost = cost_per_complaint({"routing": 1.0, "smtp": 2.0, "loadgen": 3.0, "mongodb-routing": 1.0}, 100, cores=2)
    assert cost["total_ms_per_complaint"] == 70.0
    assert cost["product_ms_per_complaint"] == 20.0
