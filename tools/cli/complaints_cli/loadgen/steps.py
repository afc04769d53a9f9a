"""A case worked step by step: a step fails with its name, the HTTP status (None: no answer, or a wait that timed
out) and what was said; and waiting for another service to catch up."""

import asyncio
import time
from collections.abc import Awaitable, Callable

WAIT_SECONDS = 60.0
"""How long a step may wait for another service to catch up (the proposal reaching intake, say)."""
POLL_SECONDS = 0.5


class StepFailed(Exception):
    def __init__(self, step: str, status: int | None, detail: str) -> None:
        super().__init__(f"{step}: {status} {detail}")
        self.step, self.status, self.detail = step, status, detail


async def until(step: str, check: Callable[[], Awaitable[bool]], *, timeout: float = WAIT_SECONDS) -> None:
    """Poll until `check` holds; the step fails when it does not within `timeout`."""
    deadline = time.monotonic() + timeout
    while not await check():
        if time.monotonic() > deadline:
            raise StepFailed(step, None, f"not within {timeout:.0f} s")
        await asyncio.sleep(POLL_SECONDS)
