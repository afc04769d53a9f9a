from datetime import UTC, datetime, time

import pytest
from complaint_contracts import Clock, Deadline, DeadlineTerms, DeadlineUnit
from complaints_calendar import Shift
from notification.domain.business_time import Workdays, business_time, counted_in

from tests.unit.notification.builders import CALENDARS, make_facts


def _routed_in(calendar: str, zone: str, unit: DeadlineUnit = DeadlineUnit.BUSINESS_DAYS) -> Deadline:
    return Deadline(name="final_response", clock=Clock.REGULATORY, due_at=datetime(2026, 4, 1, tzinfo=UTC),
                    basis="words", terms=DeadlineTerms(amount=15, unit=unit, calendar=calendar, time_zone=zone))


def _facts(jurisdiction: str, *deadlines: Deadline):
    return make_facts(jurisdiction=jurisdiction).model_copy(update={"deadlines": deadlines})


def test_the_deadlines_own_calendar_and_zone_win_over_the_jurisdictions():
    facts = _facts("US", _routed_in("US-CA", "America/Los_Angeles"))

    found = business_time(facts=facts, calendars=CALENDARS)

    assert (found.calendar, found.time_zone) == ("US-CA", "America/Los_Angeles")


@pytest.mark.parametrize(("jurisdiction", "zone"), [
    ("GB-ENG", "Europe/London"), ("GB-SCT", "Europe/London"), ("DE", "Europe/Berlin"), ("DE-BY", "Europe/Berlin"),
    ("ES", "Europe/Madrid"), ("ES-CN", "Atlantic/Canary"), ("US", "America/New_York"),
    ("US-CA", "America/Los_Angeles"), ("BY", "Europe/Minsk"),
])
def test_without_terms_the_zone_is_the_calendar_librarys_for_the_jurisdiction(jurisdiction, zone):
    untermed = Deadline(name="final_response", clock=Clock.REGULATORY, due_at=datetime(2026, 4, 1, tzinfo=UTC),
                        basis="published before deadlines carried their terms")

    before_routing = business_time(facts=_facts(jurisdiction), calendars=CALENDARS)
    routed_without_terms = business_time(facts=_facts(jurisdiction, untermed), calendars=CALENDARS)

    assert before_routing.time_zone == routed_without_terms.time_zone == zone
    assert before_routing.calendar == jurisdiction


def test_the_working_week_is_the_calendars_with_weekdays_of_equal_shifts_taken_together():
    england = business_time(facts=_facts("GB-ENG"), calendars=CALENDARS)
    belarus = business_time(facts=_facts("BY"), calendars=CALENDARS)

    assert england.week == (Workdays(first=0, last=4, shifts=(Shift(start=time(9), end=time(17, 30)),)),)
    assert belarus.week == (Workdays(first=0, last=4, shifts=(Shift(start=time(9), end=time(13)),
                                                              Shift(start=time(14), end=time(18)))),)
    assert (england.transferred_working_days, belarus.transferred_working_days) == (False, True)


def test_the_units_counted_in_come_from_the_terms_of_the_deadlines_that_have_them():
    weeks = _routed_in("GB-ENG", "Europe/London", DeadlineUnit.CALENDAR_WEEKS)
    days = _routed_in("GB-ENG", "Europe/London", DeadlineUnit.BUSINESS_DAYS)
    untermed = days.model_copy(update={"terms": None})

    assert counted_in([weeks, days, untermed]) == {"calendar_weeks", "business_days"}
    assert counted_in([untermed]) == frozenset()
