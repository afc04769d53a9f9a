"""Background task: bring the business metrics up to date with the facts every interval (scrapes read the snapshot)."""

from ..service import AnalyticsService
from .periodic import every


async def run(service: AnalyticsService, *, interval_seconds: float) -> None:
    """Refresh the business metrics every interval until cancelled."""
    await every(interval_seconds, service.refresh_metrics, "metrics refresh")
