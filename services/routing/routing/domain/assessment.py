"""ISO 10002 initial assessment: kind, category, severity × impact → priority, and regulatory regime."""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from complaint_contracts.types import Category, ComplaintKind, Priority, Regime

from .conditions import explain_match
from .emphasis import stressed_part
from .facts import ComplaintFacts
from .rule_set import RuleSet
from .rules import CategoryRule, Level, Rule
from .sectors import sector_of
from .triage import SAFETY_FLAG, ModelOpinion, ModelUse

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
    model: ModelUse | None = None
    """What the trained model said and decided; None when routing runs on the rules alone."""

    @property
    def needs_human_check(self) -> bool:
        """The model was unsure of a field the hard rules did not settle: a person should check the case."""
        return bool(self.model and self.model.doubts)


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
              trace: list[str], model: ModelUse | None) -> Priority:
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
    if model is not None and facts.kind is ComplaintKind.COMPLAINT:
        # The model may raise the priority (it hears urgency the phrase lists miss), never lower a rule's floor.
        suggested, line = model.take("priority", priority.value)
        if suggested is not None and PRIORITY_ORDER.index(Priority(suggested)) < PRIORITY_ORDER.index(priority):
            model.used.discard("priority")
            line = f"{model.describe('priority')} → lower than the rules' {priority}, which stands"
        elif suggested is not None:
            priority = Priority(suggested)
        trace.append(line)
    return priority


def _flags(facts: ComplaintFacts, rule_set: RuleSet, model: ModelUse | None,
           trace: list[str]) -> ComplaintFacts:
    flags = matching(rules=rule_set.flag_rules, facts=facts, rule_set=rule_set)
    trace.extend(_line(rule, reasons, f"flag {rule.flag}") for rule, reasons in flags)
    raised = {rule.flag for rule, _ in flags}
    if model is not None and SAFETY_FLAG not in raised:
        bar = model.safety_bar(risk_described=rule_set.describes_risk(facts.analysis))
        if model.sees_safety_risk(bar=bar):
            raised.add(SAFETY_FLAG)
            model.used.add(SAFETY_FLAG)
            trace.append(f"{model.describe('category')} → flag {SAFETY_FLAG}: the model sees a risk to safety "
                         f"(safety or critical at least {bar:.2f}; recall comes first)")
        elif model.sees_risk_in_passage():
            raised.add(SAFETY_FLAG)
            model.used.add(SAFETY_FLAG)
            trace.append(f"model {model.opinion.model_version}: a sentence that describes harm, read alone, is a "
                         f"risk to safety (safety or critical {model.opinion.passage_safety:.2f}, at least "
                         f"{model.policy.safety_probability:.2f}) → flag {SAFETY_FLAG}: a hazard told in "
                         f"passing still comes first")
    return replace(facts, flags=frozenset(raised))


def _kind(facts: ComplaintFacts, rule_set: RuleSet, model: ModelUse | None, trace: list[str]) -> ComplaintKind:
    kind_rule = _first(rule_set.kind_rules, facts, rule_set)
    kind = kind_rule[0].kind if kind_rule else ComplaintKind.COMPLAINT
    trace.append(_line(*kind_rule, f"kind {kind}") if kind_rule
                 else f"kind-default: no kind rule applied, so it is treated as a {kind} (the safer reading)")
    if SAFETY_FLAG in facts.flags or "health" in facts.flags:
        if kind is not ComplaintKind.COMPLAINT:
            trace.append("kind-safety: a risk to safety or health is always handled as a complaint")
        return ComplaintKind.COMPLAINT
    if kind_rule and kind_rule[0].final:
        trace.append(f"{kind_rule[0].id}: this rule has the last word on the kind; the model is not asked")
        return kind
    if model is not None:
        suggested, line = model.take("kind", kind.value)
        trace.append(line)
        kind = ComplaintKind(suggested) if suggested else kind
    return kind


