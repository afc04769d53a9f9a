"""Retention periods, both counted from a complaint's latest closure (not reopened since):
- personal data: a data subject's is kept until every complaint of theirs (still holding personal data) was closed
  longer ago than its period; then their keys go (see erasure) and the complaint records stay;
- the complaint record: once the complaint itself was closed longer ago than the record period, intake announces
  `ComplaintRecordExpired` and every service deletes what it keeps about it, the regulatory record included.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from complaint_contracts import ComplaintRecordExpired

RECORD_RETENTION_DAYS = 2191
"""Six years after closure (the FCA asks for at least three; other regimes ask for more)."""
RECORD_RETENTION = timedelta(days=RECORD_RETENTION_DAYS)

_EVENT_NAMESPACE = uuid.UUID("6a2f9c1e-3b7d-4e58-a0c4-9d1e5f7b2c83")
"""Fixed namespace of the events' ids: one `ComplaintRecordExpired` per complaint, whichever pass or replica
announces it, however often."""


@dataclass(frozen=True)
class Closure:
    """A complaint's latest closure and reopening, as intake followed them."""

    complaint_id: str
    subject: str
    closed_at: datetime | None
    reopened_at: datetime | None

    def closed_by(self, cutoff: datetime) -> bool:
        """Closed (not reopened since; a reopening at the same moment wins, as on the timeline) no later than
        `cutoff`."""
        return (self.closed_at is not None and self.closed_at <= cutoff
                and (self.reopened_at is None or self.reopened_at < self.closed_at))


@dataclass(frozen=True)
class ExpiredRecord:
    """A complaint whose record expired and was announced: what deleting it needs to know."""

    complaint_id: str
    subject: str
    erased: bool
    """Its personal data was erased already (no live key sealed anything of it since)."""


def expired_subjects(closures: Iterable[Closure], *, cutoff: datetime) -> set[str]:
    """The subjects all of whose complaints were closed by `cutoff`."""
    open_or_recent = {c.subject for c in closures if not c.closed_by(cutoff)}
    return {c.subject for c in closures if c.subject not in open_or_recent}


def expired_records(closures: Iterable[Closure], *, now: datetime, retention: timedelta) -> list[Closure]:
    """The complaints whose record is due for deletion: closed, not reopened since, `retention` ago or longer."""
    return [c for c in closures if c.closed_by(now - retention)]


def record_expired(closure: Closure, *, retention: timedelta, at: datetime) -> ComplaintRecordExpired:
    """The event that tells every service to delete what it keeps about the complaint (same id every time)."""
    assert closure.closed_at is not None, "only a closed complaint's record expires"
    return ComplaintRecordExpired(
        id=str(uuid.uuid5(_EVENT_NAMESPACE, f"record-expired/{closure.complaint_id}")),
        complaint_id=closure.complaint_id, closed_at=closure.closed_at, retention_days=retention.days,
        expired_at=at, time=at, correlation_id=closure.complaint_id)


def subjects_to_shred(deleted: Iterable[ExpiredRecord], *, keeping_records: Iterable[str]) -> set[str]:
    """The subjects whose keys go with these records: none of their complaints is left (`keeping_records` are the
    subjects with a complaint outside `deleted`) and some of the deleted ones still held personal data."""
    left = set(keeping_records)
    return {r.subject for r in deleted if not r.erased and r.subject not in left}


def unmatched_expired(at: datetime, *, now: datetime, retention: timedelta) -> bool:
    """Whether an event about a complaint intake does not hold happened so long ago that its complaint's record
    would have expired by now (a late copy of it must not leave a trace behind)."""
    return at <= now - retention
