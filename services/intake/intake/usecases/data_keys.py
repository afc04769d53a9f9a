"""Keys for the services that read personal data (routing, resolution, notification), each with its own secret."""

import base64
import hashlib
import hmac
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from complaints_chassis.personal_data import KeyRing

from ..adapters.metrics import IntakeMetrics


def _digest(secret: str) -> bytes:
    # Compared as digests: equal lengths, so the comparison's time says nothing about the secret's length.
    return hashlib.sha256(secret.encode()).digest()


_NOBODY = _digest("no reader has this secret")


@dataclass
class DataKeysService:
    keys: KeyRing
    readers: Mapping[str, str]
    """Reader name → secret (settings `key_readers`)."""
    metrics: IntakeMetrics

    def reader(self, name: str, secret: str) -> str | None:
        """The reader these credentials name, or None (the same work whether the name or the secret is wrong)."""
        expected = self.readers.get(name)
        matches = hmac.compare_digest(_digest(secret), _NOBODY if expected is None else _digest(expected))
        if expected is None or not matches:
            self.metrics.key_lookups_refused.inc()
            return None
        return name

    async def lookup(self, *, reader: str, key_ids: Iterable[str]) -> dict[str, str]:
        """The keys asked for that still exist, base64; a destroyed or unknown key is simply left out."""
        found = await self.keys.get_many(set(key_ids))
        self.metrics.keys_served.labels(reader=reader).inc(len(found))
        return {key_id: base64.b64encode(key.material).decode() for key_id, key in found.items()}
