"""National calendars: deadlines computed by hand for the cases the shared TARGET2 / New York calendars got wrong."""

from datetime import UTC, datetime, timedelta

import pycountry
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
    assert table.calendar_data("GB-EDH") is None   # no holidays of its own: the book asks Scotland
    assert table.calendar_data("GB-WLS") is not None


@pytest.mark.parametrize(("jurisdiction", "calendar_code", "received", "due"), [
    # Friday 27 November 2026, 10:00 GMT in the City of Edinburgh and in Glasgow, both in Scotland: St Andrew's Day
    # (Monday 30 November) is skipped, so day 1 is Tuesday 1 December, closing 17:30 GMT.
    ("GB-EDH", "GB-SCT", utc(2026, 11, 27, 10, 0), utc(2026, 12, 1, 17, 30)),
    ("GB-GLG", "GB-SCT", utc(2026, 11, 27, 10, 0), utc(2026, 12, 1, 17, 30)),
    # Monday 16 March 2026, 10:00 GMT in Belfast, Northern Ireland: St Patrick's Day (Tuesday 17) is skipped.
    ("GB-BFS", "GB-NIR", utc(2026, 3, 16, 10, 0), utc(2026, 3, 18, 17, 30)),
    # Thursday 10 September 2026, 10:00 CEST in Barcelona province, Catalonia: the Diada (Friday 11) is skipped, so
    # day 1 is Monday 14 September, closing 17:00 CEST = 15:00 UTC.
    ("ES-B", "ES-CT", utc(2026, 9, 10, 8, 0), utc(2026, 9, 14, 15, 0)),
    # Thursday 2 April 2026, 10:00 CEST in Bas-Rhin (Alsace): Good Friday and Easter Monday are skipped.
    ("FR-67", "FR-6AE", utc(2026, 4, 2, 8, 0), utc(2026, 4, 7, 15, 0)),
])
def test_a_subdivision_without_holidays_of_its_own_counts_in_the_one_it_lies_in(
        book: CalendarBook, jurisdiction: str, calendar_code: str, received: datetime, due: datetime) -> None:
    calendar = book.for_jurisdiction(jurisdiction)
    assert calendar.code == calendar_code
    assert calendar.add_business_days(received, 1) == due


def test_canary_island_provinces_keep_canary_time_and_holidays(book: CalendarBook) -> None:
    for province in ("ES-TF", "ES-GC"):
        calendar = book.for_jurisdiction(province)
        assert (calendar.code, calendar.zone.key) == ("ES-CN", "Atlantic/Canary")
    # Thursday 10 September 2026, 10:00 WEST: no Diada in the Canaries, so day 1 is Friday 11, 17:00 WEST.
    assert book.for_jurisdiction("ES-TF").add_business_days(utc(2026, 9, 10, 9, 0), 1) == utc(2026, 9, 11, 16, 0)


@pytest.mark.parametrize("jurisdiction", ["GB-SCT", "GB-ENG", "DE-BY", "DE-BE", "ES-CN", "US-CA", "PT-20", "GB", "DE"])
def test_a_code_with_a_calendar_of_its_own_keeps_it(book: CalendarBook, jurisdiction: str) -> None:
    assert book.for_jurisdiction(jurisdiction).code == jurisdiction


def test_every_scottish_council_area_counts_in_scotland(book: CalendarBook) -> None:
    council_areas = [s.code for s in pycountry.subdivisions.get(country_code="GB") if s.parent_code == "GB-SCT"]
    assert len(council_areas) == 32
    assert {book.for_jurisdiction(code).code for code in council_areas} == {"GB-SCT"}
