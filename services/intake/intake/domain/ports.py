"""What the use cases need of storage; the MongoDB adapter and the unit tests' fake both implement it."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Protocol

from complaint_contracts import AccessCodeIssued, ComplaintEvent
from complaints_chassis.personal_data import DataKey

from .attachments import Attachment
from .complaint import ContactOnFile, CustomerRecord, Download, NewComplaint, StoredFile, StoredFiling
from .followed import Followed
from .timeline import TimelineEntry


@dataclass(frozen=True)
class BulkInsert:
    inserted: set[str]
    """Ids newly stored."""
    collided: set[str]
    """Ids not stored because their tracking number was taken: draw again."""


class FiledInsert(Enum):
    """What became of one filing in a batch insert."""

    STORED = "stored"
    TRACKING_NUMBER_TAKEN = "tracking_number_taken"
    """Another complaint has its tracking number: draw again."""
    ALREADY_STORED = "already_stored"
    """A filing with its Idempotency-Key was stored first (a concurrent retry)."""


class IntakeStore(Protocol):
    """Complaints as intake keeps them. Every write that stores or queues personal data is given the key of the
    complaint's data subject and seals that data with it; reads hand sealed values back as they are."""

    async def insert_filed(self, filings: Sequence[tuple[NewComplaint, DataKey]]) -> list[FiledInsert]:
        """Store complaints filed over HTTP in one go, each with its subject's key and its received event queued;
        say of each whether it was stored, lost its tracking-number draw, or was stored already."""
        ...

    async def insert_complaints(self, complaints: Sequence[NewComplaint], *, keys: Mapping[str, DataKey]) -> BulkInsert:
        """Store many in one go (`keys` by subject id); those already stored are skipped."""
        ...

    async def filings_by_idempotency_keys(self, keys: Sequence[str]) -> list[StoredFiling | None]:
        """For each Idempotency-Key, the complaint an earlier HTTP filing with it recorded (one look-up for all)."""
        ...

    async def customer_record(self, tracking_number: str) -> CustomerRecord | None:
        """The complaint behind a (canonical) tracking number, with its whole timeline."""
        ...

    async def record_action(self, *, record: CustomerRecord, entry: TimelineEntry, event: ComplaintEvent,
                            key: DataKey) -> bool:
        """Add the entry and queue the event, unless another action was recorded since `record` was read or its
        personal data was erased (then nothing is written: False)."""
        ...

    async def record_followed(self, followed: Sequence[Followed]) -> list[Followed]:
        """Keep what intake keeps of other services' events, once per event, and each complaint's latest closure and
        reopening; return those whose complaint is not stored (nothing is kept of them)."""
        ...

    async def park_unmatched(self, items: Sequence[tuple[str, TimelineEntry]], *, now: datetime) -> None: ...

    async def save_attachments(self, attachments: Sequence[Attachment]) -> None: ...

    async def delete_attachments(self, attachment_ids: Iterable[str]) -> None: ...

    async def contact_on_file(self, tracking_number: str) -> ContactOnFile | None:
        """The contact routes of the complaint behind a (canonical) tracking number."""
        ...

    async def replace_access_code(self, *, complaint_id: str, access_code_hash: str, event: AccessCodeIssued,
                                  key: DataKey) -> bool:
        """Keep only the new code's hash (the old code stops working) and queue its event, in one write; False (and
        nothing written) when the complaint's personal data was erased."""
        ...

    async def owning_team(self, complaint_id: str) -> tuple[bool, str | None]:
        """Whether the complaint is stored, and the team its latest decision names (None until routing decides)."""
        ...

    async def stored_file(self, attachment_id: str) -> StoredFile | None:
        """An attachment stored by intake (None when unknown, or kept outside intake)."""
        ...

    async def audit_download(self, download: Download) -> None:
        """Add one download to the insert-only audit trail."""
        ...
