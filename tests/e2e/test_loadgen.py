"""The load generator against the running suite: files over both paths, times every stage, and works half of each
path's complaints through the staff API to closure (the customer accepting the proposal through intake where the
complaint was filed over HTTP; resolved not upheld without the customer where it came over Kafka)."""

import asyncio

from complaints_cli.loadgen import LoadPlan, run_load
from complaints_cli.suite import SERVICES, Suite

from tests.e2e.journey import Staff


def test_the_load_generator_files_times_and_works_a_share_of_complaints_to_closure(suite: Suite) -> None:
    plan = LoadPlan(count=12, rate=4.0, http_share=0.5, bootstrap=suite.kafka_bootstrap, intake_url=suite.url("intake"),
                    service_urls=tuple((s, suite.url(s)) for s in SERVICES), seed=11, settle_seconds=150,
                    resolve_share=0.5, resolution_url=suite.url("resolution"),
                    staff_secret=suite.resolution_jwt_secret)

    report = asyncio.run(run_load(plan))

    assert report["submitted"] == 12 and report["submit_errors"] == 0
    work = report["casework"]
    assert work["failures"] == [], work["failures"]
    assert work == {"chosen": 6, "chosen_http": 3, "chosen_kafka": 3, "not_started": 0, "worked": 6, "completed": 6,
                    "completed_by_path": {"customer_accepted": 3, "not_upheld": 3}, "failed": 0,
                    "failed_by_step": {}, "failures": []}
    stages = report["stages"]
    assert [stages[s]["count"] for s in ("received", "routed", "case_opened", "acknowledged")] == [12] * 4
    # Only the worked share is resolved and closed, and each closure comes after its final response.
    assert stages["resolved"]["count"] == stages["closed"]["count"] == 6
    for quantile in ("p50_s", "p95_s", "p99_s"):
        assert 0 < stages["resolved"][quantile] <= stages["closed"][quantile]
    assert "staff_secret" not in report["plan"]
    assert report["consumer_lag"], "lag is sampled from the services while the load runs"


    # Resolution holds them closed, with the outcome of their path and the final response given.
    by_loadgen = [case for case in closed_cases(suite) if case["audit"][-1]["by"] == "emp-loadgen"]
    assert sorted(case["outcome"] for case in by_loadgen) == ["not_upheld"] * 3 + ["upheld"] * 3
    assert all(case["close_reason"] == "resolved" and case["final_response"] for case in by_loadgen)


def closed_cases(suite: Suite) -> list[dict]:
    """Every closed case, as quality staff (who may view any case) see it."""
    auditor = Staff(suite, role="quality", sub="emp-e2e-quality")
    return [auditor.case(c["complaint_id"]) for c in auditor.cases(state="closed", limit=500)["items"]]
