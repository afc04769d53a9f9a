from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from complaints_calendar import BusinessCalendar, CalendarBook, CalendarNotCovered


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(("jurisdiction", "calendar_code", "zone"), [
    ("GB", "GB", "Europe/London"), ("BY", "BY", "Europe/Minsk"), ("US", "US", "America/New_York"),
    ("DE", "DE", "Europe/Berlin"), ("FR", "FR", "Europe/Paris"),         # national, no longer TARGET2 on Brussels time
    ("GB-SCT", "GB-SCT", "Europe/London"), ("US-CA", "US-CA", "America/Los_Angeles"),
    ("US-HI", "US-HI", "Pacific/Honolulu"), ("PT-20", "PT-20", "Atlantic/Azores"),
    ("JP", "EU", "Europe/Brussels"), ("gb", "GB", "Europe/London"), ("US-ZZ", "US", "America/New_York"),
])
def test_jurisdiction_picks_its_national_calendar_or_the_default(book: CalendarBook, jurisdiction: str,
                                                                 calendar_code: str, zone: str) -> None:
    calendar = book.for_jurisdiction(jurisdiction)
    assert (calendar.code, calendar.zone.key) == (calendar_code, zone)


@pytest.mark.parametrize(("jurisdiction", "at", "working"), [
    ("GB", utc(2026, 3, 26, 9, 0), True),          # Thursday opening, GMT
    ("GB", utc(2026, 3, 26, 17, 30), True),        # closing instant still counts
    ("GB", utc(2026, 3, 26, 17, 31), False),
    ("GB", utc(2026, 3, 30, 8, 0), True),          # 09:00 BST after the clocks went forward
    ("GB", utc(2026, 3, 30, 16, 45), False),       # 17:45 BST
    ("GB", utc(2026, 12, 25, 12, 0), False),       # Christmas Day
    ("GB", utc(2026, 3, 28, 12, 0), False),        # Saturday
    ("BY", utc(2026, 4, 24, 10, 30), False),       # 13:30 in Minsk: lunch break of the split shift
    ("BY", utc(2026, 4, 24, 11, 30), True),        # 14:30 in Minsk
    ("BY", utc(2026, 4, 25, 8, 0), True),          # Saturday worked for the transferred Monday off
    ("BY", utc(2026, 4, 20, 8, 0), False),         # the transferred Monday off
    ("US", utc(2026, 7, 3, 15, 0), False),         # Independence Day observed
    ("US", utc(2026, 7, 2, 13, 0), True),          # 09:00 EDT
    ("DE", utc(2026, 4, 6, 10, 0), False),         # Easter Monday
    ("DE", utc(2026, 5, 25, 10, 0), False),        # Whit Monday: a German holiday, not a TARGET2 closing day
    ("EU", utc(2026, 5, 25, 10, 0), True),         # ... which TARGET2 keeps open
    ("GB-SCT", utc(2026, 11, 30, 12, 0), False),   # St Andrew's Day in Scotland
    ("GB-ENG", utc(2026, 11, 30, 12, 0), True),    # an ordinary Monday in England
    ("US-CA", utc(2026, 3, 27, 23, 30), True),     # 16:30 PDT on a Friday
    ("US", utc(2026, 3, 27, 23, 30), False),       # 19:30 EDT: New York has closed
])
def test_working_time_follows_hours_holidays_and_time_zone(book: CalendarBook, jurisdiction: str, at: datetime,
                                                           working: bool) -> None:
    assert book.for_jurisdiction(jurisdiction).is_working_time(at) is working


@pytest.mark.parametrize(("jurisdiction", "start", "hours", "expected"), [
    ("GB", utc(2026, 3, 27, 16, 0), 2, utc(2026, 3, 30, 8, 30)),     # over the weekend and the DST change
    ("GB", utc(2026, 3, 26, 9, 0), 8.5, utc(2026, 3, 26, 17, 30)),  # a full day ends at closing, not next morning
    ("GB", utc(2026, 12, 24, 16, 0), 2, utc(2026, 12, 29, 9, 30)),  # Christmas, Boxing Day and its substitute
    ("GB", utc(2026, 3, 28, 12, 0), 0, utc(2026, 3, 30, 8, 0)),     # zero hours on a Saturday: next opening
    ("BY", utc(2026, 4, 24, 9, 0), 8, utc(2026, 4, 25, 9, 0)),      # lunch break skipped, working Saturday used
    ("US", utc(2026, 11, 25, 21, 30), 1, utc(2026, 11, 27, 14, 30)),  # Thanksgiving skipped, EST
])
def test_business_hours_skip_closed_time(book: CalendarBook, jurisdiction: str, start: datetime, hours: float,
                                         expected: datetime) -> None:
    calendar = book.for_jurisdiction(jurisdiction)
    assert calendar.add_business_hours(start, timedelta(hours=hours)) == expected


