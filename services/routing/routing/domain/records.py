"""What routing keeps about each complaint: the latest decision, the facts re-routing needs, escalations applied.

The complaint's text and the customer's contact details are not kept (personal data routing does not need after
the first decision); duplicates are found through keyed hashes instead (see duplicates.py).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from complaint_contracts.base import Event
from complaint_contracts.intake import EscalationRequested
from complaint_contracts.resolution import CaseEscalated
from complaint_contracts.types import Category, ComplaintKind, Priority, Regime

from .facts import ComplaintFacts


@dataclass(frozen=True)
class SeenEscalation:
    """An escalation that moved the complaint: its event id, and the id of the event that caused it (if any)."""

    event_id: str
    cause: str | None


@dataclass(frozen=True)
class DecisionRecord:
    """The latest decision about a complaint as kept; `version` counts its changes (first decision: 1)."""

    complaint_id: str
    version: int
    status: str
    """routed, or failed when no decision could be made."""
    received_event: str
    """Dedupe key of the `ComplaintReceived` decided on."""
    received_at: datetime
    decided_at: datetime
    rules_version: str
    """Rules version of the latest decision."""
    teams_version: str
    facts: ComplaintFacts
    """What re-routing needs: who it is about, language, country, product and flags — never the text."""
    rules_fired: tuple[str, ...]
    """Rules of the first decision, in words."""
    department: str | None = None
    team: str | None = None
    assignee: str | None = None
    tier: int | None = None
    kind: ComplaintKind | None = None
    category: Category | None = None
    priority: Priority | None = None
    regime: Regime | None = None
    model_version: str | None = None
    """Version of the triage model beside the rules in the first decision (None: rules alone)."""
    needs_human_check: bool = False
    cause: str | None = None
    """Why a first decision failed, as a metrics label."""
    reason: str | None = None
    """Why a first decision failed, in words."""
    rerouted_at: datetime | None = None
    escalations: tuple[SeenEscalation, ...] = ()
    applied: tuple[str, ...] = ()
    """Dedupe keys of the escalation events applied, in order."""

    @property
    def flags(self) -> list[str]:
        return sorted(self.facts.flags)

    @property
    def current_tier(self) -> int:
        """The tier it is handled at (a failed routing counts as first tier)."""
        return self.tier if self.tier is not None else 1

    def has_seen(self, event: CaseEscalated | EscalationRequested) -> bool:
        """Whether this escalation was applied, or already moved the complaint under another event.

        Resolution answers a customer's request with a `CaseEscalated` caused by it, and the two arrive on
        different topics in either order: whichever comes second must not move the complaint a second tier.
        """
        if event.dedupe_key in self.applied:
            return True
        if isinstance(event, CaseEscalated):
            return event.tier <= self.current_tier or event.causation_id in {e.event_id for e in self.escalations}
        return str(event.id) in {e.cause for e in self.escalations}


def kept_facts(facts: ComplaintFacts) -> ComplaintFacts:
    """Only the facts re-routing needs: no text, no amount, nothing assessed but the flags."""
    return ComplaintFacts(text="", channel=facts.channel, language=facts.language, jurisdiction=facts.jurisdiction,
                          product=facts.product, tier=facts.tier, vulnerable=facts.vulnerable,
                          about_team=facts.about_team, about_employee=facts.about_employee, flags=facts.flags)


@dataclass(frozen=True)
class NewDecision:
    """A first decision about a complaint and the events it publishes."""

    record: DecisionRecord
    events: Sequence[Event]


@dataclass(frozen=True)
class DecisionChange:
    """A re-routing caused by `cause`: the record after it, written only over the version before it."""

    cause: Event
    record: DecisionRecord
    events: Sequence[Event]
    failure: str | None = None
    """Why no one impartial could take it (the record then changes only its version and applied events)."""

    @property
    def expected_version(self) -> int:
        return self.record.version - 1
