"""The retention timers: every interval one pass of each retention use case (personal data first, then the complaint
records), and, on its own interval, the trimming of the submissions topic; each run by one replica at a time (the
wiring puts them in `runtime.exclusive`, under a lease); a failed pass is logged and the next one finds what is
still due."""

import asyncio
from collections.abc import Awaitable, Callable

import structlog

from ..adapters.submissions_topic import SubmissionsTopic
from ..usecases.retention import RecordRetentionService, RetentionService

log = structlog.get_logger(__name__)


async def run_retention(personal: RetentionService, records: RecordRetentionService, *,
                        interval_seconds: float) -> None:
    """Apply the retention periods every interval until cancelled."""
    while True:
        await _pass("personal data", personal.expire)
        await _pass("complaint records", records.expire)
        await asyncio.sleep(interval_seconds)


async def run_trimming(topic: SubmissionsTopic, *, interval_seconds: float) -> None:
    """Delete what intake has consumed of the submissions topic every interval until cancelled."""
    while True:
        await _pass("submissions topic", topic.trim)
        await asyncio.sleep(interval_seconds)


async def _pass(name: str, expire: Callable[[], Awaitable[object]]) -> None:
    try:
        await expire()
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("retention pass failed; trying again next interval", retention=name)
