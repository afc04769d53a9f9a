"""Background task: test the facts for systemic issues every interval (each round is one use-case call)."""

from ..service import AnalyticsService
from .periodic import every


async def run(service: AnalyticsService, *, interval_seconds: float) -> None:
    """Detect systemic issues every interval until cancelled."""
    await every(interval_seconds, service.detect_systemic_issues, "systemic detection")
