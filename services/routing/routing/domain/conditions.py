"""Decide whether a rule's condition holds for a complaint, and say why in words."""

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from fnmatch import fnmatchcase

from complaint_contracts.types import Money
from complaints_calendar import lineage

from .amounts import amounts_in_text
from .facts import ComplaintFacts
from .rules import Condition
from .text_matching import Lexicon

Check = Callable[[Condition, ComplaintFacts, Lexicon], str | None]
"""Returns the reason in words when the constraint holds, "" when it does not constrain, None when it fails."""


def _one_of(name: str, allowed: list, value: object) -> str | None:
    if not allowed:
        return ""
    return f"{name} is {value}" if value in allowed else None


def _mentions_any(condition: Condition, facts: ComplaintFacts, lexicon: Lexicon) -> str | None:
    if not condition.mentions_any:
        return ""
    found = [(name, lexicon.find(name, facts.analysis)) for name in condition.mentions_any]
    hits = [f"{name} ('{phrase}')" for name, phrase in found if phrase is not None]
    return f"text mentions {', '.join(hits)}" if hits else None


def _mentions_none(condition: Condition, facts: ComplaintFacts, lexicon: Lexicon) -> str | None:
    if not condition.mentions_none:
        return ""
    if any(lexicon.find(name, facts.analysis) is not None for name in condition.mentions_none):
        return None
    return f"text mentions no {', '.join(condition.mentions_none)}"


def _mentions_all(condition: Condition, facts: ComplaintFacts, lexicon: Lexicon) -> str | None:
    if not condition.mentions_all:
        return ""
    found = [(name, lexicon.find(name, facts.analysis)) for name in condition.mentions_all]
    if any(phrase is None for _, phrase in found):
        return None
    return f"text mentions {' and '.join(f'{name} ({phrase!r})' for name, phrase in found)}"


def _product(condition: Condition, facts: ComplaintFacts, _: Lexicon) -> str | None:
    if not condition.products:
        return ""
    product = (facts.product or "").casefold()
    matched = any(fnmatchcase(product, pattern.casefold()) for pattern in condition.products)
    return f"product is {facts.product}" if facts.product and matched else None


def _jurisdiction(condition: Condition, facts: ComplaintFacts, _: Lexicon) -> str | None:
    if not condition.jurisdictions:
        return ""
    # A region in the rules covers what lies in it: GB applies to GB-SCT and GB-EDH, GB-SCT to GB-EDH, not GB-ENG.
    if any(code in condition.jurisdictions for code in lineage(facts.jurisdiction)):
        return f"jurisdiction is {facts.jurisdiction}"
    return None


def _reaching(sums: Iterable[Money], thresholds: Mapping[str, Decimal]) -> tuple[Money, Decimal] | None:
    """The first sum at or above the threshold for its currency, with that threshold."""
    for money in sums:
        threshold = thresholds.get(money.currency)
        if threshold is not None and money.amount >= threshold:
            return money, threshold
    return None


def _amount(condition: Condition, facts: ComplaintFacts, _: Lexicon) -> str | None:
    if not condition.amount_at_least:
        return ""
    reached = _reaching([facts.amount] if facts.amount else [], condition.amount_at_least)
    if reached is None:
        return None
    return f"amount claimed {reached[0].amount} {reached[0].currency} is at least {reached[1]}"


def _amount_in_text(condition: Condition, facts: ComplaintFacts, _: Lexicon) -> str | None:
    if not condition.amount_in_text_at_least:
        return ""
    reached = _reaching(amounts_in_text(facts.analysis.text, country=facts.country), condition.amount_in_text_at_least)
    if reached is None:
        return None
    return f"text names {reached[0].amount} {reached[0].currency}, at least {reached[1]}"


def _vulnerable(condition: Condition, facts: ComplaintFacts, _: Lexicon) -> str | None:
    if condition.vulnerable is None:
        return ""
    if condition.vulnerable != facts.vulnerable:
        return None
    return "customer is flagged vulnerable" if facts.vulnerable else "customer is not flagged vulnerable"


def _asks(condition: Condition, facts: ComplaintFacts, _: Lexicon) -> str | None:
    if condition.asks_question is None:
        return ""
    asks = facts.analysis.asks_question
    if asks != condition.asks_question:
        return None
    return "text asks a question" if asks else "text asks no question"


def _flags(condition: Condition, facts: ComplaintFacts, _: Lexicon) -> str | None:
    if not condition.flags_any:
        return ""
    raised = [flag for flag in condition.flags_any if flag in facts.flags]
    return f"flagged {', '.join(raised)}" if raised else None


CHECKS: list[Check] = [
    _mentions_any,
    _mentions_none,
    _mentions_all,
    lambda c, f, _: _one_of("channel", c.channels, f.channel),
    _product,
    lambda c, f, _: _one_of("language", c.languages, f.language),
    _jurisdiction,
    lambda c, f, _: _one_of("sector", c.sectors, f.sector),
    lambda c, f, _: _one_of("customer tier", c.tiers, f.tier),
    _amount,
    _amount_in_text,
    _vulnerable,
    _asks,
    lambda c, f, _: _one_of("kind", c.kinds, f.kind),
    lambda c, f, _: _one_of("category", c.categories, f.category),
    _flags,
    lambda c, f, _: _one_of("regime", c.regimes, f.regime),
    lambda c, f, _: _one_of("priority", c.priorities, f.priority),
]


def explain_match(*, condition: Condition, facts: ComplaintFacts, lexicon: Lexicon) -> list[str] | None:
    """The reasons a condition holds, in words, or None when it does not hold."""
    reasons = []
    for check in CHECKS:
        reason = check(condition, facts, lexicon)
        if reason is None:
            return None
        if reason:
            reasons.append(reason)
    return reasons
