"""The whole rules file, checked as a unit when it is loaded: a bad file never reaches a decision."""

import hashlib
import json
from functools import cached_property

from complaint_contracts.types import Language, Priority
from pydantic import Field, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from .language import TextAnalysis
from .rules import (
    CategoryRule,
    DepartmentRule,
    DuplicatePolicy,
    FlagRule,
    Identifier,
    ImpactRule,
    KindRule,
    Level,
    PriorityRule,
    RegimeRule,
    Rule,
    Sector,
    ServiceLevel,
    SeverityRule,
    StrictModel,
    TriagePolicy,
)
from .text_matching import Lexicon

RISK_WORDS = "risk_words"

# What each stage may test: assessment results become usable once the stage that decides them has run.
ASSESSED_FIELDS_ALLOWED = {
    "flag_rules": set(),
    "kind_rules": {"flags_any"},
    "category_rules": {"flags_any", "kinds"},
    "severity_rules": {"flags_any", "kinds", "categories"},
    "impact_rules": {"flags_any", "kinds", "categories"},
    "priority_rules": {"flags_any", "kinds", "categories"},
    "regime_rules": {"flags_any", "kinds", "categories"},
    "department_rules": {"flags_any", "kinds", "categories", "regimes", "priorities"},
}


def _located_errors(title: str, problems: list[tuple[tuple[int | str, ...], str]],
                    rules: list[Rule]) -> ValidationError:
    """Errors that point at the offending rule, so the file's line numbers lead to it."""
    return ValidationError.from_exception_data(title, [
        {"type": PydanticCustomError("rule_reference", "{problem}", {"problem": problem}), "loc": location,
         "input": rules[int(location[0])].id}
        for location, problem in problems
    ])


