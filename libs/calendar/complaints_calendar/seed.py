"""Regenerate the calendar data files from the `holidays` package: `python -m complaints_calendar.seed`.

The runtime reads only the YAML files, so they stay editable by hand (company days off, corrections);
re-running this script overwrites them.
"""

import argparse
from dataclasses import dataclass
from pathlib import Path

import holidays
import yaml

from .registry import CALENDAR_DATA_DIR

EU_MEMBER_STATES = ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
                    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"]
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]


@dataclass(frozen=True)
class Seed:
    code: str
    name: str
    time_zone: str
    jurisdictions: list[str]
    shifts: list[str]
    source: str

    def holidays_for(self, year: int) -> holidays.HolidayBase:
        if self.code == "EU":
            return holidays.financial_holidays("XECB", years=year)
        if self.code == "GB":
            return holidays.country_holidays("GB", subdiv="ENG", years=year)
        return holidays.country_holidays(self.code, years=year)


SEEDS = [
    Seed("GB", "United Kingdom (England and Wales bank holidays)", "Europe/London", ["GB"], ["09:00-17:30"],
         "holidays: GB/ENG"),
    # Belarusian offices commonly close for lunch: the split shift is what makes business hours right there.
    Seed("BY", "Belarus", "Europe/Minsk", ["BY"], ["09:00-13:00", "14:00-18:00"], "holidays: BY"),
    Seed("US", "United States (federal holidays, Eastern time)", "America/New_York", ["US"], ["09:00-17:00"],
         "holidays: US"),
    Seed("EU", "EU default (TARGET2 closing days, Central European time)", "Europe/Brussels", EU_MEMBER_STATES,
         ["09:00-17:00"], "holidays: XECB"),
]


def calendar_document(*, seed: Seed, years: range) -> dict[str, object]:
    """The YAML document of one calendar for the given years."""
    per_year = {year: seed.holidays_for(year) for year in years}
    return {
        "code": seed.code,
        "name": seed.name,
        "time_zone": seed.time_zone,
        "jurisdictions": seed.jurisdictions,
        "working_hours": {day: list(seed.shifts) for day in WEEKDAYS},
        "holidays": {year: dict(sorted(days.items())) for year, days in per_year.items()},
        "extra_working_days": {
            day: "Working day (transferred day off)"
            for year, days in per_year.items() for day in sorted(days.weekend_workdays) if day.year == year
        },
    }


def write_calendars(*, directory: Path, years: range) -> list[Path]:
    """Write one YAML file per seeded calendar."""
    written = []
    for seed in SEEDS:
        path = directory / f"{seed.code.lower()}.yaml"
        header = (f"# Business calendar {seed.code}, seeded from the `holidays` package ({seed.source}).\n"
                  "# Edit freely: the services read this file, not the package.\n")
        body = yaml.safe_dump(calendar_document(seed=seed, years=years), sort_keys=False, allow_unicode=True)
        path.write_text(header + body, encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--first-year", type=int, default=2024)
    parser.add_argument("--last-year", type=int, default=2035)
    parser.add_argument("--directory", type=Path, default=CALENDAR_DATA_DIR)
    arguments = parser.parse_args()
    for path in write_calendars(directory=arguments.directory,
                                years=range(arguments.first_year, arguments.last_year + 1)):
        print(path.name)


if __name__ == "__main__":
    main()
