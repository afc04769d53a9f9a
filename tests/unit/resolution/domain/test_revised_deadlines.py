"""A case takes the deadlines routing counted again after staff corrected the priority: met ones stay met, the
service ones move by the pauses so far, one the corrected priority no longer sets stops counting."""

from datetime import UTC, datetime, timedelta

from complaint_contracts.resolution import CaseDeadlinesChanged
from complaint_contracts.routing import DeadlinesRevised
from complaint_contracts.types import Clock, Priority
from resolution.domain.case import Acting
from resolution.domain.lifecycle import request_information, resume_investigation
from resolution.domain.revised_deadlines import take_revised_deadlines
from resolution.domain.states import CaseAction, CaseState

from tests.unit.resolution.builders import MONDAY_9AM, open_case_in, regulatory_deadline, service_deadline

WEDNESDAY_CLOSE = datetime(2026, 3, 4, 17, 30, tzinfo=UTC)
TUESDAY_CLOSE = datetime(2026, 3, 3, 17, 30, tzinfo=UTC)
FRIDAY_CLOSE = datetime(2026, 3, 6, 17, 30, tzinfo=UTC)
EIGHT_WEEKS = MONDAY_9AM + timedelta(weeks=8)


def revised(*deadlines) -> DeadlinesRevised:  # type: ignore[no-untyped-def]
    return DeadlinesRevised(complaint_id="c-late-refund-0001", priority=Priority.CRITICAL,
                            previous_priority=Priority.MEDIUM, deadlines=list(deadlines), rules_version="2026.11.1",
                            reason="priority corrected from medium to critical")


def at(day: int, hour: int) -> Acting:
    return Acting(by="system", at=datetime(2026, 3, day, hour, 0, tzinfo=UTC), reason="priority corrected")


def test_unmet_deadlines_take_the_revised_times_and_met_ones_stay(gb_calendar) -> None:
    case = open_case_in(CaseState.OPENED, deadlines=[
        service_deadline(MONDAY_9AM + timedelta(hours=4), "acknowledge"), service_deadline(FRIDAY_CLOSE, "resolve"),
        regulatory_deadline(EIGHT_WEEKS)])
    case.deadlines[0].met_at = MONDAY_9AM + timedelta(minutes=1)
    version = case.version

    [changed] = take_revised_deadlines(
        case=case, calendar=gb_calendar, acting=at(2, 12),
        revised=revised(service_deadline(MONDAY_9AM + timedelta(hours=1), "acknowledge"),
                        service_deadline(TUESDAY_CLOSE, "resolve"), regulatory_deadline(EIGHT_WEEKS),
                        regulatory_deadline(MONDAY_9AM + timedelta(days=7), "urgent_report")))

    due = {d.name: (d.due_at, d.met_at is not None) for d in case.deadlines}
    assert due == {"acknowledge": (MONDAY_9AM + timedelta(hours=4), True), "resolve": (TUESDAY_CLOSE, False),
                   "final_response": (EIGHT_WEEKS, False), "urgent_report": (MONDAY_9AM + timedelta(days=7), False)}
    assert case.next_due_at == TUESDAY_CLOSE  # the queue sorts by the sooner deadline now
    assert isinstance(changed, CaseDeadlinesChanged)
    assert sorted(d.name for d in changed.deadlines) == ["final_response", "resolve", "urgent_report"]  # unmet
    assert changed.reason == "priority corrected from medium to critical"
    assert case.version == version + 1
    assert (case.audit[-1].action, case.audit[-1].detail["priority"]) == (CaseAction.REVISE_DEADLINES,
                                                                          "medium -> critical")


def test_service_deadlines_move_by_the_pauses_so_far_and_ones_no_longer_set_stop_counting(gb_calendar) -> None:
    case = open_case_in(CaseState.INVESTIGATING, deadlines=[
        service_deadline(FRIDAY_CLOSE, "resolve"), regulatory_deadline(EIGHT_WEEKS, "mdr_five_day_report")])
    request_information(case=case, acting=at(2, 10), request_id="r-1", question="Which order?")
    resume_investigation(case=case, acting=at(3, 10), calendar=gb_calendar)  # 8.5 working hours paused

    [changed] = take_revised_deadlines(case=case, calendar=gb_calendar, acting=at(3, 11),
                                       revised=revised(service_deadline(TUESDAY_CLOSE, "resolve")))

    [resolve] = case.deadlines
    assert (resolve.name, resolve.due_at, resolve.shifted_seconds) == ("resolve", WEDNESDAY_CLOSE, 8.5 * 3600)
    assert [d.name for d in changed.deadlines] == ["resolve"]
    assert all(d.clock is Clock.SERVICE for d in changed.deadlines)
