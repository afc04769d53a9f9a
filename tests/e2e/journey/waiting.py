"""Every wait of the end-to-end tests polls with a deadline and fails naming what it waited for."""

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
WAIT = 45.0
"""Seconds any one asynchronous step may take on a busy two-core machine."""


def wait_until(check: Callable[[], T | None], *, what: str, timeout: float = WAIT, interval: float = 0.25) -> T:
    """Poll `check` until it returns something truthy and return that; fail naming `what` otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout:.0f} s")
        time.sleep(interval)


def wait_for(get: Callable[[], T], check: Callable[[T], bool], *, what: str, timeout: float = WAIT,
             interval: float = 0.5) -> T:
    """Poll `get` until its value passes `check` and return that value."""
    def look() -> tuple[T] | None:
        value = get()
        return (value,) if check(value) else None

    return wait_until(look, what=what, timeout=timeout, interval=interval)[0]
