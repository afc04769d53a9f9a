"""When a data subject's personal data has been kept long enough: every complaint of theirs (still holding personal
data) closed, the latest closure longer ago than the retention period. The complaint records stay (see erasure)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime


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


def expired_subjects(closures: Iterable[Closure], *, cutoff: datetime) -> set[str]:
    """The subjects all of whose complaints were closed by `cutoff`."""
    open_or_recent = {c.subject for c in closures if not c.closed_by(cutoff)}
    return {c.subject for c in closures if c.subject not in open_or_recent}
