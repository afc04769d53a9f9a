"""In-memory stand-ins for the analytics ports (`analytics.domain.ports`), for unit tests of the use cases."""

from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from analytics.domain.fact_updates import FactUpdate, apply_update
from analytics.domain.facts import ComplaintFact
from analytics.domain.gauges import GaugeSnapshot
from analytics.domain.ports import LogBatch, Positions
from analytics.domain.replay_coverage import PartitionStart
from analytics.domain.selection import FactFilter, TooManyFacts, in_jurisdiction
from analytics.domain.systemic_issues import SystemicState
from complaint_contracts import SystemicIssueDetected

_EQUALS = ("product", "channel", "category", "priority", "regime", "department")
"""FactFilter attributes that match a fact attribute of the same name exactly (the jurisdiction by country)."""


def _admits(selection: FactFilter, fact: ComplaintFact) -> bool:
    received = fact.received_at
    if selection.received_from is not None and (received is None or received < selection.received_from):
        return False
    if selection.received_before is not None and (received is None or received >= selection.received_before):
        return False
    routed = fact.routing.at if fact.routing else None
    if selection.routed_from is not None and (routed is None or routed < selection.routed_from):
        return False
    if selection.routed_before is not None and (routed is None or routed >= selection.routed_before):
        return False
    if selection.jurisdiction is not None and not in_jurisdiction(fact.jurisdiction, selection.jurisdiction):
        return False
    return all(getattr(selection, name) is None or getattr(fact, name) == getattr(selection, name)
               for name in _EQUALS)


@dataclass
class FakeJournal:
    """The change journal as a list of written runs; a reader starts at the end and reads on from there."""

    entries: list[set[str]] = field(default_factory=list)
    position: int | None = None
    lapse_next: bool = False
    """Make `lapsed` say once that entries may have been missed."""

    def record(self, complaint_ids: Iterable[str]) -> None:
        self.entries.append(set(complaint_ids))

    async def start(self) -> None:
        self.position = len(self.entries)

    async def read(self) -> set[str]:
        assert self.position is not None, "start the change feed before reading it"
        changed = set().union(*self.entries[self.position:])
        self.position = len(self.entries)
        return changed

    def lapsed(self) -> bool:
        lapsed, self.lapse_next = self.position is None or self.lapse_next, False
        return lapsed


@dataclass
class FakeFactStore:
    """Facts as documents in a dict, updated with the same in-memory semantics as MongoDB (`apply_update`)."""

    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    journal: FakeJournal = field(default_factory=FakeJournal)
    scans: list[Sequence[str] | None] = field(default_factory=list)
    """The complaints each `scan` asked for (None: every fact)."""
    state: SystemicState = field(default_factory=SystemicState)
    version: int = 0
    outbox: list[SystemicIssueDetected] = field(default_factory=list)
    evaluations: list[datetime] = field(default_factory=list)
    lose_next_save: bool = False
    """Make the next `save_systemic_state` lose the race to a concurrent evaluation."""

    async def apply(self, updates: Sequence[FactUpdate]) -> None:
        for update in updates:
            self.documents[update.complaint_id] = apply_update(self.documents.get(update.complaint_id), update)
        if updates:
            self.journal.record(update.complaint_id for update in updates)

    async def scan(self, fields: Sequence[str],
                   complaint_ids: Sequence[str] | None = None) -> AsyncIterator[ComplaintFact]:
        self.scans.append(None if complaint_ids is None else list(complaint_ids))
        chosen = list(self.documents) if complaint_ids is None else [c for c in complaint_ids if c in self.documents]
        for complaint_id in chosen:
            yield ComplaintFact.model_validate({key: value for key, value in self.documents[complaint_id].items()
                                                if key in fields})

    async def find(self, selection: FactFilter, *, limit: int | None = None) -> list[ComplaintFact]:
        facts = [ComplaintFact.model_validate(doc) for doc in self.documents.values()]
        chosen = [fact for fact in facts if _admits(selection, fact)]
        if limit is not None and len(chosen) > limit:
            raise TooManyFacts(f"more than {limit} complaints match; narrow the period or add a filter")
        return chosen

    async def count(self) -> int:
        return len(self.documents)

    async def of_complaints(self, complaint_ids: Sequence[str]) -> list[ComplaintFact]:
        return [ComplaintFact.model_validate(self.documents[cid]) for cid in complaint_ids if cid in self.documents]

    async def oldest_received_at(self) -> datetime | None:
        return min((doc["received_at"] for doc in self.documents.values() if doc.get("received_at")), default=None)

    async def delete(self, complaint_ids: Sequence[str]) -> None:
        for complaint_id in complaint_ids:
            self.documents.pop(complaint_id, None)
        if complaint_ids:
            self.journal.record(complaint_ids)

    async def systemic_state(self) -> tuple[SystemicState, int]:
        return self.state, self.version

    async def save_systemic_state(self, state: SystemicState, *, version: int, evaluated_at: datetime,
                                  detected: Sequence[SystemicIssueDetected]) -> bool:
        if self.lose_next_save or version != self.version:
            self.lose_next_save = False
            return False
        self.state, self.version = state, self.version + 1
        self.outbox += detected
        self.evaluations.append(evaluated_at)
        return True


@dataclass
class FakeEventLog:
    """Topics as lists of batches: each `read` passes on the batches from where the previous one stopped.
    `partitions` says where each partition begins (by default one that still starts at offset 0)."""

    batches: list[LogBatch] = field(default_factory=list)
    reads: list[Positions | None] = field(default_factory=list)
    partitions: list[PartitionStart] = field(default_factory=lambda: [PartitionStart("log", 0, 0)])

    async def read(self, apply: Callable[[LogBatch], Awaitable[None]], *,
                   start: Positions | None = None) -> Positions:
        self.reads.append(start)
        first = (start or {}).get(("log", 0), 0)
        for batch in self.batches[first:]:
            await apply(batch)
        return {("log", 0): len(self.batches)}

    async def starts(self) -> list[PartitionStart]:
        return list(self.partitions)


@dataclass
class FakeMetrics:
    """Remembers what the use cases report to the business metrics."""

    issues: list[str] = field(default_factory=list)
    snapshots: list[GaugeSnapshot] = field(default_factory=list)

    def issue_detected(self, dimension: str) -> None:
        self.issues.append(dimension)

    def refresh(self, snapshot: GaugeSnapshot) -> None:
        self.snapshots.append(snapshot)
