"""The complaints return for a period and regime, e.g. FCA DISP 1.10 (DISP 1 Annex 1).

Reading of the rules, so the numbers can be checked:
- only complaints (not enquiries) routed under the regime count; complaints not routed yet are reported apart;
- a complaint is *closed* in the period when it last left the open state (final response, withdrawal or
  closure) inside the period; a complaint resolved, reopened and resolved again is timed to the last one;
- each complaint is timed on its own jurisdiction's business calendar (ISO 3166-2: a Scottish complaint skips St
  Andrew's Day), the one routing counted its deadlines on; a return asked for one jurisdiction's calendar counts every
  complaint on that one instead;
- *within 3 business days* means closed by close of business on the 3rd business day after the local date of receipt
  (DISP 1.5): routing's summary resolution deadline as it set it from receipt, where the complaint has one, else the
  same count on the calendar (`BusinessCalendar.add_business_days`, routing's own arithmetic);
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
from typing import Literal

from complaint_contracts.types import Clock, ComplaintKind, Regime
from complaints_calendar import BusinessCalendar, CalendarBook, CalendarNotCovered
from pydantic import BaseModel

from .facts import ComplaintFact
from .outcome_kpis import UPHELD_OUTCOMES, Rate, rate

Bucket = Literal["within_3_business_days", "within_4_weeks", "within_4_to_8_weeks", "after_8_weeks"]

REGIME_CALENDARS: dict[Regime, str] = {
    Regime.UK_FCA_DISP: "GB", Regime.UK_PSD: "GB", Regime.EU_PSD2: "EU", Regime.US_CFPB: "US",
    Regime.US_FDA_MDR: "US",
}
"""The calendar of a complaint whose fact names no jurisdiction, by regime (the default calendar for the rest)."""

SUMMARY_WINDOW = "summary_resolution_window"
"""Routing's regulatory deadline for DISP 1.5: close of business on business day 3 after the local date of receipt."""
SUMMARY_WINDOW_DAYS = 3


class PeriodNotCovered(CalendarNotCovered):
    """The calendar lacks the holidays of the year one end of the period falls in."""

    def __init__(self, message: str, *, at_end: bool) -> None:
        super().__init__(message)
        self.at_end = at_end


def check_covered(calendar: BusinessCalendar, *, period_start: datetime, period_end: datetime) -> None:
    """Raise PeriodNotCovered if the calendar lacks the holidays of either end's year."""
    for year, at_end in ((period_start.year, False), ((period_end - timedelta(microseconds=1)).year, True)):
        if year not in calendar.covered_years:
            raise PeriodNotCovered(f"the {calendar.code} calendar has no holidays for {year}", at_end=at_end)


def complaint_calendar(fact: ComplaintFact, *, calendars: CalendarBook, regime: Regime,
                       jurisdiction: str | None = None) -> BusinessCalendar:
    """The calendar a complaint is timed on: the jurisdiction asked for, else its own, else its regime's."""
    return calendars.for_jurisdiction(
        jurisdiction or fact.jurisdiction or REGIME_CALENDARS.get(regime, calendars.default_code))


def routed_summary_window(fact: ComplaintFact) -> datetime | None:
    """When routing's summary resolution deadline fell due, as routing set it from receipt (None if it set none)."""
    return next((deadline.routed_due_at for deadline in fact.deadlines.values()
                 if deadline.name == SUMMARY_WINDOW and deadline.clock == Clock.REGULATORY), None)


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


def closure_bucket(*, received_at: datetime, ended_at: datetime, calendar: BusinessCalendar,
                   summary_due_at: datetime | None = None) -> Bucket:
    """Place a closed complaint in its time-to-close bucket; within 3 business days means by `summary_due_at` (routing's
    deadline), else by close of business on business day 3 after the local date of receipt, as routing counts it."""
    if ended_at <= (summary_due_at or calendar.add_business_days(received_at, SUMMARY_WINDOW_DAYS)):
        return "within_3_business_days"
    if ended_at <= calendar.add_calendar_weeks(received_at, 4):
        return "within_4_weeks"
    if ended_at <= calendar.add_calendar_weeks(received_at, 8):
        return "within_4_to_8_weeks"
    return "after_8_weeks"


def _in_scope(fact: ComplaintFact, regime: Regime) -> bool:
    return fact.routing is not None and fact.regime == regime and fact.routing.kind == ComplaintKind.COMPLAINT


def regulatory_return(*, facts: Iterable[ComplaintFact], regime: Regime, period_start: datetime,
                      period_end: datetime, calendars: CalendarBook, jurisdiction: str | None = None
                      ) -> RegulatoryReturn:
    """Compute the complaints return of one regime for [period_start, period_end), each complaint timed on its own
    jurisdiction's calendar (or every one on `jurisdiction`'s); PeriodNotCovered if the regime's calendar, or one a
    complaint closed in the period is timed on, lacks the holidays of either end's year."""
    facts = list(facts)
    in_period = lambda at: at is not None and period_start <= at < period_end  # noqa: E731
    scoped = [fact for fact in facts if _in_scope(fact, regime) and fact.received_at is not None]
    closings = [(fact, ended_at, complaint_calendar(fact, calendars=calendars, regime=regime,
                                                    jurisdiction=jurisdiction))
                for fact in scoped if in_period(ended_at := fact.ended_at(period_end))]
    regime_calendar = calendars.for_jurisdiction(jurisdiction or REGIME_CALENDARS.get(regime, calendars.default_code))
    counted_on = {regime_calendar.code: regime_calendar} | {calendar.code: calendar for _, _, calendar in closings}
    for calendar in counted_on.values():
        check_covered(calendar, period_start=period_start, period_end=period_end)
    buckets: Counter[Bucket] = Counter()
    for fact, ended_at, calendar in closings:
        routed = None if jurisdiction else routed_summary_window(fact)
        buckets[closure_bucket(received_at=fact.received_at, ended_at=ended_at, calendar=calendar,
                               summary_due_at=routed)] += 1
    upheld = sum(fact.outcome in UPHELD_OUTCOMES for fact, _, _ in closings)
    paid: Counter[str] = Counter()
    for fact in scoped:
        for payment in fact.payments.values():
            if in_period(payment.at):
                paid[payment.currency] += payment.amount
    every_bucket: tuple[Bucket, ...] = ("within_3_business_days", "within_4_weeks", "within_4_to_8_weeks",
                                        "after_8_weeks")
    return RegulatoryReturn(
        regime=regime, period_start=period_start, period_end=period_end,
        opened=sum(in_period(fact.received_at) for fact in scoped), closed=len(closings),
        closed_by_time={bucket: buckets[bucket] for bucket in every_bucket}, upheld=rate(upheld, len(closings)),
        redress_paid={currency: Decimal(paid[currency]) for currency in sorted(paid)},
        outstanding_at_start=sum(fact.is_open_at(period_start) for fact in scoped),
        outstanding_at_end=sum(fact.is_open_at(period_end) for fact in scoped),
        not_yet_routed=sum(fact.routing is None and in_period(fact.received_at) for fact in facts))
