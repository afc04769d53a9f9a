from datetime import UTC, datetime

import pytest
from complaint_contracts.types import Clock, DeadlineUnit, Priority, Regime
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
        "final_response": due(2026, 4, 20, 15, 0),                 # Germany: Good Friday, Easter Monday closed
        # 1 May and Ascension (14 May) closed too; the shared TARGET2 calendar missed Ascension (19 May, a day early)
        "final_response_exceptional": due(2026, 5, 20, 15, 0),
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
    (Regime.UK_FCA_DISP, "final_response", "8 weeks from receipt, same local time in Europe/London (FCA DISP 1.6.2)"),
    (Regime.UK_PSD, "final_response", "close of business on business day 15 after the local date of receipt "
                                      "(whatever the hour), GB calendar, Europe/London (FCA DISP 1.6.2A)"),
    (Regime.UK_FCA_DISP, "summary_resolution_window", "business day 3 after the local date of receipt"),
    (Regime.US_CFPB, "final_response", "60 calendar days from receipt, same local time in Europe/London "
                                       "(CFPB company portal)"),
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


def test_a_pacific_complaint_after_friday_closing_runs_on_californian_business_time(
        rule_set: RuleSet, calendars: CalendarBook) -> None:
    # Friday 27 March 2026, 17:30 PDT (Saturday 00:30 UTC): received after closing in California. By hand: the
    # one-hour acknowledgement is due Monday 10:00 PDT (17:00 UTC); four hours Monday 13:00 PDT (20:00 UTC); three
    # business days after the local date of receipt (Friday) end Wednesday 1 April, 17:00 PDT (Thursday 00:00 UTC).
    received = due(2026, 3, 28, 0, 30)
    deadlines = service_deadlines(priority=Priority.CRITICAL, received_at=received, rule_set=rule_set,
                                  calendar=calendars.for_jurisdiction("US-CA"))
    assert {deadline.name: deadline.due_at for deadline in deadlines} == {
        "acknowledge": due(2026, 3, 30, 17, 0), "first_response": due(2026, 3, 30, 20, 0),
        "resolve": due(2026, 4, 2, 0, 0)}
    assert all("America/Los_Angeles" in deadline.basis for deadline in deadlines)
    assert "out of hours the clock starts at the next opening" in deadlines[0].basis


def test_german_whit_monday_moves_a_psd2_deadline(calendars: CalendarBook) -> None:
    # Received Friday 15 May 2026, 10:00 CEST. 15 German business days: 18-22 May (5), Whit Monday 25 May skipped,
    # 26-29 May (9), 1-5 June (14), 8 June (15) → 17:00 CEST = 15:00 UTC. TARGET2 kept Whit Monday open: 5 June.
    deadlines = regulatory_deadlines(regime=Regime.EU_PSD2, priority=Priority.LOW, received_at=due(2026, 5, 15, 8, 0),
                                     calendar=calendars.for_jurisdiction("DE"))
    assert next(d.due_at for d in deadlines if d.name == "final_response") == due(2026, 6, 8, 15, 0)


def test_st_andrews_day_counts_in_scotland_not_in_england(rule_set: RuleSet, calendars: CalendarBook) -> None:
    received = due(2026, 11, 27, 10, 0)  # Friday; Monday 30 November is St Andrew's Day
    scottish, english = (service_deadlines(priority=Priority.HIGH, received_at=received, rule_set=rule_set,
                                           calendar=calendars.for_jurisdiction(code)) for code in ("GB-SCT", "GB-ENG"))
    assert {d.name: d.due_at for d in scottish}["resolve"] == due(2026, 12, 7, 17, 30)   # 5 business days, 30th off
    assert {d.name: d.due_at for d in english}["resolve"] == due(2026, 12, 4, 17, 30)


def test_each_deadline_carries_its_rule_as_terms_for_readers_in_other_languages(rule_set: RuleSet,
                                                                               calendars: CalendarBook) -> None:
    calendar = calendars.for_jurisdiction("US-CA")
    service = service_deadlines(priority=Priority.CRITICAL, received_at=RECEIVED, rule_set=rule_set,
                                calendar=calendar)
    level = rule_set.service_levels[Priority.CRITICAL]
    for deadline, target in zip(service, (level.acknowledge, level.first_response, level.resolve), strict=True):
        terms = deadline.terms
        assert terms is not None and terms.priority is Priority.CRITICAL and terms.source is None
        assert (terms.amount, terms.unit) == ((target.business_hours, DeadlineUnit.BUSINESS_HOURS)
                                              if target.business_hours else
                                              (target.business_days, DeadlineUnit.BUSINESS_DAYS))
        assert (terms.calendar, terms.time_zone, terms.rules_version) == (calendar.code, "America/Los_Angeles",
                                                                         rule_set.version)
    regulatory = {d.name: d.terms for d in regulatory_deadlines(
        regime=Regime.UK_PSD, priority=Priority.LOW, received_at=RECEIVED, calendar=calendars.for_jurisdiction("GB"))}
    final = regulatory["final_response"]
    assert final is not None and (final.amount, final.unit, final.source) == (15, DeadlineUnit.BUSINESS_DAYS,
                                                                              "FCA DISP 1.6.2A")
    weeks = {d.name: d.terms for d in regulatory_deadlines(
        regime=Regime.UK_FCA_DISP, priority=Priority.LOW, received_at=RECEIVED,
        calendar=calendars.for_jurisdiction("GB"))}["final_response"]
    assert weeks is not None and (weeks.amount, weeks.unit, weeks.priority) == (8, DeadlineUnit.CALENDAR_WEEKS, None)
