"""What the rules look at: the complaint as filed, plus what the assessment has decided so far."""

from dataclasses import dataclass, field

from complaint_contracts.intake import ComplaintReceived
from complaint_contracts.types import Category, Channel, ComplaintKind, Language, Money, Priority, Regime

from .language import TextAnalysis, analyse

NO_TEXT = TextAnalysis(text="", tokens=(), language=None)


def country_of(jurisdiction: str) -> str:
    """The ISO 3166-1 country of an ISO 3166-1 or 3166-2 code (GB-SCT → GB)."""
    return jurisdiction.split("-", 1)[0].upper()


@dataclass(frozen=True)
class ComplaintFacts:
    """Facts of one complaint; assessment fields stay None until their stage has run."""

    text: str
    channel: Channel
    language: Language
    jurisdiction: str
    """ISO 3166-1 country or ISO 3166-2 subdivision, as filed (GB-ENG stays GB-ENG)."""
    product: str | None = None
    tier: str | None = None
    amount: Money | None = None
    vulnerable: bool = False
    about_team: str | None = None
    about_employee: str | None = None
    analysis: TextAnalysis = NO_TEXT
    """The text read once (words, lemmas, negations, its language); empty in kept facts."""
    sector: str | None = None
    flags: frozenset[str] = field(default_factory=frozenset)
    kind: ComplaintKind | None = None
    category: Category | None = None
    regime: Regime | None = None
    priority: Priority | None = None

    @property
    def country(self) -> str:
        return country_of(self.jurisdiction)


def facts_from_received(*, event: ComplaintReceived) -> ComplaintFacts:
    """Take the facts the rules need from a received complaint."""
    analysis = analyse(f"{event.title}\n{event.description}", declared=event.language)
    return ComplaintFacts(
        text=analysis.text,
        channel=event.channel,
        language=event.language,
        jurisdiction=event.jurisdiction,
        product=event.product,
        tier=event.customer_tier,
        amount=event.amount_claimed,
        vulnerable=event.customer.vulnerable,
        about_team=event.about_team,
        about_employee=event.about_employee,
        analysis=analysis,
    )
