"""Each case's calendar from the shared calendar book: the one routing counted its deadlines in (named in their
terms), so that pauses, warnings, revisions and reopenings count the customer's working days and hours."""

from complaints_calendar import BusinessCalendar, CalendarBook

from ..domain.case import Case
from ..domain.sla_clocks import calendar_code


class JurisdictionCalendars:
    def __init__(self, book: CalendarBook, *, default_jurisdiction: str) -> None:
        self._book = book
        self._default = default_jurisdiction

    def for_case(self, case: Case) -> BusinessCalendar:
        return self._book.for_jurisdiction(calendar_code(case) or self._default)
