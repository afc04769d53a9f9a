"""Checking the services' answers step by step: a step fails with its name, the HTTP status and what was said."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

WAIT_SECONDS = 60.0
"""How long a step may wait for another service to catch up (the proposal reaching intake, say)."""
POLL_SECONDS = 0.5


class StepFailed(Exception):
    def __init__(self, step: str, status: int | None, detail: str) -> None:
        super().__init__(f"{step}: {status} {detail}")
        self.step, self.status, self.detail = step, status, detail


def expect(step: str, answer: httpx.Response) -> dict[str, Any]:
    """The answer's JSON when it is a 200; otherwise the step fails with the status and what the service said."""
    if answer.status_code != 200:
        raise StepFailed(step, answer.status_code, problem_detail(answer))
    return answer.json()


def _problem(answer: httpx.Response) -> dict[str, Any] | None:
    """The answer's body as an RFC 9457 problem object, or None when it is not JSON or not an object."""
    try:
        problem = answer.json()
    except ValueError:
        return None
    return problem if isinstance(problem, dict) else None


def problem_type(answer: httpx.Response) -> str | None:
    problem = _problem(answer)
    return problem.get("type") if problem else None


def problem_detail(answer: httpx.Response) -> str:
    """An RFC 9457 problem in a line (with what a final response is missing), or the start of another body."""
    problem = _problem(answer)
    if problem is None:
        return answer.text[:200]
    missing = f" (missing: {'; '.join(problem['missing'])})" if problem.get("missing") else ""
    return f"{problem.get('type', '')} {problem.get('detail') or problem.get('title', '')}{missing}".strip()


async def until(step: str, check: Callable[[], Awaitable[bool]], *, timeout: float = WAIT_SECONDS) -> None:
    """Poll until `check` holds; the step fails when it does not within `timeout`."""
    deadline = time.monotonic() + timeout
    while not await check():
        if time.monotonic() > deadline:
            raise StepFailed(step, None, f"not within {timeout:.0f} s")
        await asyncio.sleep(POLL_SECONDS)