def _category(facts: ComplaintFacts, rule_set: RuleSet, model: ModelUse | None,
              trace: list[str]) -> tuple[Category, Level]:
    category_rule = _first(rule_set.category_rules, facts, rule_set)
    safety = category_rule is not None and category_rule[0].category is Category.SAFETY  # safety always wins
    stressed = None if safety else _stressed_category(facts, rule_set)
    if stressed is not None and category_rule is not None and stressed[0] is category_rule[0]:
        stressed = None  # the stressed words say what the whole text says
    category_rule = stressed or category_rule
    category = category_rule[0].category if category_rule else Category.OTHER
    baseline = (category_rule[0].severity if category_rule else None) or rule_set.default_severity
    trace.append(_line(*category_rule, f"category {category}, baseline severity {baseline}") if category_rule
                 else f"category-default: no category rule applied → {category}, baseline severity {baseline}")
    if stressed is not None:
        trace.append("category-stressed: the customer says which topic matters most, so the model is not asked")
    elif category_rule is not None and category_rule[0].final:
        trace.append(f"{category_rule[0].id}: this rule has the last word on the category; the model is not asked")
    elif model is not None and category is not Category.SAFETY:  # safety always wins
        suggested, line = model.take("category", category.value, rules_decided=category_rule is not None)
        trace.append(line)
        if suggested == Category.SAFETY.value:
            # Only the safety guard makes a complaint a safety one (critical); it judged the model's safety
            # probability too low, so a guess of safety made for want of a rule would undo its judgement.
            suggested = _best_but_safety(model)
            trace.append(f"category-not-safety: the safety guard saw no risk to safety, so the model's next guess "
                         f"is taken → {suggested}")
        if suggested is not None:
            category = Category(suggested)
            rule = next((rule for rule in rule_set.category_rules if rule.category is category), None)
            baseline = (rule.severity if rule else None) or rule_set.default_severity
    if facts.kind is not ComplaintKind.COMPLAINT and baseline is not Level.LOW:
        trace.append(f"severity-enquiry: an enquiry about {category} carries no complaint severity → baseline low")
        baseline = Level.LOW
    return category, baseline


def _stressed_category(facts: ComplaintFacts, rule_set: RuleSet) -> tuple[CategoryRule, list[str]] | None:
    """The first category rule the words a customer stresses satisfy ("…, but the vase is chipped"): a text with two
    topics is filed under the one its writer puts the weight on. Only rules that read the text are asked."""
    stress = stressed_part(facts.analysis, rule_set.compiled_lexicon)
    if stress is None:
        return None
    reading = [rule for rule in rule_set.category_rules if rule.when.reads_text()]
    found = _first(reading, replace(facts, analysis=stress.analysis), rule_set)
    turned_from = _first(reading, replace(facts, analysis=stress.against), rule_set)
    if found is None or turned_from is None or turned_from[0] is found[0]:
        return None  # two topics compete only when the words turned from name another one
    rule, reasons = found
    return rule, [f"what the customer stresses after {stress.marker!r}: " + "; ".join(reasons)]


def _best_but_safety(model: ModelUse) -> str:
    probabilities = model.opinion["category"].probabilities
    return max((value for value in probabilities if value != Category.SAFETY.value), key=probabilities.__getitem__)


def assess(*, facts: ComplaintFacts, rule_set: RuleSet, opinion: ModelOpinion | None = None) -> Assessment:
    """Classify, grade and place a complaint under a regime by the rules and the model; every step traced."""
    trace: list[str] = []
    model = ModelUse(opinion=opinion, policy=rule_set.triage) if opinion is not None else None
    language = facts.analysis.language
    if language is not None and language is not facts.language:
        trace.append(f"language: the text is written in {language}; answers go in {facts.language} as asked")
    sector, sector_reason = sector_of(facts=facts, rule_set=rule_set)
    trace.append(sector_reason)
    facts = _flags(replace(facts, sector=sector), rule_set, model, trace)
    facts = replace(facts, kind=_kind(facts, rule_set, model, trace))
    category, baseline = _category(facts, rule_set, model, trace)
    facts = replace(facts, category=category)

    severities = matching(rules=rule_set.severity_rules, facts=facts, rule_set=rule_set)
    severity = max([baseline, *(rule.severity for rule, _ in severities)], key=lambda level: level.rank)
    trace.extend(_line(rule, reasons, f"severity {rule.severity}") for rule, reasons in severities)
    impacts = matching(rules=rule_set.impact_rules, facts=facts, rule_set=rule_set)
    impact = max([Level.LOW, *(rule.impact for rule, _ in impacts)], key=lambda level: level.rank)
    trace.extend(_line(rule, reasons, f"impact {rule.impact}") for rule, reasons in impacts)

    priority = _priority(facts=facts, rule_set=rule_set, severity=severity, impact=impact, trace=trace, model=model)

    kind = facts.kind or ComplaintKind.COMPLAINT
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
                      priority=priority, regime=regime, trace=tuple(trace), model=model)


def choose_department(*, assessment: Assessment, rule_set: RuleSet) -> tuple[str, str]:
    """The department that owns the complaint, with the reason in words: the first department rule that applies;
    when none does, the model's answer if it is one of the departments the policy lets it choose, else the default.
    """
    fired = _first(rule_set.department_rules, assessment.facts, rule_set)
    if fired is not None:
        rule, reasons = fired
        return rule.department, _line(rule, reasons, f"department {rule.department}")
    department = rule_set.default_department
    reason = f"department-default: no department rule applied → {department}"
    model = assessment.model
    allowed = rule_set.triage.model_departments_for(assessment.kind)
    if model is None or model.opinion["department"].value not in allowed:
        return department, reason
    suggested, line = model.take("department", department, rules_decided=False)
    return suggested or department, f"{reason}; {line}"
