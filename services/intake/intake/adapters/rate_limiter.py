"""Token buckets per key (a client address, a tracking number), in process memory.

Each replica keeps its own buckets, so with N replicas behind a balancer a client gets up to N times the
budget; that is acceptable for a front door whose aim is to blunt floods and code guessing, and needs no
shared store. The number of remembered keys is bounded (least recently seen are forgotten).
"""

import math
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Recent(Generic[K, V]):
    """A map that remembers at most `size` keys, forgetting the least recently used first."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self._size:
            self._items.popitem(last=False)

    def pop(self, key: K) -> None:
        self._items.pop(key, None)


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """`allowance` events per key per `period_seconds`, with bursts up to the same number."""

    def __init__(self, *, allowance: int, period_seconds: float = 60.0, max_clients: int = 100_000,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self._capacity = float(allowance)
        self._rate = allowance / period_seconds
        self._now = monotonic
        self._buckets: Recent[str, _Bucket] = Recent(max_clients)

    def retry_after(self, client: str) -> int | None:
        """Seconds to wait when the key has no budget left, else None (nothing is spent)."""
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
        bucket = self._buckets.get(client) or _Bucket(self._capacity, now)
        bucket.tokens = min(self._capacity, bucket.tokens + (now - bucket.updated) * self._rate)
        bucket.updated = now
        self._buckets.put(client, bucket)
        return bucket
