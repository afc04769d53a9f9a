"""What setup hands to the handlers and the API."""

from dataclasses import dataclass

from complaints_calendar import CalendarBook

from .config import AnalyticsSettings
from .service import AnalyticsService
from .store import MongoFactStore


@dataclass(frozen=True)
class AnalyticsDeps:
    service: AnalyticsService
    store: MongoFactStore
    calendars: CalendarBook
    settings: AnalyticsSettings