@pytest.mark.parametrize(("jurisdiction", "start", "days", "expected"), [
    ("GB", utc(2026, 3, 27, 16, 0), 3, utc(2026, 4, 1, 16, 30)),    # close of the 3rd business day, BST
    ("GB", utc(2026, 3, 28, 12, 0), 3, utc(2026, 4, 1, 16, 30)),    # a Saturday receipt counts from Monday
    ("GB", utc(2026, 3, 27, 16, 0), 0, utc(2026, 3, 27, 17, 30)),   # zero days: close of business today
    ("GB", utc(2026, 3, 27, 18, 0), 0, utc(2026, 3, 30, 16, 30)),   # after closing: close of the next day
    ("GB", utc(2026, 4, 1, 10, 0), 15, utc(2026, 4, 24, 16, 30)),   # Good Friday and Easter Monday skipped
    ("BY", utc(2026, 4, 23, 10, 0), 2, utc(2026, 4, 25, 15, 0)),    # the working Saturday counts
    ("US", utc(2026, 6, 30, 14, 0), 5, utc(2026, 7, 8, 21, 0)),     # Independence Day observed skipped
])
def test_business_days_end_at_close_of_business(book: CalendarBook, jurisdiction: str, start: datetime, days: int,
                                                expected: datetime) -> None:
    assert book.for_jurisdiction(jurisdiction).add_business_days(start, days) == expected


@pytest.mark.parametrize(("start", "end", "expected"), [
    (utc(2026, 4, 1, 10, 0), utc(2026, 4, 24, 16, 30), 15),
    (utc(2026, 4, 24, 16, 30), utc(2026, 4, 1, 10, 0), -15),
    (utc(2026, 4, 1, 10, 0), utc(2026, 4, 1, 16, 0), 0),
    (utc(2026, 12, 24, 10, 0), utc(2026, 12, 29, 10, 0), 1),
])
def test_business_days_between_counts_days_after_the_start_date(book: CalendarBook, start: datetime, end: datetime,
                                                                 expected: int) -> None:
    assert book.for_jurisdiction("GB").business_days_between(start, end) == expected


@pytest.mark.parametrize(("start", "weeks", "expected"), [
    (utc(2026, 3, 1, 10, 0), 8, utc(2026, 4, 26, 9, 0)),     # GMT → BST keeps 10:00 local
    (utc(2026, 10, 1, 9, 0), 8, utc(2026, 11, 26, 10, 0)),   # BST → GMT keeps 10:00 local
])
def test_calendar_weeks_keep_the_local_time_across_dst(book: CalendarBook, start: datetime, weeks: int,
                                                       expected: datetime) -> None:
    assert book.for_jurisdiction("GB").add_calendar_weeks(start, weeks) == expected


@pytest.mark.parametrize(("day", "hours"), [(date(2026, 3, 29), 23), (date(2026, 10, 25), 25), (date(2026, 6, 7), 24)])
def test_round_the_clock_day_lasts_as_long_as_the_clock_says(every_calendar: list[BusinessCalendar], day: date,
                                                            hours: int) -> None:
    calendar = next(calendar for calendar in every_calendar if calendar.code == "ALLDAY")
    [(start, end)] = calendar.intervals_on(day)
    assert end - start == timedelta(hours=hours)


def test_business_hours_and_elapsed_working_time_agree(calendar_factory: Callable[..., BusinessCalendar]) -> None:
    calendar = calendar_factory()
    start = utc(2026, 3, 27, 15, 0)
    due = calendar.add_business_hours(start, timedelta(hours=10))
    assert calendar.working_time_between(start, due) == timedelta(hours=10)


def test_year_without_holiday_data_is_refused_rather_than_guessed(book: CalendarBook) -> None:
    with pytest.raises(CalendarNotCovered, match="GB has no holiday data for 2040"):
        book.for_jurisdiction("GB").add_business_days(utc(2040, 1, 10, 10, 0), 3)


def test_naive_datetimes_are_refused(book: CalendarBook) -> None:
    with pytest.raises(ValueError, match="time zone"):
        book.for_jurisdiction("GB").is_working_time(datetime(2026, 3, 26, 10, 0))


def test_an_uncovered_year_stays_refused_after_covered_dates_were_worked_out(book: CalendarBook) -> None:
    # Working intervals are kept per date once worked out: a refusal must never be kept as "no working time".
    calendar = book.for_jurisdiction("GB")
    first = calendar.intervals_on(date(2026, 12, 24))
    assert calendar.intervals_on(date(2026, 12, 24)) == first and calendar.intervals_on(date(2026, 12, 25)) == ()
    for _ in range(2):
        with pytest.raises(CalendarNotCovered):
            calendar.intervals_on(date(2040, 1, 10))


@pytest.mark.parametrize(("amount", "unit", "due"), [
    (3, "business_days", utc(2026, 12, 7, 17, 30)),     # Thu, Fri, Mon: counted from the day after, close of business
    (4, "business_hours", utc(2026, 12, 3, 10, 30)),    # 2.5 h on Wednesday, 1.5 h from Thursday's opening
    (10, "calendar_days", utc(2026, 12, 12, 15, 0)),
    (2, "calendar_weeks", utc(2026, 12, 16, 15, 0)),
])
def test_a_span_ends_by_its_units_convention(book: CalendarBook, amount: float, unit: str, due: datetime) -> None:
    assert book.for_jurisdiction("GB").add_span(utc(2026, 12, 2, 15, 0), amount, unit) == due


@pytest.mark.parametrize(("amount", "unit"), [(2, "fortnights"), (1.5, "business_days")])
def test_a_span_it_cannot_count_is_refused(book: CalendarBook, amount: float, unit: str) -> None:
    with pytest.raises(ValueError):
        book.for_jurisdiction("GB").add_span(utc(2026, 12, 2, 15, 0), amount, unit)
