"""Keys for the services that read personal data (routing, resolution, notification), each with its own secret,
and for the partner systems that seal their submissions before publishing them (each under its `source_system`)."""

import base64
import hashlib
import hmac
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from complaints_chassis.personal_data import DataKey, KeyStore

from ..adapters.metrics import IntakeMetrics
from ..domain.subjects import SubjectIndex
from ..domain.submission import complaint_id_for_submission


def _digest(secret: str) -> bytes:
    # Compared as digests: equal lengths, so the comparison's time says nothing about the secret's length.
    return hashlib.sha256(secret.encode()).digest()


_NOBODY = _digest("no client has this secret")


def _named(clients: Mapping[str, str], name: str, secret: str) -> bool:
    """Whether the name and secret match (the same work whether the name or the secret is wrong)."""
    expected = clients.get(name)
    matches = hmac.compare_digest(_digest(secret), _NOBODY if expected is None else _digest(expected))
    return expected is not None and matches


@dataclass
class DataKeysService:
    keys: KeyStore
    readers: Mapping[str, str]
    """Reader name → secret (settings `key_readers`)."""
    metrics: IntakeMetrics
    subjects: SubjectIndex
    sealers: Mapping[str, str] = field(default_factory=dict)
    """Partner's `source_system` → secret (settings `key_sealers`)."""

    def reader(self, name: str, secret: str) -> str | None:
        """The reader these credentials name, or None."""
        if not _named(self.readers, name, secret):
            self.metrics.key_lookups_refused.inc()
            return None
        return name

    def sealer(self, name: str, secret: str) -> str | None:
        """The partner system these credentials name, or None."""
        if not _named(self.sealers, name, secret):
            self.metrics.key_lookups_refused.inc()
            return None
        return name

    async def lookup(self, *, reader: str, key_ids: Iterable[str]) -> dict[str, str]:
        """The keys asked for that still exist, base64; a destroyed or unknown key is simply left out."""
        found = await self.keys.get_many(set(key_ids))
        self.metrics.keys_served.labels(reader=reader).inc(len(found))
        return {key_id: base64.b64encode(key.material).decode() for key_id, key in found.items()}

    async def sealing_key(self, *, source_system: str, external_reference: str, email: str | None,
                          phone: str | None) -> DataKey:
        """The current key of the data subject a submission with these contact routes will be filed under (the
        subject intake finds when it records the submission), made if the subject has none yet."""
        complaint_id = complaint_id_for_submission(source_system=source_system, external_reference=external_reference)
        subject = self.subjects.by_routes(email=email, phone=phone, complaint_id=complaint_id)
        key = await self.keys.key_for(subject.id)
        self.metrics.keys_served.labels(reader=source_system).inc()
        return key
