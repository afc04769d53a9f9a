"""ISO 10002 initial assessment: kind, category, severity × impact → priority, and regulatory regime."""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from complaint_contracts.types import Category, ComplaintKind, Priority, Regime

from .conditions import explain_match
from .facts import ComplaintFacts
from .rule_set import RuleSet
from .rules import Level, Rule

RuleT = TypeVar("RuleT", bound=Rule)
PRIORITY_ORDER = list(Priority)


@dataclass(frozen=True)
class Assessment:
    """The assessed complaint and every rule that shaped it, in words."""

    facts: ComplaintFacts
    kind: ComplaintKind
    category: Category
    severity: Level
    impact: Level
    priority: Priority
    regime: Regime
    trace: tuple[str, ...]


def _line(rule: Rule, reasons: list[str], outcome: str) -> str:
    because = f" ({'; '.join(reasons)})" if reasons else ""
    return f"{rule.id}: {rule.because}{because} → {outcome}"


def matching(*, rules: Sequence[RuleT], facts: ComplaintFacts, rule_set: RuleSet) -> list[tuple[RuleT, list[str]]]:
    """Every rule whose condition holds, with its reasons, in file order."""
    found = []
    for rule in rules:
        reasons = explain_match(condition=rule.when, facts=facts, lexicon=rule_set.compiled_lexicon)
        if reasons is not None:
            found.append((rule, reasons))
    return found


def _first(rules: Sequence[RuleT], facts: ComplaintFacts, rule_set: RuleSet) -> tuple[RuleT, list[str]] | None:
    return next(iter(matching(rules=rules, facts=facts, rule_set=rule_set)), None)


def _raise(priority: Priority, steps: int) -> Priority:
    return PRIORITY_ORDER[min(PRIORITY_ORDER.index(priority) + steps, len(PRIORITY_ORDER) - 1)]


def _priority(*, facts: ComplaintFacts, rule_set: RuleSet, severity: Level, impact: Level,
              trace: list[str]) -> Priority:
    priority = rule_set.priority_matrix[severity][impact]
    trace.append(f"priority-matrix: severity {severity} × impact {impact} → {priority}")
    fired = matching(rules=rule_set.priority_rules, facts=facts, rule_set=rule_set)
    raisers = [(rule, reasons) for rule, reasons in fired if rule.raise_by]
    if raisers:
        # Several reasons to hurry are still one raise: the biggest step wins, steps do not add up.
        steps = max(rule.raise_by for rule, _ in raisers)
        priority = _raise(priority, steps)
        trace.extend(_line(rule, reasons, f"raised by {rule.raise_by} (to {priority})") for rule, reasons in raisers)
    for rule, reasons in fired:
        if rule.at_least is not None:
            floor = rule.at_least
            if PRIORITY_ORDER.index(floor) > PRIORITY_ORDER.index(priority):
                priority = floor
            trace.append(_line(rule, reasons, f"at least {floor} (now {priority})"))
    return priority


def assess(*, facts: ComplaintFacts, rule_set: RuleSet) -> Assessment:
    """Classify, grade and place a complaint under a regime using the rules; every step traced."""
    trace: list[str] = []
    flags = matching(rules=rule_set.flag_rules, facts=facts, rule_set=rule_set)
    trace.extend(_line(rule, reasons, f"flag {rule.flag}") for rule, reasons in flags)
    facts = replace(facts, flags=frozenset(rule.flag for rule, _ in flags))

    kind_rule = _first(rule_set.kind_rules, facts, rule_set)
    kind = kind_rule[0].kind if kind_rule else ComplaintKind.COMPLAINT
    trace.append(_line(*kind_rule, f"kind {kind}") if kind_rule
                 else f"kind-default: no kind rule applied, so it is treated as a {kind} (the safer reading)")
    facts = replace(facts, kind=kind)

    category_rule = _first(rule_set.category_rules, facts, rule_set)
    category = category_rule[0].category if category_rule else Category.OTHER
    baseline = (category_rule[0].severity if category_rule else None) or Level.LOW
    trace.append(_line(*category_rule, f"category {category}, baseline severity {baseline}") if category_rule
                 else f"category-default: no category rule applied → {category}, baseline severity {baseline}")
    facts = replace(facts, category=category)

    severities = matching(rules=rule_set.severity_rules, facts=facts, rule_set=rule_set)
    severity = max([baseline, *(rule.severity for rule, _ in severities)], key=lambda level: level.rank)
    trace.extend(_line(rule, reasons, f"severity {rule.severity}") for rule, reasons in severities)
    impacts = matching(rules=rule_set.impact_rules, facts=facts, rule_set=rule_set)
    impact = max([Level.LOW, *(rule.impact for rule, _ in impacts)], key=lambda level: level.rank)
    trace.extend(_line(rule, reasons, f"impact {rule.impact}") for rule, reasons in impacts)

    priority = _priority(facts=facts, rule_set=rule_set, severity=severity, impact=impact, trace=trace)

    regime_rule = _first(rule_set.regime_rules, facts, rule_set)
    if kind is ComplaintKind.ENQUIRY:
        regime = Regime.NONE
        trace.append("regime-enquiry: an enquiry is handled outside the complaint clocks → regime none")
    else:
        regime = regime_rule[0].regime if regime_rule else Regime.NONE
        trace.append(_line(*regime_rule, f"regime {regime}") if regime_rule
                     else "regime-default: no regulatory regime applies → regime none")
    facts = replace(facts, regime=regime, priority=priority)
    return Assessment(facts=facts, kind=kind, category=category, severity=severity, impact=impact,
                      priority=priority, regime=regime, trace=tuple(trace))


def choose_department(*, assessment: Assessment, rule_set: RuleSet) -> tuple[str, str]:
    """The department that owns the complaint, with the reason in words."""
    fired = _first(rule_set.department_rules, assessment.facts, rule_set)
    if fired is None:
        department = rule_set.default_department
        return department, f"department-default: no department rule applied → {department}"
    rule, reasons = fired
    return rule.department, _line(rule, reasons, f"department {rule.department}")
