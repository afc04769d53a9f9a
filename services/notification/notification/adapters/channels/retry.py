"""Retrying one delivery in the channel (tenacity): exponential backoff with jitter, transient outcomes only."""

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field
from tenacity import AsyncRetrying, RetryCallState, retry_if_result, stop_after_attempt, wait_exponential_jitter

from ...domain.delivery import DeliveryResult, DeliveryStatus


class RetryPolicy(BaseModel):
    """How often and how patiently a channel retries a transient failure before reporting it."""

    model_config = ConfigDict(frozen=True)

    retries: int = Field(default=2, ge=0, description="Retries after the first attempt")
    backoff_seconds: float = Field(default=0.5, gt=0, description="Pause before the first retry; doubles each time")
    backoff_max_seconds: float = Field(default=10.0, gt=0, description="Longest pause, Retry-After included")
    jitter_seconds: float = Field(default=0.5, ge=0, description="Random extra pause, so senders do not stampede")


@dataclass(frozen=True, slots=True)
class Attempt:
    """One try's result, and how long the receiver asked us to wait before the next (Retry-After)."""

    result: DeliveryResult
    retry_after_seconds: float | None = None


Sleep = Callable[[float], Awaitable[None]]


async def with_retries(attempt: Callable[[int], Awaitable[Attempt]], *, policy: RetryPolicy,
                       sleep: Sleep = asyncio.sleep) -> DeliveryResult:
    """Call `attempt(n)` until it is not a transient failure or the retries run out; return the last result."""
    backoff = wait_exponential_jitter(multiplier=policy.backoff_seconds, max=policy.backoff_max_seconds,
                                      jitter=policy.jitter_seconds)

    def wait(state: RetryCallState) -> float:
        assert state.outcome is not None
        asked = state.outcome.result().retry_after_seconds
        # A receiver that names its own pause knows its load better than our guess does (bounded all the same).
        return min(asked, policy.backoff_max_seconds) if asked is not None else backoff(state)

    retrying = AsyncRetrying(
        stop=stop_after_attempt(policy.retries + 1), wait=wait, sleep=sleep,
        retry=retry_if_result(lambda a: a.result.status is DeliveryStatus.TRANSIENT_FAILURE),
        # Out of retries: hand back the last transient result instead of raising RetryError.
        retry_error_callback=lambda state: state.outcome.result() if state.outcome else None,
        reraise=True,
    )
    attempts = 0

    async def counted() -> Attempt:
        nonlocal attempts
        attempts += 1
        return await attempt(attempts)

    last: Attempt = await retrying(counted)
    return last.result
