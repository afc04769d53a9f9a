"""A load run's report: per-stage latency percentiles from submission, rates offered and through every stage."""

import statistics
from dataclasses import asdict
from typing import Any

from .filing import Submissions
from .plan import NOT_REPORTED, LoadPlan
from .tracker import STAGES, StageTracker


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def load_report(plan: LoadPlan, tracker: StageTracker, submissions: Submissions, ids: dict[str, float],
                start: float, submitted_at: float, finished: float, lag: list[dict[str, Any]]) -> dict[str, Any]:
    """`ids`: complaint id → when it was submitted (monotonic seconds, like the tracker's)."""
    stages: dict[str, Any] = {}
    for stage in STAGES:
        latencies = [tracker.seen[c][stage] - sent for c, sent in ids.items() if stage in tracker.seen.get(c, {})]
        stages[stage] = {"count": len(latencies), "p50_s": percentile(latencies, 50),
                         "p95_s": percentile(latencies, 95), "p99_s": percentile(latencies, 99)}
    # A complaint counts once it is through every stage: acknowledged with its case not yet open is not through.
    through = [at for at in map(tracker.through, ids) if at is not None]
    span = (max(through) - start) if through else None
    return {
        "plan": {k: v for k, v in asdict(plan).items() if k not in NOT_REPORTED},
        "submitted": len(submissions.sent_at), "submit_errors": submissions.errors,
        "submit_seconds": round(submitted_at - start, 3), "total_seconds": round(finished - start, 3),
        "offered_rate_per_s": round(len(submissions.sent_at) / max(submitted_at - start, 1e-9), 1),
        "through": len(through),
        "through_rate_per_s": round(len(through) / span, 1) if span else 0.0,
        "stages": stages, "consumer_lag": lag,
    }
