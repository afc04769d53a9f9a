"""Regenerate the calendar data files from the `holidays` package: `python -m complaints_calendar.seed`.

National calendars come from the package at run time (national.py); the files written here are those no country
has: the TARGET2 calendar (the default, and the one EU-wide returns count in). The runtime reads the YAML files,
so they stay editable by hand (company days off, corrections); re-running this script overwrites them.
"""

import argparse
from dataclasses import dataclass
from pathlib import Path

import holidays
import yaml

from .registry import CALENDAR_DATA_DIR

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
        return holidays.financial_holidays(self.market, years=year)

    @property
    def market(self) -> str:
        return self.source.removeprefix("holidays: ")


SEEDS = [
    Seed("EU", "TARGET2 closing days, Central European time (default and EU-wide returns)", "Europe/Brussels", [],
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
