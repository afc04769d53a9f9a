"""The failed-look-up budgets of the status page and customer actions, in process memory (per replica).

Three records, each bounded in size: failures per (client, tracking number) with the time of the last one, and
token buckets of failures per client and per tracking number. `LookupPolicy` (domain) turns them into a wait.
Tracking numbers are keyed whether or not a complaint has them, so the answers say nothing about existence.
"""

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from ..domain.lookup_policy import LookupPolicy
from .rate_limiter import RateLimiter, Recent


@dataclass
class _Failures:
    count: int
    last: float


class LookupGuard:
    def __init__(self, *, policy: LookupPolicy, client_failures_per_minute: int, number_failures_per_hour: int,
                 max_entries: int = 100_000, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._policy = policy
        self._now = monotonic
        self._clients = RateLimiter(allowance=client_failures_per_minute, max_clients=max_entries,
                                    monotonic=monotonic)
        self._numbers = RateLimiter(allowance=number_failures_per_hour, period_seconds=3600.0,
                                    max_clients=max_entries, monotonic=monotonic)
        self._pairs: Recent[tuple[str, str], _Failures] = Recent(max_entries)

    def retry_after(self, *, client: str, tracking_number: str) -> int | None:
        """Seconds this client must wait before trying this tracking number again; None when it may try now."""
        failures = self._pairs.get((client, tracking_number))
        if failures is None:
            return None
        under_attack = (self._numbers.retry_after(tracking_number) is not None
                        or self._clients.retry_after(client) is not None)
        wait = self._policy.wait_seconds(failures=failures.count, under_attack=under_attack)
        remaining = failures.last + wait - self._now()
        return math.ceil(remaining) if remaining > 0 else None

    def failed(self, *, client: str, tracking_number: str) -> None:
        """Record a wrong guess (unknown number or wrong code: the same to us)."""
        failures = self._pairs.get((client, tracking_number)) or _Failures(0, 0.0)
        failures.count += 1
        failures.last = self._now()
        self._pairs.put((client, tracking_number), failures)
        self._numbers.spend(tracking_number)
        self._clients.spend(client)

    def succeeded(self, *, client: str, tracking_number: str) -> None:
        """The client opened the complaint: its earlier typing mistakes on it are forgiven."""
        self._pairs.pop((client, tracking_number))
