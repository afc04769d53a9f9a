from datetime import time
from decimal import Decimal

import pytest
from complaints_calendar import Shift
from notification.adapters.formatting import format_city, format_number, format_place, format_week
from notification.domain.business_time import Workdays

OFFICE = Shift(start=time(9), end=time(17, 30))


@pytest.mark.parametrize(("code", "locale", "said"), [
    ("GB-ENG", "en_GB", "United Kingdom (GB-ENG)"),
    ("GB-ENG", "ru", "Великобритания (GB-ENG)"),
    ("DE", "be", "Германія"),
    ("EU", "en", "European Union"),
    ("ACME", "en", "ACME"),
])
def test_a_calendar_is_named_by_its_country_in_the_readers_language(code, locale, said):
    assert format_place(code, locale=locale) == said


@pytest.mark.parametrize(("zone", "locale", "said"), [
    ("Europe/Berlin", "en", "Berlin"), ("America/Los_Angeles", "ru", "Лос-Анджелес"), ("Europe/Minsk", "be", "Мінск"),
])
def test_a_time_zone_is_named_by_its_city_in_the_readers_language(zone, locale, said):
    assert format_city(zone, locale=locale) == said


def test_the_working_week_reads_as_a_schedule_in_the_readers_language():
    week = (Workdays(first=0, last=3, shifts=(OFFICE,)),
            Workdays(first=4, last=4, shifts=(Shift(start=time(9), end=time(13)),)),
            Workdays(first=5, last=5, shifts=(Shift(start=time(20), end=None),)))

    assert format_week(week, locale="en_GB") == "Mon–Thu 09:00–17:30; Fri 09:00–13:00; Sat 20:00–24:00"
    assert format_week(week[:1], locale="en_US") == "Mon–Thu 9:00\u202fAM–5:30\u202fPM"
    assert format_week(week[:2], locale="ru") == "пн–чт 09:00–17:30; пт 09:00–13:00"


@pytest.mark.parametrize(("value", "locale", "said"), [
    (5, "en", "5"), (5.0, "en", "5"), (Decimal("5.00"), "en", "5"), (1234.5, "en", "1,234.5"),
    (1234.5, "ru", "1\xa0234,5"), (Decimal("2.125"), "be", "2,12"), (Decimal("0.5"), "be", "0,5")])
def test_numbers_read_as_the_readers_locale_writes_them_whatever_their_type(value, locale, said):
    assert format_number(value, locale=locale) == said
    assert format_number(value, locale=locale) == said  # the cached answer is the same
