"""Which facts a report reads, and the refusal when a report would read too many."""

from dataclasses import dataclass, replace
from datetime import datetime


@dataclass(frozen=True)
class FactFilter:
    """Which facts a report reads; `None` means any. Time bounds are on receipt: [received_from, received_before),
    and on routing's assessment: [routed_from, routed_before)."""

    received_from: datetime | None = None
    received_before: datetime | None = None
    product: str | None = None
    channel: str | None = None
    jurisdiction: str | None = None
    category: str | None = None
    priority: str | None = None
    regime: str | None = None
    department: str | None = None
    routed_from: datetime | None = None
    routed_before: datetime | None = None

    def received_by(self, moment: datetime) -> "FactFilter":
        """The same selection narrowed to complaints received before `moment` (nothing later can be open then)."""
        return replace(self, received_before=min(filter(None, (self.received_before, moment))))


class TooManyFacts(Exception):
    """A report would load more facts than the service allows in memory."""
