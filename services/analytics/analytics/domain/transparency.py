"""Public transparency report (ISO 10002 visibility): aggregate figures a company can publish.

It holds no personal data and no identifiers, only counts and shares. Small numbers can still point at a
person, so figures are suppressed by these rules (`min_count`, default 10, is the threshold):
1. a count from 1 to `min_count - 1` is published as suppressed (zero is shown: it discloses nobody);
2. a share, average or median computed over fewer than `min_count` complaints is suppressed;
3. in a breakdown (by category, by channel), if exactly one cell is suppressed the smallest other non-zero
   cell is suppressed too, so the hidden one cannot be recovered by subtracting the others from the total.
Enquiries are left out; complaints not routed yet count under the category `unknown`.
"""

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta
from statistics import median

from complaint_contracts.types import ComplaintKind
from pydantic import BaseModel, ConfigDict

from .facts import ComplaintFact
from .kpis import UNKNOWN
from .outcome_kpis import UPHELD_OUTCOMES

DEFAULT_MIN_COUNT = 10


class Figure(BaseModel):
    """A published number, or `None` with `suppressed=True` when publishing it could identify someone."""

    model_config = ConfigDict(frozen=True)
    value: float | None
    suppressed: bool = False


class TransparencyReport(BaseModel):
    period_start: datetime
    period_end: datetime
    min_count: int
    received: Figure
    closed: Figure
    received_by_category: dict[str, Figure]
    received_by_channel: dict[str, Figure]
    closed_within_8_weeks_percent: Figure
    upheld_percent: Figure
    median_days_to_close: Figure
    average_satisfaction: Figure
    satisfaction_responses: Figure


def published_count(count: int, min_count: int) -> Figure:
    """Publish a count unless it is small but not zero."""
    return Figure(value=None, suppressed=True) if 0 < count < min_count else Figure(value=count)


def published_statistic(value: float | None, base: int, min_count: int) -> Figure:
    """Publish a statistic only when it was computed over at least `min_count` complaints."""
    if base < min_count or value is None:
        return Figure(value=None, suppressed=base > 0)
    return Figure(value=value)


def published_breakdown(counts: Counter[str], min_count: int) -> dict[str, Figure]:
    """Publish a breakdown with primary and secondary (complementary) suppression."""
    figures = {key: published_count(counts[key], min_count) for key in sorted(counts)}
    hidden = [key for key, figure in figures.items() if figure.suppressed]
    if len(hidden) == 1:
        shown = [key for key, figure in figures.items() if not figure.suppressed and counts[key] > 0]
        if shown:
            figures[min(shown, key=lambda key: (counts[key], key))] = Figure(value=None, suppressed=True)
    return figures


def _is_complaint(fact: ComplaintFact) -> bool:
    return fact.routing is None or fact.routing.kind == ComplaintKind.COMPLAINT


def transparency_report(*, facts: Iterable[ComplaintFact], period_start: datetime, period_end: datetime,
                        min_count: int = DEFAULT_MIN_COUNT) -> TransparencyReport:
    """Build the public report for complaints received or closed in [period_start, period_end)."""
    in_period = lambda at: at is not None and period_start <= at < period_end  # noqa: E731
    complaints = [fact for fact in facts if _is_complaint(fact) and fact.received_at is not None]
    received = [fact for fact in complaints if in_period(fact.received_at)]
    closed = [(fact, fact.ended_at(period_end)) for fact in complaints if in_period(fact.ended_at(period_end))]
    days_to_close = [(ended - fact.received_at) / timedelta(days=1) for fact, ended in closed]
    within_8_weeks = sum(days <= 56 for days in days_to_close)
    upheld = sum(fact.outcome in UPHELD_OUTCOMES for fact, _ in closed)
    scores = [fact.satisfaction for fact, _ in closed if fact.satisfaction is not None]
    share = lambda part, whole: 100.0 * part / whole if whole else None  # noqa: E731
    return TransparencyReport(
        period_start=period_start, period_end=period_end, min_count=min_count,
        received=published_count(len(received), min_count), closed=published_count(len(closed), min_count),
        received_by_category=published_breakdown(Counter(str(f.category or UNKNOWN) for f in received), min_count),
        received_by_channel=published_breakdown(Counter(str(f.channel or UNKNOWN) for f in received), min_count),
        closed_within_8_weeks_percent=published_statistic(share(within_8_weeks, len(closed)), len(closed), min_count),
        upheld_percent=published_statistic(share(upheld, len(closed)), len(closed), min_count),
        median_days_to_close=published_statistic(median(days_to_close) if days_to_close else None, len(closed),
                                                 min_count),
        average_satisfaction=published_statistic(sum(scores) / len(scores) if scores else None, len(scores),
                                                 min_count),
        satisfaction_responses=published_count(len(scores), min_count))
