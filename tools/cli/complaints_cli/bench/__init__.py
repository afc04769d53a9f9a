"""The benchmark: what the suite sustains on this machine, its latencies, CPU cost, and the stack's ceilings."""

from .ceilings import kafka_ceiling, store_ceiling
from .report import render_markdown
from .run import run_bench

__all__ = ["kafka_ceiling", "render_markdown", "run_bench", "store_ceiling"]
