"""Dates, durations and places as the pages write them, per language (Babel and CLDR do the words)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from babel.support import NullTranslations
from web.adapters.pages import TEMPLATES_DIR, _environment
from web.adapters.translations import load_catalogues

MOMENT = datetime(2026, 12, 7, 17, 0, 42, tzinfo=UTC)


def _filters(language: str, zone: str = "UTC"):  # type: ignore[no-untyped-def]
    return _environment(language, NullTranslations(), ZoneInfo(zone), TEMPLATES_DIR).filters


@pytest.mark.parametrize(("language", "zone", "expected"), [
    ("en", "UTC", "Dec 7, 2026, 5:00 PM UTC"),
    ("ru", "UTC", "7 дек. 2026 г., 17:00 UTC"),
    ("ru", "Europe/Minsk", "7 дек. 2026 г., 20:00 +0300"),
])
def test_a_moment_is_written_to_the_minute_with_its_zone(language: str, zone: str, expected: str) -> None:
    written = _filters(language, zone)["when"](MOMENT)
    assert " ".join(written.split()) == expected  # CLDR puts no-break spaces where these have spaces


@pytest.mark.parametrize(("language", "seconds", "expected"), [
    ("en", 0.43, "0.4 seconds"), ("ru", 0.43, "0,4 секунды"), ("en", 42.4, "42 seconds"),
    ("ru", 59.4, "59 секунд"), ("en", 61, "1 minute"), ("ru", 2 * 86400, "2 дня"), ("en", -3 * 3600, "3 hours"),
])
def test_durations_under_a_minute_are_counted_in_seconds(language: str, seconds: float, expected: str) -> None:
    assert " ".join(_filters(language)["duration"](seconds).split()) == expected


@pytest.mark.parametrize(("language", "expected"), [("ru", ("Германия", "Великобритания (GB-SCT)", "Чикаго")),
                                                    ("be", ("Германія", "Вялікабрытанія (GB-SCT)", "Чыкага"))])
def test_calendars_and_zones_are_named_in_the_pages_language(language: str, expected: tuple[str, ...]) -> None:
    filters = _filters(language)
    assert (filters["territory"]("DE"), filters["territory"]("GB-SCT"), filters["city"]("America/Chicago")) == expected
    assert filters["city"]("Not/AZone") == "Not/AZone"


@pytest.mark.parametrize("language", ["ru", "be"])
def test_time_left_and_overdue_read_with_a_duration_in_the_nominative(language: str) -> None:
    """The duration comes in the nominative ("1 минута"): the sentence must not need another case around it."""
    catalogue = load_catalogues()[language]
    for message in ("%(time)s overdue", "%(time)s left"):
        assert catalogue.gettext(message).endswith(": %(time)s")
