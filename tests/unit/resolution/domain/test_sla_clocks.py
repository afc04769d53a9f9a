"""The service SLA pauses while the customer is asked for something; the regulatory clock never pauses."""

from datetime import UTC, datetime, timedelta

from complaint_contracts.types import Clock
from hypothesis import given, settings
from hypothesis import strategies as st
from resolution.domain.case import Acting
from resolution.domain.lifecycle import request_information, resume_investigation
from resolution.domain.sla_clocks import elapsed_fraction
from resolution.domain.states import CaseState

from tests.unit.resolution.builders import (
    ALWAYS_OPEN,
    MONDAY_9AM,
    open_case_in,
    regulatory_deadline,
    service_deadline,
)

WEDNESDAY_CLOSE = datetime(2026, 3, 4, 17, 30, tzinfo=UTC)
THURSDAY_CLOSE = datetime(2026, 3, 5, 17, 30, tzinfo=UTC)
FCA_EIGHT_WEEKS = MONDAY_9AM + timedelta(weeks=8)


def agent(at: datetime) -> Acting:
    return Acting(by="emp-0042", at=at)


def investigating_case_with_both_clocks():
    return open_case_in(CaseState.INVESTIGATING, deadlines=[service_deadline(WEDNESDAY_CLOSE),
                                                            regulatory_deadline(FCA_EIGHT_WEEKS)])


def deadline(case, clock):
    return next(d for d in case.deadlines if d.clock is clock)


def test_resuming_moves_the_service_deadline_by_the_working_time_paused(gb_calendar):
    case = investigating_case_with_both_clocks()
    request_information(case=case, acting=agent(datetime(2026, 3, 2, 10, 0, tzinfo=UTC)), request_id="r-1",
                        question="Which order?")

    [resumed] = resume_investigation(case=case, acting=agent(datetime(2026, 3, 3, 10, 0, tzinfo=UTC)),
                                     calendar=gb_calendar)

    # Monday 10:00-17:30 and Tuesday 09:00-10:00 are 8.5 working hours: a whole working day later.
    assert resumed.paused_seconds == 8.5 * 3600
    assert deadline(case, Clock.SERVICE).due_at == THURSDAY_CLOSE
    assert [d.due_at for d in resumed.service_deadlines] == [THURSDAY_CLOSE]
    assert [d.terms for d in resumed.service_deadlines] == [service_deadline(WEDNESDAY_CLOSE).terms]  # rule kept
    assert case.pauses[-1].working_seconds == 8.5 * 3600


def test_the_regulatory_clock_never_pauses(gb_calendar):
    case = investigating_case_with_both_clocks()
    request_information(case=case, acting=agent(datetime(2026, 3, 2, 10, 0, tzinfo=UTC)), request_id="r-1",
                        question="Which order?")

    resume_investigation(case=case, acting=agent(datetime(2026, 3, 9, 10, 0, tzinfo=UTC)), calendar=gb_calendar)

    assert deadline(case, Clock.REGULATORY).due_at == FCA_EIGHT_WEEKS


def test_a_pause_over_the_weekend_counts_only_working_hours(gb_calendar):
    friday_half_past_four = datetime(2026, 3, 6, 16, 30, tzinfo=UTC)
    monday_half_past_nine = datetime(2026, 3, 9, 9, 30, tzinfo=UTC)
    case = open_case_in(CaseState.INVESTIGATING, deadlines=[service_deadline(datetime(2026, 3, 10, 12, 0, tzinfo=UTC))])
    request_information(case=case, acting=agent(friday_half_past_four), request_id="r-1", question="Receipt?")

    [resumed] = resume_investigation(case=case, acting=agent(monday_half_past_nine), calendar=gb_calendar)

    assert resumed.paused_seconds == 1.5 * 3600
    assert deadline(case, Clock.SERVICE).due_at == datetime(2026, 3, 10, 13, 30, tzinfo=UTC)


