"""Per-client token buckets, in process memory.

Each replica keeps its own buckets, so with N replicas behind a balancer a client gets up to N times the
budget; that is acceptable for a front door whose aim is to blunt floods and code guessing, and needs no
shared store. The number of remembered clients is bounded (least recently seen are forgotten).
"""

import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """`per_minute` events per client per minute, with bursts up to the same number."""

    def __init__(self, *, per_minute: int, max_clients: int = 100_000,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self._capacity = float(per_minute)
        self._rate = per_minute / 60.0
        self._max_clients = max_clients
        self._now = monotonic
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()

    def retry_after(self, client: str) -> int | None:
        """Seconds to wait when the client has no budget left, else None (nothing is spent)."""
        bucket = self._refilled(client)
        return None if bucket.tokens >= 1 else math.ceil((1 - bucket.tokens) / self._rate)

    def spend(self, client: str) -> int | None:
        """Spend one unit; None when allowed, else the seconds to wait (nothing spent)."""
        bucket = self._refilled(client)
        if bucket.tokens < 1:
            return math.ceil((1 - bucket.tokens) / self._rate)
        bucket.tokens -= 1
        return None

    def _refilled(self, client: str) -> _Bucket:
        now = self._now()
        bucket = self._buckets.pop(client, None) or _Bucket(self._capacity, now)
        bucket.tokens = min(self._capacity, bucket.tokens + (now - bucket.updated) * self._rate)
        bucket.updated = now
        self._buckets[client] = bucket
        while len(self._buckets) > self._max_clients:
            self._buckets.popitem(last=False)
        return bucket
