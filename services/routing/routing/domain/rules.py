"""The shape of the routing rules file: every rule says when it applies, what it decides and why, in words."""

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from complaint_contracts.types import Category, Channel, ComplaintKind, Language, Priority, Regime
from pydantic import BaseModel, ConfigDict, Field, model_validator

Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{1,63}$")]
Jurisdiction = Annotated[str, Field(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")]
"""ISO 3166-1 country (GB) or ISO 3166-2 subdivision (GB-SCT); a country matches its subdivisions too."""


class Level(StrEnum):
    """Severity and impact grades of the priority matrix."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return list(Level).index(self)


class StrictModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Condition(StrictModel):
    """All listed constraints must hold; a list left empty does not constrain."""

    mentions_any: list[Identifier] = Field(default_factory=list, description="Lexicon lists, any phrase found")
    mentions_none: list[Identifier] = Field(default_factory=list, description="Lexicon lists, no phrase found")
    mentions_all: list[Identifier] = Field(
        default_factory=list,
        description="Lexicon lists, a phrase found from each (circumstances that matter only together: a baby and a "
                    "home without heating)")
    channels: list[Channel] = Field(default_factory=list)
    products: list[str] = Field(default_factory=list, description="Product names or glob patterns")
    languages: list[Language] = Field(default_factory=list)
    jurisdictions: list[Jurisdiction] = Field(default_factory=list,
                                              description="Countries or subdivisions, each with what lies in it "
                                                          "(ISO 3166-2: GB-SCT takes GB-EDH)")
    sectors: list[Identifier] = Field(default_factory=list, description="Product sectors (see `sectors`)")
    tiers: list[str] = Field(default_factory=list, description="Customer tiers")
    amount_at_least: dict[Annotated[str, Field(pattern=r"^[A-Z]{3}$")], Decimal] = Field(
        default_factory=dict, description="Threshold per currency for the amount claimed")
    amount_in_text_at_least: dict[Annotated[str, Field(pattern=r"^[A-Z]{3}$")], Decimal] = Field(
        default_factory=dict, description="Threshold per currency for a sum the text names with its currency "
                                          "(\"£86,000\", \"500 тысяч рублей\")")
    vulnerable: bool | None = None
    asks_question: bool | None = Field(
        default=None, description="The text asks something: it has a question mark (\"Вы доставляете по субботам?\")")
    kinds: list[ComplaintKind] = Field(default_factory=list)
    categories: list[Category] = Field(default_factory=list)
    flags_any: list[Identifier] = Field(default_factory=list)
    regimes: list[Regime] = Field(default_factory=list)
    priorities: list[Priority] = Field(default_factory=list)

    def reads_text(self) -> bool:
        """Whether the condition asks for phrases to be found in the text (not only their absence)."""
        return bool(self.mentions_any or self.mentions_all)

    def assessed_fields(self) -> set[str]:
        """Constraints on results of the assessment itself (allowed only once those are known)."""
        derived = ("kinds", "categories", "flags_any", "regimes", "priorities")
        return {name for name in derived if getattr(self, name)}


class Rule(StrictModel):
    id: Identifier
    because: str = Field(min_length=3, description="Why the rule exists, in words; quoted in every decision")
    when: Condition = Field(default_factory=Condition)


class FlagRule(Rule):
    flag: Identifier


class KindRule(Rule):
    kind: ComplaintKind
    final: bool = Field(default=False, description="The rule has the last word: the model may not change the kind")


class CategoryRule(Rule):
    category: Category
    severity: Level | None = Field(default=None, description="Baseline severity of the category")
    final: bool = Field(default=False, description="The rule has the last word: the model may not change the "
                                                   "category (what the customer stresses still may)")


class SeverityRule(Rule):
    severity: Level


class ImpactRule(Rule):
    impact: Level


class PriorityRule(Rule):
    at_least: Priority | None = Field(default=None, description="Floor for the priority")
    raise_by: int = Field(default=0, ge=0, le=3, description="Steps to raise the priority by")

    @model_validator(mode="after")
    def _does_something(self) -> "PriorityRule":
        if self.at_least is None and self.raise_by == 0:
            raise ValueError("a priority rule needs at_least or raise_by")
        return self


class RegimeRule(Rule):
    regime: Regime


class DepartmentRule(Rule):
    department: Identifier


class Target(StrictModel):
    """A service-level target in business time: hours or days, not both."""

    business_hours: float | None = Field(default=None, gt=0)
    business_days: int | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _exactly_one(self) -> "Target":
        if (self.business_hours is None) == (self.business_days is None):
            raise ValueError("give exactly one of business_hours or business_days")
        return self

    def describe(self) -> str:
        if self.business_hours is not None:
            return f"{self.business_hours:g} business hour{'' if self.business_hours == 1 else 's'}"
        return f"{self.business_days} business day{'' if self.business_days == 1 else 's'}"


class ServiceLevel(StrictModel):
    acknowledge: Target
    first_response: Target
    resolve: Target


class Sector(StrictModel):
    """A family of products that regulators treat alike, known by product code, product name or the text."""

    products: list[str] = Field(default_factory=list, description="Product codes or glob patterns")
    mentions: list[Identifier] = Field(default_factory=list,
                                       description="Lexicon lists naming the product, in the product field or text")
    unless_text_names: list[Identifier] = Field(
        default_factory=list,
        description="Lexicon lists that, named in the text, keep the text from deciding this sector: a gym's "
                    "direct debit or a phone contract paid by card is a complaint about the gym or the phone "
                    "company, not about a payment service")
    told_beside_unknown_products: bool = Field(
        default=False,
        description="Whether the text decides this sector when a product was given but its code and name belong "
                    "to no sector (a brand and model such as 'CardioCheck BP-200'): only for products a text does "
                    "not mention in passing")


TriageField = Literal["kind", "category", "priority", "department"]
"""The fields the triage model answers (and the policy may let it overrule)."""


class TriagePolicy(StrictModel):
    """How far the trained model is trusted beside the rules (the hard rules always keep the last word)."""

    confidence: float = Field(default=0.55, gt=0, le=1,
                              description="Below this the model's answer is not used and a person checks the case")
    overrule: dict[TriageField, Annotated[float, Field(gt=0, le=1)]] = Field(
        default_factory=dict,
        description="Per field, the confidence from which the model's answer overrules what the rules decided, when "
                    "lower than `confidence` (the case is still flagged for a person to check): where the model is "
                    "right more often than the rules it disagrees with, as measured on the held-out split")
    safety_probability: float = Field(
        default=0.2, gt=0, le=1,
        description="A model probability of safety (or critical) at or above this counts as a safety cue when the "
                    "text describes harm or a risk of it (`risk_words`), or one of its sentences that does, read "
                    "alone: recall comes first")
    safety_probability_alone: float = Field(
        default=0.5, gt=0, le=1,
        description="At or above this the model's safety cue counts on its own: naming a child, a heater or a "
                    "battery is no hazard (a child's torch that does not light up is a product fault)")
    risk_words: dict[Language, list[str]] = Field(
        default_factory=dict,
        description="Phrases that describe harm or a risk of it (burned, choked, fell, nearly), per language; a "
                    "negated one (\"nobody was hurt\") does not count. The guard reads them, the model does not: "
                    "learnt as a safety feature, they would make it deaf to hazards told in other words")
    model_departments: list[Identifier] | dict[ComplaintKind, list[Identifier]] = Field(
        default_factory=list,
        description="Departments the model may send a text to when no department rule placed it (e.g. legal for an "
                    "indirect threat the phrase lists missed); the others follow from rules only. A mapping names "
                    "them per kind of text: a department that owns only enquiries (feedback) never gets a complaint")

    def model_departments_for(self, kind: ComplaintKind) -> list[str]:
        """The departments the model may choose for a text of this kind."""
        if isinstance(self.model_departments, dict):
            return self.model_departments.get(kind, [])
        return self.model_departments


class DuplicatePolicy(StrictModel):
    window_days: int = Field(default=30, gt=0, description="How far back earlier complaints are compared")
    similarity: float = Field(default=0.8, gt=0, le=1, description="Text similarity that flags a duplicate")