def test_asking_again_while_waiting_keeps_one_pause_running(gb_calendar):
    case = investigating_case_with_both_clocks()
    request_information(case=case, acting=agent(datetime(2026, 3, 2, 10, 0, tzinfo=UTC)), request_id="r-1",
                        question="Which order?")
    request_information(case=case, acting=agent(datetime(2026, 3, 2, 12, 0, tzinfo=UTC)), request_id="r-2",
                        question="And the receipt?")

    [resumed] = resume_investigation(case=case, acting=agent(datetime(2026, 3, 3, 10, 0, tzinfo=UTC)),
                                     calendar=gb_calendar)

    assert len(case.pauses) == 1
    assert (resumed.request_id, resumed.paused_seconds) == ("r-2", 8.5 * 3600)


def test_met_service_deadlines_do_not_move(gb_calendar):
    case = open_case_in(CaseState.INVESTIGATING, deadlines=[service_deadline(WEDNESDAY_CLOSE, name="first_response")])
    request_information(case=case, acting=agent(datetime(2026, 3, 2, 10, 0, tzinfo=UTC)), request_id="r-1",
                        question="Which order?")

    resume_investigation(case=case, acting=agent(datetime(2026, 3, 3, 10, 0, tzinfo=UTC)), calendar=gb_calendar)

    first_response = deadline(case, Clock.SERVICE)
    assert first_response.met_at == datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    assert first_response.due_at == WEDNESDAY_CLOSE


pause_hours = st.integers(min_value=0, max_value=24 * 30)


@settings(max_examples=50, deadline=None)
@given(start_after=st.integers(min_value=1, max_value=48), paused=pause_hours, more=pause_hours)
def test_round_the_clock_pauses_move_the_deadline_by_their_wall_clock_length(start_after, paused, more):
    due = MONDAY_9AM + timedelta(days=20)
    case = open_case_in(CaseState.INVESTIGATING, deadlines=[service_deadline(due)])
    asked = MONDAY_9AM + timedelta(hours=start_after)
    request_information(case=case, acting=agent(asked), request_id="r-1", question="Receipt?")
    resume_investigation(case=case, acting=agent(asked + timedelta(hours=paused)), calendar=ALWAYS_OPEN)
    again = asked + timedelta(hours=paused + 1)
    request_information(case=case, acting=agent(again), request_id="r-2", question="Photo?")
    resume_investigation(case=case, acting=agent(again + timedelta(hours=more)), calendar=ALWAYS_OPEN)

    assert deadline(case, Clock.SERVICE).due_at == due + timedelta(hours=paused + more)


@settings(max_examples=50, deadline=None)
@given(waited=st.integers(min_value=0, max_value=24 * 10))
def test_used_share_of_a_service_deadline_freezes_while_paused(waited):
    due = MONDAY_9AM + timedelta(days=10)
    case = open_case_in(CaseState.INVESTIGATING, deadlines=[service_deadline(due)])
    asked = MONDAY_9AM + timedelta(days=2)
    request_information(case=case, acting=agent(asked), request_id="r-1", question="Receipt?")
    service = deadline(case, Clock.SERVICE)

    used = elapsed_fraction(service, now=asked + timedelta(hours=waited), calendar=ALWAYS_OPEN,
                            paused_since=case.open_pause.started_at)

    assert used == 0.2


def test_used_share_after_a_pause_excludes_the_paused_time():
    due = MONDAY_9AM + timedelta(days=10)
    case = open_case_in(CaseState.INVESTIGATING, deadlines=[service_deadline(due)])
    request_information(case=case, acting=agent(MONDAY_9AM + timedelta(days=2)), request_id="r-1", question="?")
    resume_investigation(case=case, acting=agent(MONDAY_9AM + timedelta(days=5)), calendar=ALWAYS_OPEN)

    used = elapsed_fraction(deadline(case, Clock.SERVICE), now=MONDAY_9AM + timedelta(days=6), calendar=ALWAYS_OPEN,
                            paused_since=None)

    assert used == 0.3
