"""Where data subjects' keys live: the store intake owns, and the read-only rings other services open values with."""

import asyncio
from collections.abc import Iterable
from typing import Protocol

from cachetools import TTLCache

from .envelope import DataKey


class KeyRing(Protocol):
    """Read access to keys by id. A destroyed or unknown key is simply absent from the answer."""

    async def get_many(self, key_ids: Iterable[str]) -> dict[str, DataKey]: ...

    async def aclose(self) -> None:
        """Release what the ring holds open (an HTTP client); called once, on shutdown."""
        ...


class KeyStore(KeyRing, Protocol):
    """The owner's view: one current key per data subject (made on first use), rotation and destruction."""

    async def key_for(self, subject: str) -> DataKey:
        """The subject's current key, made if the subject has none (safe when two instances race)."""
        ...

    async def keys_for(self, subjects: Iterable[str]) -> dict[str, DataKey]:
        """`key_for` of many subjects at once, by subject (a batch of filings: one look-up, not one per subject)."""
        ...

    async def rotate(self, subject: str) -> DataKey:
        """A new current key for the subject; older keys still open what they sealed."""
        ...

    async def destroy(self, subject: str) -> list[str]:
        """Destroy every key of the subject (crypto-shredding); returns the ids destroyed."""
        ...


class CachedKeyRing:
    """Keeps keys it was given for a while, so a batch of events costs one look-up, not one per value.

    Absent keys are remembered too (briefly), so a topic full of erased complaints does not hammer the store.
    `forget` drops keys at once when their erasure is announced; the TTL bounds how long any other copy lives.
    """

    def __init__(self, ring: KeyRing, *, ttl_seconds: float = 300.0, max_keys: int = 100_000) -> None:
        self._ring = ring
        self._found: TTLCache[str, DataKey] = TTLCache(maxsize=max_keys, ttl=ttl_seconds)
        self._absent: TTLCache[str, bool] = TTLCache(maxsize=max_keys, ttl=min(ttl_seconds, 30.0))
        self._lock = asyncio.Lock()

    async def get_many(self, key_ids: Iterable[str]) -> dict[str, DataKey]:
        wanted = set(key_ids)
        missing = {k for k in wanted if k not in self._found and k not in self._absent}
        if missing:
            async with self._lock:
                missing = {k for k in missing if k not in self._found and k not in self._absent}
                fetched = await self._ring.get_many(missing) if missing else {}
                for key_id in missing:
                    if key_id in fetched:
                        self._found[key_id] = fetched[key_id]
                    else:
                        self._absent[key_id] = True
        return {k: self._found[k] for k in wanted if k in self._found}

    def forget(self, key_ids: Iterable[str]) -> None:
        for key_id in key_ids:
            self._found.pop(key_id, None)
            self._absent[key_id] = True

    async def aclose(self) -> None:
        self._found.clear()
        await self._ring.aclose()
