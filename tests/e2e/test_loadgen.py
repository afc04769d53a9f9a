"""The load generator against the running suite: files over both paths, times every stage, and works cases
through the staff API to closure (with the customer's decision for HTTP filings)."""

import asyncio

from complaints_cli.loadgen import LoadPlan, run_load
from complaints_cli.suite import SERVICES, Suite


def test_the_load_generator_files_times_and_works_complaints_to_closure(suite: Suite) -> None:
    plan = LoadPlan(count=8, rate=4.0, http_share=0.5, bootstrap=suite.kafka_bootstrap, intake_url=suite.url("intake"),
                    service_urls=tuple((s, suite.url(s)) for s in SERVICES), seed=11, settle_seconds=150,
                    resolve_share=1.0, resolution_url=suite.url("resolution"),
                    staff_secret=suite.resolution_jwt_secret)

    report = asyncio.run(run_load(plan))

    assert report["submitted"] == 8 and report["submit_errors"] == 0
    assert report["casework"] == {"worked": 8, "completed": 8, "failed_by_step": {}}
    stages = report["stages"]
    assert all(stages[stage]["count"] == 8 for stage in ("received", "routed", "acknowledged", "resolved", "closed"))
    assert stages["acknowledged"]["p50_s"] <= stages["closed"]["p50_s"]
    assert report["consumer_lag"], "lag is sampled from the services while the load runs"
