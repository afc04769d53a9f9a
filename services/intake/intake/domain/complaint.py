"""One complaint as intake records it, whichever way it came in, and what the customer's side reads back."""

import secrets
from dataclasses import dataclass, replace

from complaint_contracts import ComplaintReceived

from .progress import record_event
from .timeline import TimelineEntry


def new_complaint_id() -> str:
    """Draw a fresh random complaint id."""
    return f"c-{secrets.token_hex(8)}"


@dataclass(frozen=True)
class NewComplaint:
    """A complaint to store: its received event (queued with it) and what finds it again."""

    received: ComplaintReceived
    access_code_hash: str | None = None
    """Salted hash of the access code; None for submitted complaints (the customer gets no code from us)."""
    idempotency_key: str | None = None
    request_hash: str | None = None
    """Fingerprint of the HTTP request that filed it, to tell a retry from a reused Idempotency-Key."""

    @property
    def complaint_id(self) -> str:
        return self.received.complaint_id

    @property
    def tracking_number(self) -> str:
        return self.received.tracking_number

    def entries(self) -> tuple[TimelineEntry, ...]:
        """The first entries of the customer's timeline."""
        return record_event(entries=(), event=self.received)

    def redrawn(self, tracking_number: str) -> "NewComplaint":
        """The same complaint under another tracking number (the drawn one was taken)."""
        return replace(self, received=self.received.model_copy(update={"tracking_number": tracking_number}))


@dataclass(frozen=True)
class CustomerRecord:
    """What the status page and the customer actions need of a complaint."""

    complaint_id: str
    tracking_number: str
    access_code_hash: str | None
    entries: tuple[TimelineEntry, ...]
    version: int


@dataclass(frozen=True)
class StoredFiling:
    """An earlier HTTP filing, found by its idempotency key."""

    complaint_id: str
    request_hash: str | None
    received: ComplaintReceived
