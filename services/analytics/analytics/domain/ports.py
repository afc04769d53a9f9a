"""What the use cases need from the outside world; adapters/ implements these, the unit tests fake them."""

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from complaint_contracts import SystemicIssueDetected
from complaint_contracts.base import Event

from .fact_updates import FactUpdate
from .facts import ComplaintFact
from .gauges import GaugeSnapshot
from .replay_coverage import PartitionStart
from .selection import FactFilter
from .systemic_issues import SystemicState


class FactStore(Protocol):
    """The facts read model, its change journal and the systemic-issue episode state."""

    @property
    def journal(self) -> "ChangeFeed":
        """Which complaints' facts were written lately (by any instance)."""
        ...

    async def apply(self, updates: Sequence[FactUpdate]) -> None:
        """Write merged updates (commutative operators: any order, any repetition), then record in the change
        journal which complaints they concern."""
        ...

    def scan(self, fields: Sequence[str], complaint_ids: Sequence[str] | None = None) -> AsyncIterator[ComplaintFact]:
        """Every fact (or those of these complaints that exist), with only `fields` read."""
        ...

    async def find(self, selection: FactFilter, *, limit: int | None = None) -> list[ComplaintFact]:
        """The selected facts; with `limit`, raise TooManyFacts rather than load more than that."""
        ...

    async def count(self) -> int:
        """How many facts are stored."""
        ...

    async def of_complaints(self, complaint_ids: Sequence[str]) -> list[ComplaintFact]:
        """The facts of these complaints (those that exist)."""
        ...

    async def oldest_received_at(self) -> datetime | None:
        """When the earliest complaint with a fact was received (None without any)."""
        ...

    async def delete(self, complaint_ids: Sequence[str]) -> None:
        """Delete the facts of these complaints (their record expired), then record in the change journal that
        they changed; deleting what is gone already is no error."""
        ...

    async def systemic_state(self) -> tuple[SystemicState, int]:
        """The open episodes and the version to save them against."""
        ...

    async def save_systemic_state(self, state: SystemicState, *, version: int, evaluated_at: datetime,
                                  detected: Sequence[SystemicIssueDetected]) -> bool:
        """Store new episodes and queue their events in one write; False if another evaluation saved first."""
        ...


Positions = dict[tuple[str, int], int]
"""Next offset to read, by (topic, partition)."""


@dataclass(frozen=True)
class LogBatch:
    """Records read from the topics: the events decoded, and how many could not be (or are of unknown types)."""

    records: int
    events: list[Event] = field(default_factory=list)
    unreadable: int = 0


class EventLog(Protocol):
    """The topics, read outside any consumer group (nothing committed), for replaying them into the facts."""

    async def read(self, apply: Callable[[LogBatch], Awaitable[None]], *,
                   start: Positions | None = None) -> Positions:
        """Pass every batch from `start` (or the beginning) up to the end to `apply`; return where it stopped."""
        ...

    async def starts(self) -> list[PartitionStart]:
        """Where each partition begins now (retention moves the start on)."""
        ...


class ChangeFeed(Protocol):
    """Which complaints' facts were written lately, by any instance (the change journal `FactStore.apply` keeps)."""

    async def start(self) -> None:
        """Read from now on (call before loading every fact: what is written meanwhile comes with the next read)."""
        ...

    async def read(self) -> set[str]:
        """The complaints whose facts were written since the previous read (some may come again)."""
        ...

    def lapsed(self) -> bool:
        """Whether the journal may have let go of entries not read yet (never started, or not read for too long)."""
        ...


class Metrics(Protocol):
    """The Prometheus business metrics."""

    def issue_detected(self, dimension: str) -> None:
        """Count one systemic issue queued for publishing."""
        ...

    def refresh(self, snapshot: GaugeSnapshot) -> None:
        """Replace the snapshot the next scrape reports."""
        ...
