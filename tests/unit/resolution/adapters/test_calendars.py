"""Each case is counted in the calendar its deadlines name (the customer's), else in the configured default."""

from datetime import date, timedelta

from complaint_contracts.types import Clock, Deadline, DeadlineTerms, DeadlineUnit, Priority
from complaints_calendar import load_calendars
from resolution.adapters.calendars import JurisdictionCalendars

from tests.unit.resolution.builders import MONDAY_9AM, open_case_in, regulatory_deadline

CALENDARS = JurisdictionCalendars(load_calendars(), default_jurisdiction="GB")


def belarusian_case():
    terms = DeadlineTerms(amount=24, unit=DeadlineUnit.BUSINESS_HOURS, calendar="BY", time_zone="Europe/Minsk",
                          priority=Priority.MEDIUM)
    return open_case_in(deadlines=[Deadline(name="resolve", clock=Clock.SERVICE, basis="24 working hours",
                                            due_at=MONDAY_9AM + timedelta(days=3), terms=terms)])


def test_a_case_is_counted_in_the_calendar_its_deadlines_name():
    calendar = CALENDARS.for_case(belarusian_case())

    assert (calendar.code, calendar.zone.key) == ("BY", "Europe/Minsk")
    independence_day = date(2026, 7, 3)  # a Friday: a holiday in Belarus, a working day in England
    assert not calendar.is_business_day(independence_day)
    assert CALENDARS.for_case(open_case_in()).is_business_day(independence_day)


def test_a_case_whose_deadlines_name_no_calendar_is_counted_in_the_default():
    case = open_case_in(deadlines=[regulatory_deadline(MONDAY_9AM + timedelta(weeks=8))])

    assert CALENDARS.for_case(case).code == "GB"
