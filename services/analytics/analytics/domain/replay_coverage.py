"""Whether the topics still hold the whole history behind the facts, and which complaints a replay may merge.

A replay merges what the topics hold into the facts (see `replay.replay_facts`). Once retention has deleted the
start of a partition, the topics no longer reach back to the oldest fact: a complaint received before the deleted
records keeps only the end of its story on the topics. Merging that end is what the refusal guards against: for a
fact that is missing or was restored from an older backup, it would make a fact without its receipt, routing or
earlier milestones. So the replay refuses, and with an explicit override it merges only the complaints whose
history starts inside the topics: those whose receipt it reads, received at or after the cutoff.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from .fact_updates import FactUpdate


@dataclass(frozen=True)
class PartitionStart:
    """Where a partition begins now: its earliest retained offset and the time of the record there."""

    topic: str
    partition: int
    earliest_offset: int
    oldest_record_at: datetime | None = None
    """Timestamp of the record at the earliest offset; None when there is none to read (retention emptied the
    partition) or it could not be read."""

    def __str__(self) -> str:
        first = f"its oldest record is of {self.oldest_record_at.isoformat()}" if self.oldest_record_at \
            else "no record could be read there"
        return f"{self.topic}/{self.partition} starts at offset {self.earliest_offset} ({first})"


@dataclass(frozen=True)
class Coverage:
    """The partitions that no longer reach back to the oldest fact (none: the replay may merge everything)."""

    short: tuple[PartitionStart, ...]
    oldest_fact_at: datetime | None

    @property
    def complete(self) -> bool:
        return not self.short

    @property
    def cutoff(self) -> datetime | None:
        """From when every partition holds everything (None when complete, or when a short partition's start is
        unknown: then no complaint's history is known to be whole)."""
        if self.complete or any(start.oldest_record_at is None for start in self.short):
            return None
        return max(start.oldest_record_at for start in self.short if start.oldest_record_at is not None)

    def explain(self) -> str:
        """Why the replay refuses, and what the operator can do about it."""
        oldest = (f"the oldest fact was received {self.oldest_fact_at.isoformat()}" if self.oldest_fact_at
                  else "there are no facts yet")
        first, *others = self.short
        more = f" (and {len(others)} more partition{'s' if len(others) > 1 else ''})" if others else ""
        since = (f"received since {self.cutoff.isoformat()}" if self.cutoff else
                 "none here: a partition's start could not be read, so no history is known to be whole")
        return (f"The topics no longer reach back to the oldest fact: {first}{more}, but {oldest}. Retention has "
                "deleted events of older complaints, so the replay cannot rebuild them and would merge half "
                "stories into their facts. Nothing needs doing if the facts are whole: the store, not Kafka, is "
                "the long-term record, and the live consumer keeps it up to date. To fill gaps in recent facts "
                "anyway, run the replay again with --accept-truncated-topics: it merges only the complaints whose "
                f"history starts inside the topics ({since}); the others keep their stored facts as they are. "
                "To rebuild older facts, restore the store from a backup.")


def topic_coverage(*, starts: Iterable[PartitionStart], oldest_fact_at: datetime | None) -> Coverage:
    """The partitions whose retention deleted records the facts may depend on.

    A partition is short when it no longer starts at offset 0 and its oldest record is newer than the oldest fact
    (or unknown). With no facts yet, any truncated partition is short: nothing then tells which complaints
    kept their whole history.
    """
    def short(start: PartitionStart) -> bool:
        if start.earliest_offset <= 0:
            return False
        if start.oldest_record_at is None or oldest_fact_at is None:
            return True
        return start.oldest_record_at > oldest_fact_at

    return Coverage(short=tuple(start for start in starts if short(start)), oldest_fact_at=oldest_fact_at)


@dataclass
class WholeHistories:
    """Admits the updates of complaints whose receipt the replay read, received at or after `cutoff`.

    Updates of a complaint arrive before its receipt when it sits on another topic or partition: they wait here
    (merged, one per complaint) until the receipt is read, and are dropped at the end if it never is.
    """

    cutoff: datetime | None
    admitted: set[str] = field(default_factory=set)
    refused: set[str] = field(default_factory=set)
    waiting: dict[str, FactUpdate] = field(default_factory=dict)

    def admit(self, updates: Sequence[FactUpdate]) -> list[FactUpdate]:
        """Those of `updates` (merged, one per complaint) that may be applied now, with any that waited for them."""
        ready: list[FactUpdate] = []
        for update in updates:
            complaint = update.complaint_id
            if complaint in self.refused:
                continue
            if complaint not in self.admitted:
                received_at = update.set.get("received_at")
                if received_at is None:
                    self.waiting[complaint] = self.waiting[complaint].merged(update) \
                        if complaint in self.waiting else update
                    continue
                if self.cutoff is None or received_at < self.cutoff:
                    self.refused.add(complaint)
                    self.waiting.pop(complaint, None)
                    continue
                self.admitted.add(complaint)
                if complaint in self.waiting:
                    update = self.waiting.pop(complaint).merged(update)
            ready.append(update)
        return ready

    def left_out(self) -> int:
        """Complaints not merged: received before the cutoff, or whose receipt the topics no longer hold."""
        return len(self.refused | set(self.waiting))
