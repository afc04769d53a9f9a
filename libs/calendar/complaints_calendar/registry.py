"""All calendars of the suite, looked up by jurisdiction: the calendar files in the data directory first, then the
national calendar of the jurisdiction (public holidays and time zone, see national.py), each tried for the
jurisdiction and then for the ISO 3166-2 subdivisions and the country it lies in (iso3166.py); then the default."""

from dataclasses import dataclass, field
from pathlib import Path

from .business_calendar import BusinessCalendar
from .iso3166 import lineage
from .model import CalendarData
from .national import JurisdictionTable, load_jurisdictions
from .yaml_model import load_yaml_model

CALENDAR_DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_CALENDAR = "EU"


@dataclass(frozen=True)
class CalendarBook:
    """Calendars by code, with the jurisdictions each one serves, national calendars, and a default for the rest.

    Lookup order for a jurisdiction (ISO 3166-1 or 3166-2): a calendar file naming it; its national calendar; the
    same two for each subdivision it lies in, nearest first (GB-EDH: GB-SCT), then for its country; the default
    calendar.
    """

    calendars: dict[str, BusinessCalendar]
    default_code: str = DEFAULT_CALENDAR
    national: JurisdictionTable | None = None
    _by_jurisdiction: dict[str, BusinessCalendar] = field(init=False, repr=False)
    _national_cache: dict[str, BusinessCalendar | None] = field(init=False, repr=False, default_factory=dict)

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

    def _national_calendar(self, jurisdiction: str) -> BusinessCalendar | None:
        if self.national is None:
            return None
        if jurisdiction not in self._national_cache:
            data = self.national.calendar_data(jurisdiction)
            self._national_cache[jurisdiction] = BusinessCalendar(data) if data is not None else None
        return self._national_cache[jurisdiction]

    def for_jurisdiction(self, jurisdiction: str) -> BusinessCalendar:
        """The calendar whose business days and time zone apply in a country or subdivision: its own, else that of
        the nearest subdivision it lies in that has one, else its country's, else the default."""
        for code in lineage(jurisdiction):
            calendar = self._by_jurisdiction.get(code) or self._national_calendar(code)
            if calendar is not None:
                return calendar
        return self.calendars[self.default_code]


def load_calendar(*, path: Path) -> BusinessCalendar:
    """Read one calendar data file."""
    return BusinessCalendar(load_yaml_model(path=path, model=CalendarData))


def load_calendars(*, directory: Path = CALENDAR_DATA_DIR, default_code: str = DEFAULT_CALENDAR,
                   national: JurisdictionTable | None = None) -> CalendarBook:
    """Read every `*.yaml` calendar in a directory, beside the national calendars (the packaged table by default)."""
    calendars = [load_calendar(path=path) for path in sorted(directory.glob("*.yaml"))]
    return CalendarBook(calendars={calendar.code: calendar for calendar in calendars}, default_code=default_code,
                        national=national or load_jurisdictions())
