"""The complaints return for a period and regime, e.g. FCA DISP 1.10 (DISP 1 Annex 1).

Reading of the rules, so the numbers can be checked:
- only complaints (not enquiries) routed under the regime count; complaints not routed yet are reported apart;
- a complaint is *closed* in the period when it last left the open state (final response, withdrawal or
  closure) inside the period; a complaint resolved, reopened and resolved again is timed to the last one;
- *within 3 business days* means closed on or before the 3rd business day after the local day of receipt
  (DISP 1.5), counted on the jurisdiction's business calendar (weekends and public holidays excluded);
- the week buckets run on calendar time from receipt, in local wall-clock time (so DST does not move them):
  more than 3 business days but within 4 weeks; over 4 and up to 8 weeks; over 8 weeks;
- *upheld* includes partially upheld, as a share of complaints closed in the period;
- *redress paid* sums payments made in the period, per currency;
- *outstanding* counts complaints received and still open just before the period starts and ends.
"""

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Literal, Protocol

from complaint_contracts.types import ComplaintKind, Regime
from complaints_calendar import CalendarBook, CalendarNotCovered
from pydantic import BaseModel

from .facts import ComplaintFact
from .outcome_kpis import UPHELD_OUTCOMES, Rate, rate

Bucket = Literal["within_3_business_days", "within_4_weeks", "within_4_to_8_weeks", "after_8_weeks"]

REGIME_CALENDARS: dict[Regime, str] = {
    Regime.UK_FCA_DISP: "GB", Regime.UK_PSD: "GB", Regime.EU_PSD2: "EU", Regime.US_CFPB: "US",
    Regime.US_FDA_MDR: "US",
}
"""Whose business days a regime's return counts in, unless the caller names a jurisdiction."""


class BusinessCalendar(Protocol):
    """What a return needs of a business calendar (the shared chassis calendar provides it)."""

    def business_days_between(self, start: datetime, end: datetime) -> int:
        """Business days after the local date of `start` up to and including that of `end`."""
        ...

    def add_calendar_weeks(self, start: datetime, weeks: int) -> datetime:
        """Same local wall-clock time `weeks` later, in UTC."""
        ...


class PeriodNotCovered(CalendarNotCovered):
    """The calendar lacks the holidays of the year one end of the period falls in."""

    def __init__(self, message: str, *, at_end: bool) -> None:
        super().__init__(message)
        self.at_end = at_end


def return_calendar(*, calendars: CalendarBook, regime: Regime, jurisdiction: str | None, period_start: datetime,
                    period_end: datetime) -> BusinessCalendar:
    """The calendar a return counts in; PeriodNotCovered if it lacks the holidays of either end's year."""
    calendar = calendars.for_jurisdiction(jurisdiction or REGIME_CALENDARS.get(regime, calendars.default_code))
    for year, at_end in ((period_start.year, False), ((period_end - timedelta(microseconds=1)).year, True)):
        if year not in calendar.covered_years:
            raise PeriodNotCovered(f"the {calendar.code} calendar has no holidays for {year}", at_end=at_end)
    return calendar


class RegulatoryReturn(BaseModel):
    regime: Regime
    period_start: datetime
    period_end: datetime
    opened: int
    closed: int
    closed_by_time: dict[Bucket, int]
    upheld: Rate
    redress_paid: dict[str, Decimal]
    outstanding_at_start: int
    outstanding_at_end: int
    not_yet_routed: int


def closure_bucket(*, received_at: datetime, ended_at: datetime, calendar: BusinessCalendar) -> Bucket:
    """Place a closed complaint in its time-to-close bucket."""
    if calendar.business_days_between(received_at, ended_at) <= 3:
        return "within_3_business_days"
    if ended_at <= calendar.add_calendar_weeks(received_at, 4):
        return "within_4_weeks"
    if ended_at <= calendar.add_calendar_weeks(received_at, 8):
        return "within_4_to_8_weeks"
    return "after_8_weeks"


def _in_scope(fact: ComplaintFact, regime: Regime) -> bool:
    return fact.routing is not None and fact.regime == regime and fact.routing.kind == ComplaintKind.COMPLAINT


def regulatory_return(*, facts: Iterable[ComplaintFact], regime: Regime, period_start: datetime,
                      period_end: datetime, calendar: BusinessCalendar) -> RegulatoryReturn:
    """Compute the complaints return of one regime for the period [period_start, period_end)."""
    facts = list(facts)
    in_period = lambda at: at is not None and period_start <= at < period_end  # noqa: E731
    scoped = [fact for fact in facts if _in_scope(fact, regime) and fact.received_at is not None]
    buckets: Counter[Bucket] = Counter()
    upheld = closed = 0
    paid: Counter[str] = Counter()
    for fact in scoped:
        ended_at = fact.ended_at(period_end)
        if in_period(ended_at):
            closed += 1
            upheld += fact.outcome in UPHELD_OUTCOMES
            buckets[closure_bucket(received_at=fact.received_at, ended_at=ended_at, calendar=calendar)] += 1
        for payment in fact.payments.values():
            if in_period(payment.at):
                paid[payment.currency] += payment.amount
    every_bucket: tuple[Bucket, ...] = ("within_3_business_days", "within_4_weeks", "within_4_to_8_weeks",
                                        "after_8_weeks")
    return RegulatoryReturn(
        regime=regime, period_start=period_start, period_end=period_end,
        opened=sum(in_period(fact.received_at) for fact in scoped), closed=closed,
        closed_by_time={bucket: buckets[bucket] for bucket in every_bucket}, upheld=rate(upheld, closed),
        redress_paid={currency: Decimal(paid[currency]) for currency in sorted(paid)},
        outstanding_at_start=sum(fact.is_open_at(period_start) for fact in scoped),
        outstanding_at_end=sum(fact.is_open_at(period_end) for fact in scoped),
        not_yet_routed=sum(fact.routing is None and in_period(fact.received_at) for fact in facts))
