"""Outcome KPIs over complaint facts: reopen and upheld rates, satisfaction, redress, root-cause Pareto.

"Upheld" counts partially upheld complaints too, as the FCA complaints return does (a complaint is upheld when
the outcome is wholly or partly in the complainant's favour).
"""

from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

from complaint_contracts.types import Decision, Outcome
from pydantic import BaseModel

from .facts import ComplaintFact

UPHELD_OUTCOMES = frozenset({Outcome.UPHELD, Outcome.PARTIALLY_UPHELD})


class Rate(BaseModel):
    numerator: int
    denominator: int
    percent: float | None


class SatisfactionSummary(BaseModel):
    responses: int
    eligible: int
    response_rate: Rate
    average: float | None
    distribution: dict[int, int]


class RedressTotal(BaseModel):
    currency: str
    offered: Decimal
    accepted: Decimal
    paid: Decimal


class ParetoRow(BaseModel):
    root_cause: str
    count: int
    percent: float
    cumulative_percent: float


def rate(numerator: int, denominator: int) -> Rate:
    """Build a rate, with no percentage when there is nothing to divide by."""
    return Rate(numerator=numerator, denominator=denominator,
                percent=100.0 * numerator / denominator if denominator else None)


def reopen_rate(*, facts: Iterable[ComplaintFact]) -> Rate:
    """Share of complaints that ever ended (resolved, withdrawn, closed) and were reopened at least once."""
    ended = [fact for fact in facts if any(mark.kind != "reopened" for mark in fact.lifecycle.values())]
    return rate(sum(fact.reopen_count > 0 for fact in ended), len(ended))


def upheld_rate(*, facts: Iterable[ComplaintFact]) -> Rate:
    """Share of complaints with an outcome whose outcome is upheld or partially upheld."""
    outcomes = [fact.outcome for fact in facts if fact.outcome is not None]
    return rate(sum(outcome in UPHELD_OUTCOMES for outcome in outcomes), len(outcomes))


def satisfaction(*, facts: Iterable[ComplaintFact]) -> SatisfactionSummary:
    """Average, 1–5 distribution and response rate of satisfaction among complaints ever resolved."""
    eligible = [fact for fact in facts if fact.ever_resolved]
    scores = [fact.satisfaction for fact in eligible if fact.satisfaction is not None]
    counts = Counter(scores)
    return SatisfactionSummary(
        responses=len(scores), eligible=len(eligible), response_rate=rate(len(scores), len(eligible)),
        average=sum(scores) / len(scores) if scores else None,
        distribution={score: counts[score] for score in range(1, 6)})


def _latest_offer_id(fact: ComplaintFact) -> str | None:
    if not fact.offers:
        return None
    return max(fact.offers, key=lambda key: (fact.offers[key].at, key))


def redress_totals(*, facts: Iterable[ComplaintFact]) -> list[RedressTotal]:
    """Money offered (latest proposal), accepted (proposals the customer accepted) and paid, per currency."""
    offered: Counter[str] = Counter()
    accepted: Counter[str] = Counter()
    paid: Counter[str] = Counter()
    for fact in facts:
        latest = _latest_offer_id(fact)
        for proposal_id, offer in fact.offers.items():
            decision = fact.decisions.get(proposal_id)
            for line in offer.lines:
                if proposal_id == latest:
                    offered[line.currency] += line.amount
                if decision is not None and decision.decision is Decision.ACCEPTED:
                    accepted[line.currency] += line.amount
        for payment in fact.payments.values():
            paid[payment.currency] += payment.amount
    currencies = sorted(set(offered) | set(accepted) | set(paid))
    return [RedressTotal(currency=c, offered=Decimal(offered[c]), accepted=Decimal(accepted[c]),
                         paid=Decimal(paid[c])) for c in currencies]


def root_cause_pareto(*, facts: Iterable[ComplaintFact]) -> list[ParetoRow]:
    """Root causes by count, most frequent first, with each one's share and the running share."""
    counts = Counter(fact.root_cause.value for fact in facts if fact.root_cause is not None)
    total = sum(counts.values())
    rows, running = [], 0
    for cause, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        running += count
        rows.append(ParetoRow(root_cause=cause, count=count, percent=100.0 * count / total,
                              cumulative_percent=100.0 * running / total))
    return rows


class Outcomes(BaseModel):
    reopen_rate: Rate
    upheld_rate: Rate
    satisfaction: SatisfactionSummary
    redress: list[RedressTotal]


def outcome_summary(*, facts: Iterable[ComplaintFact]) -> Outcomes:
    """Reopen and upheld rates, satisfaction and redress totals of some complaints."""
    facts = list(facts)
    return Outcomes(reopen_rate=reopen_rate(facts=facts), upheld_rate=upheld_rate(facts=facts),
                    satisfaction=satisfaction(facts=facts), redress=redress_totals(facts=facts))
