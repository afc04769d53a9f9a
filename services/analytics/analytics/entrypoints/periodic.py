"""Run a use case every interval until cancelled: the shape of every analytics background task."""

import asyncio
from collections.abc import Awaitable, Callable

import structlog

log = structlog.get_logger(__name__)


async def every(seconds: float, action: Callable[[], Awaitable[object]], what: str) -> None:
    """Call `action` now and then every `seconds`; a failed round is logged and the next one tried."""
    while True:
        try:
            await action()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the store may be briefly unavailable: try again next round
            log.warning("background round failed; retrying next round", loop=what, error_class=type(exc).__name__)
        await asyncio.sleep(seconds)
