"""Business-time arithmetic over one calendar: working hours, holidays, time zone and DST.

Working time is the closed span of each shift: the closing instant still counts, so a deadline
"by close of business" is working time and adding a full day of hours ends at closing, not next morning.
"""

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from .model import CalendarData, Shift, Weekday

Interval = tuple[datetime, datetime]

RECEIPT_CONVENTION = (
    "receipt is read in the jurisdiction's own time zone; business-hour targets run in working time only, so a "
    "complaint received after hours, at a weekend or on a public holiday starts its clock at the next opening; "
    "business-day deadlines end at close of business on the N-th business day after the local date of receipt, "
    "whatever the hour; calendar-day and week deadlines end at the same local time N days later")
"""The convention every regime's deadlines follow (docs/business-time.md); quoted in routing's explanation."""

_SEARCH_LIMIT_DAYS = 800
"""Longest run of closed days searched before the data is declared unusable (guards endless loops)."""


class CalendarNotCovered(LookupError):
    """The calendar has no holiday data for the year asked about, so business time cannot be known."""


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("datetime must carry a time zone")
    return value


class BusinessCalendar:
    """Business days and hours of one jurisdiction, read from calendar data."""

    def __init__(self, data: CalendarData) -> None:
        self.data = data
        self.zone = ZoneInfo(data.time_zone)
        self._intervals: dict[date, tuple[Interval, ...]] = {}
        """Working intervals per local date, worked out once: every deadline and alert moment walks them, and only
        covered years are kept (at most a few thousand dates)."""

    @property
    def code(self) -> str:
        return self.data.code

    @cached_property
    def covered_years(self) -> frozenset[int]:
        return frozenset(self.data.holidays)

    @cached_property
    def _holidays(self) -> dict[date, str]:
        return {day: name for days in self.data.holidays.values() for day, name in days.items()}

    def _check_covered(self, day: date) -> None:
        if day.year not in self.covered_years:
            raise CalendarNotCovered(f"calendar {self.code} has no holiday data for {day.year}")

    def holiday_name(self, day: date) -> str | None:
        """Name of the public holiday on `day`, if it is one."""
        self._check_covered(day)
        return self._holidays.get(day)

    def shifts_on(self, day: date) -> list[Shift]:
        """Shifts worked on a local date (none on weekends and holidays)."""
        self._check_covered(day)
        if day in self._holidays:
            return []
        if day in self.data.extra_working_days:
            return self.data.extra_working_day_hours or self.data.working_hours.get(Weekday.MON, [])
        return self.data.working_hours.get(Weekday.of(day), [])

    def is_business_day(self, day: date) -> bool:
        """Whether any work is done on a local date."""
        return bool(self.intervals_on(day))

    def intervals_on(self, day: date) -> tuple[Interval, ...]:
        """Working intervals of a local date, in UTC, in order."""
        known = self._intervals.get(day)
        if known is None:
            known = self._intervals[day] = tuple(self._work_out_intervals(day))
        return known

    def _work_out_intervals(self, day: date) -> list[Interval]:
        intervals = []
        for shift in self.shifts_on(day):
            start = datetime.combine(day, shift.start, tzinfo=self.zone).astimezone(UTC)
            end_local = (datetime.combine(day + timedelta(days=1), time(0), tzinfo=self.zone) if shift.end is None
                         else datetime.combine(day, shift.end, tzinfo=self.zone))
            end = end_local.astimezone(UTC)
            if end > start:
                intervals.append((start, end))
        return intervals

    def local_date(self, at: datetime) -> date:
        """The date in the calendar's time zone at an instant."""
        return _aware(at).astimezone(self.zone).date()

    def is_working_time(self, at: datetime) -> bool:
        """Whether an instant falls within a shift (opening and closing instants included)."""
        day = self.local_date(at)
        days = [day - timedelta(days=1), day] if at.astimezone(self.zone).time() == time(0) else [day]
        return any(start <= at <= end for candidate in days for start, end in self.intervals_on(candidate))

    def _intervals_from(self, at: datetime) -> Iterator[Interval]:
        day = self.local_date(at)
        for offset in range(_SEARCH_LIMIT_DAYS):
            for start, end in self.intervals_on(day + timedelta(days=offset)):
                if end >= at:
                    yield start, end
        raise ValueError(f"calendar {self.code} has no working time within {_SEARCH_LIMIT_DAYS} days of {at}")

    def next_working_time(self, at: datetime) -> datetime:
        """The instant itself if it is working time, else the next opening."""
        return self.add_business_hours(at, timedelta(0))

    def add_business_hours(self, start: datetime, duration: timedelta) -> datetime:
        """The instant when `duration` of working time has passed since `start` (UTC)."""
        if duration < timedelta(0):
            raise ValueError("duration must not be negative")
        if duration == timedelta(0) and self.is_working_time(start):
            return _aware(start).astimezone(UTC)
        remaining = duration
        for interval_start, interval_end in self._intervals_from(_aware(start)):
            begin = max(interval_start, start)
            if remaining <= interval_end - begin:
                return (begin + remaining).astimezone(UTC)
            remaining -= interval_end - begin
        raise AssertionError("unreachable: _intervals_from raises when it runs out")

    def close_of_business(self, day: date) -> datetime | None:
        """When the last shift of a local date ends (UTC), or None on a closed day."""
        intervals = self.intervals_on(day)
        return intervals[-1][1] if intervals else None

    def add_business_days(self, start: datetime, days: int) -> datetime:
        """Close of business on the `days`-th business day after the local date of `start`.

        Days are counted from the day after receipt, whatever the hour (the earlier, safer reading of
        "N business days after receipt"); 0 days means the next close of business at or after `start`.
        """
        if days < 0:
            raise ValueError("days must not be negative")
        day = self.local_date(start)
        if days == 0:
            first_open, _ = next(self._intervals_from(_aware(start)))
            return self.close_of_business(self.local_date(first_open)) or first_open
        counted = 0
        for _ in range(_SEARCH_LIMIT_DAYS + 7 * days):
            day += timedelta(days=1)
            closing = self.close_of_business(day)
            counted += closing is not None
            if closing is not None and counted == days:
                return closing
        raise ValueError(f"calendar {self.code} has too few business days after {start}")

    def business_days_between(self, start: datetime, end: datetime) -> int:
        """Business days after the local date of `start` up to and including that of `end` (negative if reversed).

        An `end` at midnight belongs to the day it closes, as a 24:00 closing time does.
        """
        if end < start:
            return -self.business_days_between(end, start)
        first, last = self.local_date(start), self.local_date(max(start, end - timedelta(microseconds=1)))
        return sum(self.is_business_day(first + timedelta(days=offset)) for offset in range(1, (last - first).days + 1))

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Working time elapsed from `start` to `end` (zero if `end` is not later)."""
        total = timedelta(0)
        if end <= start:
            return total
        for interval_start, interval_end in self._intervals_from(_aware(start)):
            if interval_start >= end:
                return total
            total += min(interval_end, end) - max(interval_start, start)
        return total

    def add_calendar_days(self, start: datetime, days: int) -> datetime:
        """Same local wall-clock time `days` later (DST-safe), in UTC."""
        local = _aware(start).astimezone(self.zone)
        return (local + timedelta(days=days)).astimezone(UTC)

    def add_calendar_weeks(self, start: datetime, weeks: int) -> datetime:
        """Same local wall-clock time `weeks` later (DST-safe), in UTC."""
        return self.add_calendar_days(start, 7 * weeks)

    def add_span(self, start: datetime, amount: float, unit: str) -> datetime:
        """When a span of `amount` units counted from `start` ends, by the unit's one counting convention
        (`business_hours`, `business_days`, `calendar_days`, `calendar_weeks`: docs/business-time.md)."""
        if unit == "business_hours":
            return self.add_business_hours(start, timedelta(hours=amount))
        counters = {"business_days": self.add_business_days, "calendar_days": self.add_calendar_days,
                    "calendar_weeks": self.add_calendar_weeks}
        if unit not in counters:
            raise ValueError(f"unknown unit of a span: {unit}")
        if amount != int(amount):
            raise ValueError(f"{unit} are counted whole, not {amount}")
        return counters[unit](start, int(amount))
