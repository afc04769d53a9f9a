"""All calendars of the suite, read from the data directory, looked up by jurisdiction."""

from dataclasses import dataclass, field
from pathlib import Path

from .business_calendar import BusinessCalendar
from .model import CalendarData
from .yaml_model import load_yaml_model

CALENDAR_DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_CALENDAR = "EU"


@dataclass(frozen=True)
class CalendarBook:
    """Calendars by code, with the jurisdictions each one serves and a default for the rest."""

    calendars: dict[str, BusinessCalendar]
    default_code: str = DEFAULT_CALENDAR
    _by_jurisdiction: dict[str, BusinessCalendar] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.default_code not in self.calendars:
            raise ValueError(f"default calendar {self.default_code} is not among {sorted(self.calendars)}")
        by_jurisdiction: dict[str, BusinessCalendar] = {}
        for calendar in self.calendars.values():
            for jurisdiction in [calendar.code, *calendar.data.jurisdictions]:
                other = by_jurisdiction.setdefault(jurisdiction, calendar)
                if other is not calendar:
                    raise ValueError(f"jurisdiction {jurisdiction} is claimed by calendars {other.code} "
                                     f"and {calendar.code}")
        object.__setattr__(self, "_by_jurisdiction", by_jurisdiction)

    def for_jurisdiction(self, jurisdiction: str) -> BusinessCalendar:
        """The calendar whose business days apply in a country (the default calendar if none is listed)."""
        return self._by_jurisdiction.get(jurisdiction.upper(), self.calendars[self.default_code])


def load_calendar(*, path: Path) -> BusinessCalendar:
    """Read one calendar data file."""
    return BusinessCalendar(load_yaml_model(path=path, model=CalendarData))


def load_calendars(*, directory: Path = CALENDAR_DATA_DIR, default_code: str = DEFAULT_CALENDAR) -> CalendarBook:
    """Read every `*.yaml` calendar in a directory."""
    calendars = [load_calendar(path=path) for path in sorted(directory.glob("*.yaml"))]
    return CalendarBook(calendars={calendar.code: calendar for calendar in calendars}, default_code=default_code)
