"""Which facts a report reads, and the refusal when a report would read too many."""

from dataclasses import dataclass, replace
from datetime import datetime

from complaints_calendar import lies_within


@dataclass(frozen=True)
class FactFilter:
    """Which facts a report reads; `None` means any. Time bounds are on receipt: [received_from, received_before),
    and on routing's assessment: [routed_from, routed_before)."""

    received_from: datetime | None = None
    received_before: datetime | None = None
    product: str | None = None
    channel: str | None = None
    jurisdiction: str | None = None
    """A country (ISO 3166-1) or a subdivision (ISO 3166-2): it and every subdivision that lies in it."""
    category: str | None = None
    priority: str | None = None
    regime: str | None = None
    department: str | None = None
    routed_from: datetime | None = None
    routed_before: datetime | None = None

    def received_by(self, moment: datetime) -> "FactFilter":
        """The same selection narrowed to complaints received before `moment` (nothing later can be open then)."""
        return replace(self, received_before=min(filter(None, (self.received_before, moment))))


def in_jurisdiction(jurisdiction: str | None, selected: str) -> bool:
    """Whether a complaint's jurisdiction is the one selected or lies in it (ISO 3166 lineage): GB selects GB,
    GB-ENG, GB-SCT, GB-EDH…; GB-SCT selects GB-SCT and GB-EDH, not GB-ENG."""
    return jurisdiction is not None and lies_within(jurisdiction, selected)


class TooManyFacts(Exception):
    """A report would load more facts than the service allows in memory."""
