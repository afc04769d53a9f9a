"""The deadline scan loop: every interval, one round of the scan use case; a failed round is logged and retried."""

import asyncio

import structlog

from ..service import ResolutionService

log = structlog.get_logger(__name__)


async def run_deadline_scan(service: ResolutionService, *, interval_seconds: float) -> None:
    """Scan every interval until cancelled; a failed round is logged and the next one tries again."""
    while True:
        try:
            await service.scan_deadlines()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("deadline scan round failed; trying again next round")
        await asyncio.sleep(interval_seconds)
