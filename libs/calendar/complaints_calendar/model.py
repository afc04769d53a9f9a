"""The shape of a calendar data file: time zone, weekly working hours, holidays per year."""

import re
from datetime import date, time
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator

_SHIFT = re.compile(r"^(?P<start>\d{2}:\d{2})-(?P<end>\d{2}:\d{2})$")


class Weekday(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @classmethod
    def of(cls, day: date) -> "Weekday":
        return list(cls)[day.weekday()]


class Shift(BaseModel):
    """One stretch of working time within a day; `end` may be 24:00 for the end of the day."""

    model_config = ConfigDict(frozen=True)

    start: time
    end: time | None = Field(description="None means midnight at the end of the day (24:00)")

    @classmethod
    def parse(cls, text: str) -> "Shift":
        match = _SHIFT.match(text.strip())
        if match is None:
            raise ValueError(f"shift {text!r} must look like 09:00-17:30")
        start = time.fromisoformat(match["start"])
        end = None if match["end"] == "24:00" else time.fromisoformat(match["end"])
        if end is not None and end <= start:
            raise ValueError(f"shift {text!r} must end after it starts (use 24:00 for midnight)")
        return cls(start=start, end=end)


def _parse_shifts(value: object) -> object:
    if isinstance(value, list):
        return [Shift.parse(item) if isinstance(item, str) else item for item in value]
    return value


class CalendarData(BaseModel):
    """A business calendar as stored in a YAML file (editable without code)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(pattern=r"^[A-Z]{2,8}(-[A-Z0-9]{1,3})?$", description="Calendar code, e.g. GB or GB-SCT")
    name: str = Field(min_length=1)
    time_zone: str = Field(description="IANA time zone, e.g. Europe/London")
    jurisdictions: list[str] = Field(default_factory=list,
                                     description="Countries or ISO 3166-2 subdivisions that use this calendar")
    working_hours: dict[Weekday, list[Shift]] = Field(description="Shifts per weekday; absent day = closed")
    extra_working_day_hours: list[Shift] = Field(
        default_factory=list, description="Shifts on extra working days; empty = Monday's shifts")
    holidays: dict[int, dict[date, str]] = Field(description="Public holidays per year; a year listed is covered")
    extra_working_days: dict[date, str] = Field(
        default_factory=dict, description="Weekend days that are working days (transferred days off)")

    @field_validator("working_hours", mode="before")
    @classmethod
    def _shifts_per_day(cls, value: object) -> object:
        if isinstance(value, dict):
            return {day: _parse_shifts(shifts) for day, shifts in value.items()}
        return value

    @field_validator("extra_working_day_hours", mode="before")
    @classmethod
    def _extra_shifts(cls, value: object) -> object:
        return _parse_shifts(value)

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r}") from error
        return value

    @field_validator("working_hours")
    @classmethod
    def _ordered_shifts(cls, value: dict[Weekday, list[Shift]]) -> dict[Weekday, list[Shift]]:
        for day, shifts in value.items():
            for earlier, later in zip(shifts, shifts[1:], strict=False):
                if earlier.end is None or later.start < earlier.end:
                    raise ValueError(f"shifts on {day} must be in order and must not overlap")
        if not any(value.values()):
            raise ValueError("at least one weekday needs working hours")
        return value

    @field_validator("holidays")
    @classmethod
    def _holidays_in_their_year(cls, value: dict[int, dict[date, str]]) -> dict[int, dict[date, str]]:
        for year, days in value.items():
            strays = [day.isoformat() for day in days if day.year != year]
            if strays:
                raise ValueError(f"holidays listed under {year} fall in another year: {', '.join(strays)}")
        return value
