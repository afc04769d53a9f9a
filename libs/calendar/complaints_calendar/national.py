"""National business calendars: public holidays from the `holidays` package, per country and subdivision, in the
jurisdiction's own time zone (jurisdictions.yaml says which, and the working hours).

Jurisdictions are ISO 3166-1 countries (DE) or ISO 3166-2 subdivisions (GB-SCT, US-CA). A subdivision has a calendar
here when the package keeps holidays for it or the table gives it a time zone; one that has neither (GB-EDH) counts
in the calendar of the subdivision it lies in (GB-SCT), which the calendar book finds (registry.py). A subdivision
the table gives no holidays of its own keeps the country's holidays and takes only its time zone.
"""

from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays
from pydantic import BaseModel, ConfigDict, Field, field_validator

from .model import CalendarData
from .yaml_model import load_yaml_model

JURISDICTIONS_FILE = Path(__file__).resolve().parent / "jurisdictions.yaml"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def _known_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown time zone {value!r}") from error
    return value


class Country(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    time_zone: str = Field(description="IANA time zone of the country (or of its capital, where it has several)")
    hours: list[str] = Field(default_factory=list, description="Shifts of a working day; empty = default_hours")
    subdivision_holidays: bool = Field(
        default=False, description="Subdivisions keep holidays of their own (else they follow the country's)")
    default_subdivision: str | None = Field(default=None,
                                            description="Subdivision whose holidays the bare country code means")
    subdivision_time_zones: dict[str, str] = Field(default_factory=dict,
                                                   description="Subdivision → IANA time zone, where it differs")

    @field_validator("time_zone")
    @classmethod
    def _zone(cls, value: str) -> str:
        return _known_zone(value)

    @field_validator("subdivision_time_zones")
    @classmethod
    def _zones(cls, value: dict[str, str]) -> dict[str, str]:
        return {subdivision: _known_zone(zone) for subdivision, zone in value.items()}


class JurisdictionTable(BaseModel):
    """Every country served, the years covered, and the default working hours."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    first_year: int = Field(ge=1990)
    last_year: int = Field(le=2100)
    default_hours: list[str] = Field(min_length=1)
    countries: dict[str, Country]

    def calendar_data(self, jurisdiction: str) -> CalendarData | None:
        """The calendar of a country or subdivision, or None when the country is not in the table or the
        subdivision has neither holidays (in the package) nor a time zone (in the table) of its own."""
        country_code, _, subdivision = jurisdiction.upper().partition("-")
        country = self.countries.get(country_code)
        if country is None:
            return None
        known = holidays.country_holidays(country_code).subdivisions
        if subdivision and subdivision not in known and subdivision not in country.subdivision_time_zones:
            return None
        holiday_subdivision = (subdivision or country.default_subdivision) if country.subdivision_holidays else None
        if holiday_subdivision not in known:
            holiday_subdivision = None
        years = range(self.first_year, self.last_year + 1)
        days = holidays.country_holidays(country_code, subdiv=holiday_subdivision, years=years)
        shifts = country.hours or self.default_hours
        where = f" ({holiday_subdivision})" if holiday_subdivision else ""
        return CalendarData.model_validate({
            "code": jurisdiction.upper(),
            "name": f"{country.name}{where}, public holidays from the holidays package",
            "time_zone": country.subdivision_time_zones.get(subdivision, country.time_zone),
            "jurisdictions": [jurisdiction.upper()],
            "working_hours": {day: list(shifts) for day in WEEKDAYS},
            "holidays": {year: {day: name for day, name in sorted(days.items()) if day.year == year}
                         for year in years},
            "extra_working_days": {day: "Working day (transferred day off)"
                                   for day in sorted(getattr(days, "weekend_workdays", ())) if day.year in years},
        })


def load_jurisdictions(path: Path = JURISDICTIONS_FILE) -> JurisdictionTable:
    """Read the jurisdiction table; a bad file names its line."""
    return load_yaml_model(path=path, model=JurisdictionTable)
