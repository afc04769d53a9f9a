"""The business time a complaint's deadlines are counted in, as its customer is told it: the calendar, the time zone
every moment is written in, and the working week (docs/business-time.md)."""

from collections.abc import Iterable
from dataclasses import dataclass

from complaint_contracts import Deadline
from complaints_calendar import BusinessCalendar, CalendarBook, Shift, Weekday

from .facts import ComplaintFacts


@dataclass(frozen=True)
class Workdays:
    """Weekdays in a row that keep the same shifts (0 is Monday)."""

    first: int
    last: int
    shifts: tuple[Shift, ...]


@dataclass(frozen=True)
class BusinessTime:
    """Where and when a complaint's deadlines count."""

    calendar: str
    """Code of the calendar: a jurisdiction (GB-ENG, DE-BY, US-CA), or a calendar file's own code (EU)."""
    time_zone: str
    """IANA zone the deadlines were counted in: every moment a customer message states is written in it."""
    week: tuple[Workdays, ...]
    transferred_working_days: bool
    """Some weekend days are worked in exchange for a day off (Belarus): they count as business days."""


def business_time(*, facts: ComplaintFacts, calendars: CalendarBook) -> BusinessTime:
    """The calendar and zone the complaint's deadlines name in their terms, else those of the customer's
    jurisdiction (which routing counts in: before routing, or for deadlines published without terms)."""
    terms = next((d.terms for d in facts.deadlines if d.terms is not None), None)
    code = terms.calendar if terms else facts.jurisdiction
    calendar = calendars.for_jurisdiction(code)
    return BusinessTime(calendar=terms.calendar if terms else calendar.code,
                        time_zone=terms.time_zone if terms else calendar.zone.key, week=working_week(calendar),
                        transferred_working_days=bool(calendar.data.extra_working_days))


def working_week(calendar: BusinessCalendar) -> tuple[Workdays, ...]:
    """The calendar's working days and shifts, weekdays in a row with the same shifts taken together."""
    groups: list[Workdays] = []
    for index, day in enumerate(Weekday):
        shifts = tuple(calendar.data.working_hours.get(day, ()))
        if not shifts:
            continue
        if groups and groups[-1].last == index - 1 and groups[-1].shifts == shifts:
            groups[-1] = Workdays(first=groups[-1].first, last=index, shifts=shifts)
        else:
            groups.append(Workdays(first=index, last=index, shifts=shifts))
    return tuple(groups)


def counted_in(deadlines: Iterable[Deadline]) -> frozenset[str]:
    """The units the deadlines count in (business_days, calendar_weeks, …), from their terms."""
    return frozenset(d.terms.unit.value for d in deadlines if d.terms is not None)
