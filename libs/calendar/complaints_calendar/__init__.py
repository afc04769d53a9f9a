"""Shared business calendar: business days and hours per jurisdiction, read from editable data files."""

from .business_calendar import RECEIPT_CONVENTION, BusinessCalendar, CalendarNotCovered
from .iso3166 import is_jurisdiction, lies_within, lineage, subdivisions_within
from .model import CalendarData, Shift, Weekday
from .national import JURISDICTIONS_FILE, JurisdictionTable, load_jurisdictions
from .place_names import place_name, zone_city
from .registry import CALENDAR_DATA_DIR, DEFAULT_CALENDAR, CalendarBook, load_calendar, load_calendars
from .yaml_model import DataFileError, Problem, load_yaml_model, parse_yaml_model

__all__ = [
    "CALENDAR_DATA_DIR",
    "JURISDICTIONS_FILE",
    "RECEIPT_CONVENTION",
    "JurisdictionTable",
    "load_jurisdictions",
    "DEFAULT_CALENDAR",
    "BusinessCalendar",
    "CalendarBook",
    "CalendarData",
    "CalendarNotCovered",
    "DataFileError",
    "Problem",
    "Shift",
    "Weekday",
    "is_jurisdiction",
    "lies_within",
    "lineage",
    "subdivisions_within",
    "load_calendar",
    "load_calendars",
    "load_yaml_model",
    "parse_yaml_model",
    "place_name",
    "zone_city",
]
