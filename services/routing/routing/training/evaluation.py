"""Measure routing's whole triage — the rules with the model beside them — on held-out labelled examples.

What is measured is what a complaint gets: the decision `assess` and `choose_department` make, not the bare model.
"""

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from complaint_contracts.types import Category, Channel, Priority

from ..domain.assessment import assess, choose_department
from ..domain.facts import ComplaintFacts
from ..domain.language import analyse
from ..domain.passages import opinions_of
from ..domain.rule_set import RuleSet
from ..domain.triage import TriageModel
from .corpus import Example

PRIORITY_ORDER = list(Priority)
EXACT_FIELDS = ("kind", "category", "department", "regime")

TARGETS = {"kind": 0.95, "category": 0.85, "department": 0.85, "priority_at_or_above_floor": 0.90,
           "regime": 0.95, "critical_safety_recall": 1.0}
MAX_OVER_ESCALATION = 0.10
MAX_LANGUAGE_GAP = 0.05
"""The targets the issue sets; `failures` names every one the report misses."""


@dataclass(frozen=True)
class Decided:
    """What routing decided for one example, beside the officer's labels."""

    example: Example
    kind: str
    category: str
    priority: str
    department: str
    regime: str
    needs_human_check: bool

    def agrees(self, name: str) -> bool:
        return getattr(self, name) == self.example.label(name)

    @property
    def at_or_above_floor(self) -> bool:
        return PRIORITY_ORDER.index(Priority(self.priority)) >= PRIORITY_ORDER.index(self.example.priority)

    @property
    def over_escalated(self) -> bool:
        return PRIORITY_ORDER.index(Priority(self.priority)) > PRIORITY_ORDER.index(self.example.priority)


def decide_example(example: Example, *, rule_set: RuleSet, model: TriageModel | None) -> Decided:
    """Route one labelled example the way a received complaint is routed (web form, no contact flags)."""
    analysis = analyse(example.text, declared=example.language)
    facts = ComplaintFacts(text=analysis.text, channel=Channel.WEB, language=example.language,
                           jurisdiction=example.jurisdiction, product=example.product, analysis=analysis)
    opinion = opinions_of(model, [analysis], rule_set)[0] if model is not None else None
    assessment = assess(facts=facts, rule_set=rule_set, opinion=opinion)
    department, _ = choose_department(assessment=assessment, rule_set=rule_set)
    return Decided(example=example, kind=assessment.kind.value, category=assessment.category.value,
                   priority=assessment.priority.value, department=department, regime=assessment.regime.value,
                   needs_human_check=assessment.needs_human_check)


def _share(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 1.0


def _scores(decided: Sequence[Decided]) -> dict[str, float]:
    total = len(decided)
    scores = {name: _share(sum(d.agrees(name) for d in decided), total) for name in EXACT_FIELDS}
    scores["priority_exact"] = _share(sum(d.agrees("priority") for d in decided), total)
    scores["priority_at_or_above_floor"] = _share(sum(d.at_or_above_floor for d in decided), total)
    scores["over_escalation"] = _share(sum(d.over_escalated for d in decided), total)
    critical = [d for d in decided if d.example.priority is Priority.CRITICAL]
    scores["critical_safety_recall"] = _share(sum(d.priority == Priority.CRITICAL.value for d in critical),
                                              len(critical))
    scores["needs_human_check"] = _share(sum(d.needs_human_check for d in decided), total)
    return scores


@dataclass
class Report:
    """Accuracy per field overall and per language, the category confusion matrix, and routing's CPU cost."""

    examples: int
    overall: dict[str, float]
    by_language: dict[str, dict[str, float]]
    confusion: dict[str, dict[str, int]]
    cpu_ms_per_decision: float
    model_version: str | None
    rules_version: str
    counts: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def evaluate(examples: Sequence[Example], *, rule_set: RuleSet, model: TriageModel | None) -> Report:
    """Route every example and compare with its labels; CPU time is measured with time.process_time."""
    started = time.process_time()
    decided = [decide_example(example, rule_set=rule_set, model=model) for example in examples]
    cpu = time.process_time() - started
    return report_of(decided, cpu_seconds=cpu, model_version=model.version if model is not None else None,
                     rules_version=rule_set.version)


def report_of(decided: Sequence[Decided], *, cpu_seconds: float, model_version: str | None,
              rules_version: str) -> Report:
    """Accuracy per field and language and the category confusion matrix of decisions already made."""
    languages = sorted({d.example.language.value for d in decided})
    confusion: dict[str, dict[str, int]] = {
        truth.value: {guess.value: 0 for guess in Category} for truth in Category}
    for d in decided:
        confusion[d.example.category.value][d.category] += 1
    return Report(
        examples=len(decided), overall=_scores(decided),
        by_language={language: _scores([d for d in decided if d.example.language.value == language])
                     for language in languages},
        confusion=confusion, cpu_ms_per_decision=round(1000 * cpu_seconds / max(len(decided), 1), 2),
        model_version=model_version, rules_version=rules_version,
        counts=dict(Counter(d.example.language.value for d in decided)))


def failures(report: Report) -> list[str]:
    """Every target the report misses, in words (empty when all are met)."""
    missed = [f"{name} {report.overall[name]:.1%} < {target:.0%}" for name, target in TARGETS.items()
              if report.overall[name] < target]
    if report.overall["over_escalation"] > MAX_OVER_ESCALATION:
        missed.append(f"over_escalation {report.overall['over_escalation']:.1%} > {MAX_OVER_ESCALATION:.0%}")
    for name in [*EXACT_FIELDS, "priority_at_or_above_floor"]:
        scores = {language: values[name] for language, values in report.by_language.items()}
        if scores and max(scores.values()) - min(scores.values()) > MAX_LANGUAGE_GAP:
            missed.append(f"{name}: languages more than {MAX_LANGUAGE_GAP:.0%} apart {scores}")
    return missed
