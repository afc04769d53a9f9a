"""One complaint as intake records it, whichever way it came in, and what the customer's side reads back."""

import secrets
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from complaint_contracts import AccessCodeIssued, ComplaintReceived, Event

from .progress import record_event
from .subjects import DataSubject
from .timeline import TimelineEntry


def new_complaint_id() -> str:
    """Draw a fresh random complaint id."""
    return f"c-{secrets.token_hex(8)}"


@dataclass(frozen=True)
class NewComplaint:
    """A complaint to store: its received event (queued with it) and what finds it again."""

    received: ComplaintReceived
    subject: DataSubject
    """Whose complaint it is: the key of this subject seals its personal data; erasure and access requests find it
    by the subject's blind indexes."""
    access_code_hash: str | None = None
    """Salted hash of the access code; None for submitted complaints (the customer gets no code from us)."""
    idempotency_key: str | None = None
    request_hash: str | None = None
    """Fingerprint of the HTTP request that filed it, to tell a retry from a reused Idempotency-Key."""
    announcements: tuple[Event, ...] = ()
    """Events queued after the received event in the same write (the first access code of a submission)."""

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
        moved = {"tracking_number": tracking_number}
        # A first access code announced with the complaint names its tracking number too.
        return replace(self, received=self.received.model_copy(update=moved),
                       announcements=tuple(e.model_copy(update=moved) if isinstance(e, AccessCodeIssued) else e
                                           for e in self.announcements))


@dataclass(frozen=True)
class ErasureMark:
    """The complaint's personal data was erased: its subject's keys destroyed, its files deleted."""

    at: datetime
    reason: str
    """`request` (the customer asked) or `retention` (the period personal data is kept for ended)."""


@dataclass(frozen=True)
class CustomerRecord:
    """What the status page and the customer actions need of a complaint."""

    complaint_id: str
    tracking_number: str
    access_code_hash: str | None
    entries: tuple[TimelineEntry, ...]
    version: int
    subject: str
    """Id of the data subject whose key seals what the customer sends."""
    filed: dict[str, Any] = field(default_factory=dict)
    """What the customer said in the complaint (title, description), as stored: personal values sealed."""
    key_id: str | None = None
    """Id of the key the complaint was filed under (None for complaints filed before sealing)."""
    erased: ErasureMark | None = None
    """Set once the complaint's personal data was erased: it takes nothing more from the customer."""


@dataclass(frozen=True)
class StoredFiling:
    """An earlier HTTP filing, found by its idempotency key."""

    complaint_id: str
    request_hash: str | None
    received: ComplaintReceived


@dataclass(frozen=True)
class ContactOnFile:
    """The contact routes of a complaint (as blind indexes), to check a request for a new access code against."""

    complaint_id: str
    tracking_number: str
    subject: str
    refs: tuple[str, ...]
    """Blind indexes of the e-mail address and phone number on file (see `subjects.SubjectIndex`)."""
    key_id: str | None = None
    """Id of the key the complaint was filed under (None for complaints filed before sealing)."""
    erased: bool = False
    """The complaint's personal data was erased: no new code is sealed for it."""


@dataclass(frozen=True)
class StoredFile:
    """An attachment as stored, with the complaint it belongs to."""

    attachment_id: str
    complaint_id: str
    name: str
    media_type: str
    content: bytes


@dataclass(frozen=True)
class Download:
    """One download of an attachment, for the audit trail (who, when, which file; never its content)."""

    attachment_id: str
    complaint_id: str
    at: datetime
    by: str
    """`customer`, or the staff member's id."""
    roles: tuple[str, ...] = ()
    """The staff member's roles when they downloaded it (empty for the customer)."""


@dataclass(frozen=True)
class SubjectComplaint:
    """A complaint and its data subject, as erasure and access requests find them."""

    complaint_id: str
    subject: str
    erased: bool = False
    """Whether its personal data is erased (and nothing new was sealed for it since)."""
