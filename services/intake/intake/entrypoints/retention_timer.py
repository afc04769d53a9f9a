"""The retention timer: every interval one pass of the retention use case, run by one replica at a time (the wiring
puts it in `runtime.exclusive`, under a lease); a failed pass is logged and the next one finds what is still due."""

import asyncio

import structlog

from ..usecases.retention import RetentionService

log = structlog.get_logger(__name__)


async def run_retention(service: RetentionService, *, interval_seconds: float) -> None:
    """Apply the retention period every interval until cancelled."""
    while True:
        try:
            await service.expire()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("retention pass failed; trying again next interval")
        await asyncio.sleep(interval_seconds)
