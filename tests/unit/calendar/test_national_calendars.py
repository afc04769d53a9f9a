"""National calendars: deadlines computed by hand for the cases the shared TARGET2 / New York calendars got wrong."""

from datetime import UTC, datetime, timedelta

import pytest
from complaints_calendar import CalendarBook, JurisdictionTable, load_jurisdictions


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(("jurisdiction", "received", "days", "due"), [
    # Friday 22 May 2026, 10:00 in Berlin. Whit Monday (25 May) is a German holiday: day 1 is Tuesday 26 May,
    # closing at 17:00 CEST = 15:00 UTC. TARGET2 on Brussels time made it Monday 25 May.
    ("DE", utc(2026, 5, 22, 8, 0), 1, utc(2026, 5, 26, 15, 0)),
    ("EU", utc(2026, 5, 22, 8, 0), 1, utc(2026, 5, 25, 15, 0)),
    # Wednesday 13 May 2026: Ascension (Thursday 14) is skipped, so day 1 is Friday 15 May.
    ("DE", utc(2026, 5, 13, 8, 0), 1, utc(2026, 5, 15, 15, 0)),
    # Friday 27 November 2026, 10:00 GMT. St Andrew's Day (Monday 30 November) is a Scottish bank holiday only.
    ("GB-SCT", utc(2026, 11, 27, 10, 0), 1, utc(2026, 12, 1, 17, 30)),
    ("GB-ENG", utc(2026, 11, 27, 10, 0), 1, utc(2026, 11, 30, 17, 30)),
    # Friday 27 March 2026, 18:00 PDT (= Saturday 01:00 UTC): after hours in California. The local date of receipt
    # is the Friday, so business day 1 is Monday 30 March, closing 17:00 PDT = Tuesday 00:00 UTC. On New York time
    # the deadline was Monday 17:00 EDT = 21:00 UTC, three hours before the Californian office closes.
    ("US-CA", utc(2026, 3, 28, 1, 0), 1, utc(2026, 3, 31, 0, 0)),
    ("US", utc(2026, 3, 28, 1, 0), 1, utc(2026, 3, 30, 21, 0)),
])
def test_business_days_follow_the_customers_own_calendar(book: CalendarBook, jurisdiction: str, received: datetime,
                                                         days: int, due: datetime) -> None:
    assert book.for_jurisdiction(jurisdiction).add_business_days(received, days) == due


def test_business_hours_after_friday_closing_in_california_start_at_monday_opening(book: CalendarBook) -> None:
    # Received Friday 27 March 2026 at 17:30 PDT (00:30 UTC Saturday): the clock starts Monday 09:00 PDT (16:00 UTC),
    # so four business hours end at 13:00 PDT = 20:00 UTC.
    received = utc(2026, 3, 28, 0, 30)
    assert book.for_jurisdiction("US-CA").add_business_hours(received, timedelta(hours=4)) == utc(2026, 3, 30, 20, 0)


def test_states_share_federal_holidays_but_keep_their_own_clock(book: CalendarBook) -> None:
    california, new_york = book.for_jurisdiction("US-CA"), book.for_jurisdiction("US-NY")
    assert california.holiday_name(datetime(2026, 11, 26).date()) == new_york.holiday_name(
        datetime(2026, 11, 26).date()) == "Thanksgiving Day"
    assert california.holiday_name(datetime(2026, 3, 31).date()) is None   # a California state holiday only
    assert california.zone.key != new_york.zone.key


def test_german_states_keep_their_own_holidays(book: CalendarBook) -> None:
    corpus_christi = datetime(2026, 6, 4).date()
    assert book.for_jurisdiction("DE-BY").holiday_name(corpus_christi) == "Corpus Christi"
    assert book.for_jurisdiction("DE-BE").holiday_name(corpus_christi) is None


def test_a_subdivision_the_package_does_not_know_falls_back_to_its_country() -> None:
    table: JurisdictionTable = load_jurisdictions()
    assert table.calendar_data("GB-XYZ") is None
    assert table.calendar_data("ZZ") is None
    assert table.calendar_data("GB-WLS") is not None
