from collections.abc import Callable
from datetime import date

import pytest
from complaints_calendar import BusinessCalendar, CalendarBook, CalendarData, load_calendars

ROUND_THE_CLOCK_LONDON = {"mon": ["00:00-24:00"], "tue": ["00:00-24:00"], "wed": ["00:00-24:00"],
                          "thu": ["00:00-24:00"], "fri": ["00:00-24:00"], "sat": ["00:00-24:00"],
                          "sun": ["00:00-24:00"]}
# Shifts that straddle the 01:00-02:00 DST change hour in London, to exercise gaps and repeated hours.
NIGHT_AND_LATE_LONDON = {day: ["00:30-02:30", "13:00-24:00"] for day in ("mon", "tue", "wed", "thu", "fri", "sat")}


def make_calendar(*, code: str = "TEST", time_zone: str = "Europe/London",
                  working_hours: dict[str, list[str]] | None = None,
                  holidays: dict[int, dict[date, str]] | None = None) -> BusinessCalendar:
    """A calendar built in the test, covering 2024-2036 unless holidays say otherwise."""
    data = CalendarData.model_validate({
        "code": code,
        "name": f"{code} calendar",
        "time_zone": time_zone,
        "working_hours": working_hours or {day: ["09:00-17:00"] for day in ("mon", "tue", "wed", "thu", "fri")},
        "holidays": holidays if holidays is not None else {year: {} for year in range(2024, 2037)},
    })
    return BusinessCalendar(data)


@pytest.fixture(scope="session")
def book() -> CalendarBook:
    return load_calendars()


@pytest.fixture(scope="session")
def calendar_factory() -> Callable[..., BusinessCalendar]:
    return make_calendar


@pytest.fixture(scope="session")
def every_calendar(book: CalendarBook) -> list[BusinessCalendar]:
    """The shipped calendars plus round-the-clock and DST-straddling shift patterns."""
    return [*book.calendars.values(),
            make_calendar(code="ALLDAY", working_hours=ROUND_THE_CLOCK_LONDON),
            make_calendar(code="NIGHT", working_hours=NIGHT_AND_LATE_LONDON),
            make_calendar(code="NYSPLIT", time_zone="America/New_York",
                          working_hours={"mon": ["01:30-03:00", "08:00-12:00"], "sun": ["22:00-24:00"]})]
