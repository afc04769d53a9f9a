"""What the rules look at: the complaint as filed, plus what the assessment has decided so far."""

from dataclasses import dataclass, field

from complaint_contracts.intake import ComplaintReceived
from complaint_contracts.types import Category, Channel, ComplaintKind, Language, Money, Priority, Regime

from .text_matching import normalise_text


@dataclass(frozen=True)
class ComplaintFacts:
    """Facts of one complaint; assessment fields stay None until their stage has run."""

    text: str
    channel: Channel
    language: Language
    jurisdiction: str
    product: str | None = None
    tier: str | None = None
    amount: Money | None = None
    vulnerable: bool = False
    about_team: str | None = None
    about_employee: str | None = None
    flags: frozenset[str] = field(default_factory=frozenset)
    kind: ComplaintKind | None = None
    category: Category | None = None
    regime: Regime | None = None
    priority: Priority | None = None


def facts_from_received(*, event: ComplaintReceived) -> ComplaintFacts:
    """Take the facts the rules need from a received complaint."""
    return ComplaintFacts(
        text=normalise_text(f"{event.title}\n{event.description}"),
        channel=event.channel,
        language=event.language,
        jurisdiction=event.jurisdiction,
        product=event.product,
        tier=event.customer_tier,
        amount=event.amount_claimed,
        vulnerable=event.customer.vulnerable,
        about_team=event.about_team,
        about_employee=event.about_employee,
    )