class RuleSet(StrictModel):
    """A versioned set of assessment and routing rules."""

    version: str = Field(min_length=1, description="Version quoted in every decision", examples=["2026.05.1"])
    lexicon: dict[Identifier, dict[Language, list[str]]] = Field(description="Named phrase lists per language")
    negatable: list[Identifier] = Field(
        default_factory=list, description="Lexicon lists whose phrases do not count when negated (\"not dangerous\")")
    figures_of_speech: dict[Language, list[str]] = Field(
        default_factory=dict,
        description="Phrases in which a hazard word means something else (\"burning through my data\", \"загорелся "
                    "чек\"): the words they cover do not count in a negatable list, as if negated")
    sectors: dict[Identifier, Sector] = Field(
        default_factory=dict, description="Product sectors, tried in order: product code, product name, then text")
    triage: TriagePolicy = Field(default_factory=TriagePolicy, description="How far the trained model is trusted")
    flag_rules: list[FlagRule] = Field(default_factory=list, description="All that apply raise their flag")
    kind_rules: list[KindRule] = Field(default_factory=list, description="First that applies decides")
    category_rules: list[CategoryRule] = Field(default_factory=list, description="First that applies decides")
    default_severity: Level = Field(default=Level.LOW,
                                    description="Baseline severity of a complaint no category rule gives one")
    severity_rules: list[SeverityRule] = Field(default_factory=list, description="Highest that applies wins")
    impact_rules: list[ImpactRule] = Field(default_factory=list, description="Highest that applies wins")
    priority_matrix: dict[Level, dict[Level, Priority]] = Field(description="severity → impact → priority")
    priority_rules: list[PriorityRule] = Field(default_factory=list, description="Raises, then floors")
    regime_rules: list[RegimeRule] = Field(default_factory=list, description="First that applies decides")
    department_rules: list[DepartmentRule] = Field(default_factory=list, description="First that applies decides")
    default_department: Identifier
    service_levels: dict[Priority, ServiceLevel]
    duplicates: DuplicatePolicy = Field(default_factory=DuplicatePolicy)

    @field_validator("lexicon")
    @classmethod
    def _phrases_present(cls, value: dict[str, dict[Language, list[str]]]) -> dict[str, dict[Language, list[str]]]:
        for name, by_language in value.items():
            if not any(phrase.strip(" *") for phrases in by_language.values() for phrase in phrases):
                raise ValueError(f"lexicon list {name!r} has no phrases")
        return value

    @field_validator("negatable")
    @classmethod
    def _negatable_lists_exist(cls, value: list[str], info: ValidationInfo) -> list[str]:
        unknown = [name for name in value if name not in info.data.get("lexicon", {})]
        if unknown:
            raise ValueError(f"negatable names unknown lexicon lists: {', '.join(unknown)}")
        return value

    @field_validator("sectors")
    @classmethod
    def _sector_lists_exist(cls, value: dict[str, Sector], info: ValidationInfo) -> dict[str, Sector]:
        lexicon = info.data.get("lexicon", {})
        unknown = sorted({name for sector in value.values() for name in [*sector.mentions, *sector.unless_text_names]
                          if name not in lexicon})
        if unknown:
            raise ValueError(f"sectors mention unknown lexicon lists: {', '.join(unknown)}")
        return value

    @field_validator(*ASSESSED_FIELDS_ALLOWED)
    @classmethod
    def _rules_refer_to_known_things(cls, rules: list[Rule], info: ValidationInfo) -> list[Rule]:
        section = str(info.field_name)
        lexicon = info.data.get("lexicon", {})
        raised = rules if section == "flag_rules" else info.data.get("flag_rules", [])
        flags = {rule.flag for rule in raised if isinstance(rule, FlagRule)}
        problems: list[tuple[tuple[int | str, ...], str]] = []
        seen = {rule.id for name in ASSESSED_FIELDS_ALLOWED if name != section for rule in info.data.get(name, [])}
        for index, rule in enumerate(rules):
            if rule.id in seen:
                problems.append(((index, "id"), f"rule id {rule.id!r} is used twice"))
            seen.add(rule.id)
            unknown_lists = [name for name in rule.when.mentions_any + rule.when.mentions_none + rule.when.mentions_all
                             if name not in lexicon]
            if unknown_lists:
                problems.append(((index, "when"), f"rule {rule.id!r} mentions unknown lexicon lists: "
                                                  f"{', '.join(unknown_lists)}"))
            unknown_sectors = [name for name in rule.when.sectors if name not in info.data.get("sectors", {})]
            if unknown_sectors:
                problems.append(((index, "when", "sectors"),
                                 f"rule {rule.id!r} tests unknown sectors: {', '.join(unknown_sectors)}"))
            unknown_flags = [flag for flag in rule.when.flags_any if flag not in flags]
            if unknown_flags:
                problems.append(((index, "when", "flags_any"),
                                 f"rule {rule.id!r} tests flags no flag rule raises: {', '.join(unknown_flags)}"))
            too_early = rule.when.assessed_fields() - ASSESSED_FIELDS_ALLOWED[section]
            if too_early:
                problems.append(((index, "when"), f"rule {rule.id!r} tests {', '.join(sorted(too_early))}, "
                                                  f"not yet decided when {section} run"))
        if problems:
            raise _located_errors(section, problems, rules)
        return rules

    @field_validator("priority_matrix")
    @classmethod
    def _matrix_complete(cls, value: dict[Level, dict[Level, Priority]]) -> dict[Level, dict[Level, Priority]]:
        missing = [f"{severity}×{impact}" for severity in Level for impact in Level
                   if impact not in value.get(severity, {})]
        if missing:
            raise ValueError(f"priority matrix lacks severity×impact cells: {', '.join(missing)}")
        return value

    @field_validator("service_levels")
    @classmethod
    def _every_priority_has_a_level(cls, value: dict[Priority, ServiceLevel]) -> dict[Priority, ServiceLevel]:
        missing = [priority.value for priority in Priority if priority not in value]
        if missing:
            raise ValueError(f"service levels missing for priorities: {', '.join(missing)}")
        return value

    @cached_property
    def lexicon_digest(self) -> str:
        """A hash of the phrase lists, negation and figures of speech: a trained model reads them, so it names the one
        it learnt with."""
        text = json.dumps({"lexicon": self.lexicon, "negatable": self.negatable, "figures": self.figures_of_speech},
                          sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()

    @cached_property
    def compiled_lexicon(self) -> Lexicon:
        return Lexicon.compile(self.lexicon, negatable=self.negatable, figures=self.figures_of_speech)

    @cached_property
    def risk_lexicon(self) -> Lexicon:
        """The safety guard's phrases for harm described (kept apart: the model does not read them)."""
        return Lexicon.compile({RISK_WORDS: self.triage.risk_words}, negatable=[RISK_WORDS],
                               figures=self.figures_of_speech)

    def describes_risk(self, analysis: TextAnalysis) -> bool:
        """Whether the text describes harm or a risk of it in words the guard knows (negated mentions aside)."""
        return self.risk_lexicon.find(RISK_WORDS, analysis) is not None

    def departments(self) -> set[str]:
        """Every department a rule can send a complaint to."""
        return {self.default_department, *(rule.department for rule in self.department_rules)}
