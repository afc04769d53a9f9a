from pathlib import Path

import pytest
from complaints_calendar import (
    CALENDAR_DATA_DIR,
    CalendarData,
    DataFileError,
    load_calendar,
    parse_yaml_model,
)

VALID = """\
code: XX
name: Example
time_zone: Europe/London
working_hours:
  mon: [09:00-12:00, 13:00-17:00]
holidays:
  2026:
    2026-12-25: Christmas Day
"""


def test_shipped_calendar_files_load_and_cover_the_coming_years() -> None:
    for path in sorted(CALENDAR_DATA_DIR.glob("*.yaml")):
        calendar = load_calendar(path=path)
        assert set(range(2024, 2036)) <= calendar.covered_years, path.name


def test_valid_calendar_text_parses_split_shifts() -> None:
    data = parse_yaml_model(text=VALID, model=CalendarData, source="xx.yaml")
    assert [(shift.start.hour, shift.end.hour) for shift in data.working_hours["mon"]] == [(9, 12), (13, 17)]


@pytest.mark.parametrize(("broken", "line", "fragment"), [
    (VALID.replace("Europe/London", "Europe/Atlantis"), 3, "unknown time zone 'Europe/Atlantis'"),
    (VALID.replace("13:00-17:00", "17:00-13:00"), 5, "must end after it starts"),
    (VALID.replace("09:00-12:00, 13:00-17:00", "09:00-14:00, 13:00-17:00"), 5, "must not overlap"),
    (VALID.replace("mon:", "monday:"), 5, "Input should be 'mon'"),
    (VALID.replace("2026-12-25", "2027-12-25"), 7, "fall in another year: 2027-12-25"),
    (VALID.replace("code: XX", "code: XX\ncode: YY"), 2, "duplicate key 'code'"),
    (VALID.replace("  mon: [", "  mon: [[["), 6, "expected ',' or ']'"),
    (VALID.replace("name: Example\n", ""), 1, "Field required"),
])
def test_broken_calendar_names_line_and_problem(broken: str, line: int, fragment: str) -> None:
    with pytest.raises(DataFileError) as caught:
        parse_yaml_model(text=broken, model=CalendarData, source="xx.yaml")
    message = str(caught.value)
    assert message.startswith("xx.yaml: ")
    assert f"line {line}," in message
    assert fragment in message


def test_calendar_file_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(VALID.replace("Europe/London", "Mars/Olympus"), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"^broken\.yaml: line 3, column 12 \(time_zone\)"):
        load_calendar(path=path)
