from datetime import UTC, datetime

import pytest
from complaint_contracts.types import Clock, Priority, Regime
from complaints_calendar import CalendarBook
from routing.domain.deadlines import regulatory_deadlines, service_deadlines
from routing.domain.rule_set import RuleSet

RECEIVED = datetime(2026, 3, 26, 10, 0, tzinfo=UTC)  # Thursday; Good Friday 3 April and Easter Monday 6 April follow


def due(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(("regime", "jurisdiction", "priority", "expected"), [
    (Regime.NONE, "GB", Priority.HIGH, {}),
    (Regime.UK_FCA_DISP, "GB", Priority.LOW, {
        "summary_resolution_window": due(2026, 3, 31, 16, 30),     # close of business day 3, after BST starts
        "acknowledgement": due(2026, 4, 2, 16, 30),
        "final_response": due(2026, 5, 21, 9, 0),                  # 8 weeks, same local time (10:00 → 10:00 BST)
    }),
    (Regime.UK_PSD, "GB", Priority.LOW, {
        "summary_resolution_window": due(2026, 3, 31, 16, 30),
        "acknowledgement": due(2026, 4, 2, 16, 30),
        "final_response": due(2026, 4, 20, 16, 30),                # 15 business days, Easter skipped
        "final_response_exceptional": due(2026, 5, 19, 16, 30),    # 35 business days, 4 May bank holiday skipped
    }),
    (Regime.EU_PSD2, "DE", Priority.LOW, {
        "final_response": due(2026, 4, 20, 15, 0),                 # TARGET2: Good Friday, Easter Monday closed
        "final_response_exceptional": due(2026, 5, 19, 15, 0),     # 1 May closed too
    }),
    (Regime.US_CFPB, "US", Priority.LOW, {
        "company_response": due(2026, 4, 10, 10, 0),               # 15 calendar days, 06:00 EDT kept
        "final_response": due(2026, 5, 25, 10, 0),
    }),
    (Regime.US_FDA_MDR, "US", Priority.HIGH, {"mdr_report": due(2026, 4, 25, 10, 0)}),
    (Regime.US_FDA_MDR, "US", Priority.CRITICAL, {
        "mdr_report": due(2026, 4, 25, 10, 0),
        "mdr_five_day_report": due(2026, 4, 2, 21, 0),             # 5 work days, US federal calendar
    }),
])
def test_regulatory_deadlines_run_from_receipt(calendars: CalendarBook, regime: Regime, jurisdiction: str,
                                               priority: Priority, expected: dict[str, datetime]) -> None:
    deadlines = regulatory_deadlines(regime=regime, priority=priority, received_at=RECEIVED,
                                     calendar=calendars.for_jurisdiction(jurisdiction))
    assert {deadline.name: deadline.due_at for deadline in deadlines} == expected
    assert all(deadline.clock is Clock.REGULATORY for deadline in deadlines)


@pytest.mark.parametrize(("regime", "name", "basis"), [
    (Regime.UK_FCA_DISP, "final_response", "8 weeks from receipt (FCA DISP 1.6.2)"),
    (Regime.UK_PSD, "final_response", "close of business on business day 15 after receipt, GB calendar "
                                      "(FCA DISP 1.6.2A)"),
    (Regime.UK_FCA_DISP, "summary_resolution_window", "business day 3 after receipt, GB calendar (FCA DISP 1.5)"),
    (Regime.US_CFPB, "final_response", "60 calendar days from receipt (CFPB company portal)"),
])
def test_every_regulatory_deadline_states_its_basis(calendars: CalendarBook, regime: Regime, name: str,
                                                    basis: str) -> None:
    deadlines = regulatory_deadlines(regime=regime, priority=Priority.LOW, received_at=RECEIVED,
                                     calendar=calendars.for_jurisdiction("GB"))
    assert basis in next(deadline.basis for deadline in deadlines if deadline.name == name)


@pytest.mark.parametrize(("priority", "jurisdiction", "expected"), [
    (Priority.CRITICAL, "GB", {"acknowledge": due(2026, 3, 26, 11, 0), "first_response": due(2026, 3, 26, 14, 0),
                               "resolve": due(2026, 3, 31, 16, 30)}),
    (Priority.LOW, "GB", {"acknowledge": due(2026, 3, 27, 17, 30), "first_response": due(2026, 3, 31, 16, 30),
                          "resolve": due(2026, 4, 20, 16, 30)}),
    # 13:00 in Minsk is the lunch break of the split shift: the clock starts at 14:00.
    (Priority.HIGH, "BY", {"acknowledge": due(2026, 3, 26, 15, 0), "first_response": due(2026, 3, 27, 10, 0),
                           "resolve": due(2026, 4, 2, 15, 0)}),
])
def test_service_levels_count_business_time_of_the_jurisdiction(rule_set: RuleSet, calendars: CalendarBook,
                                                                priority: Priority, jurisdiction: str,
                                                                expected: dict[str, datetime]) -> None:
    deadlines = service_deadlines(priority=priority, received_at=RECEIVED, rule_set=rule_set,
                                  calendar=calendars.for_jurisdiction(jurisdiction))
    assert {deadline.name: deadline.due_at for deadline in deadlines} == expected
    assert all(deadline.clock is Clock.SERVICE and f"{priority} priority" in deadline.basis for deadline in deadlines)
