"""What a change met: the deadlines it met in time, counted once — never again by a later change of the case, never
when met late or after a breach, never for deadlines resolution does not keep."""

from datetime import timedelta

from complaint_contracts.types import Clock, Deadline, Outcome
from resolution.domain.changes import Before, CaseChange
from resolution.domain.deadlines import raise_deadline_alerts
from resolution.domain.lifecycle import request_information, resolve
from resolution.domain.policy import DEFAULT_POLICY
from resolution.domain.staffing import add_note
from resolution.domain.states import CaseState

from tests.unit.resolution.builders import (
    ALWAYS_OPEN,
    FCA_FINAL_RESPONSE,
    MONDAY_9AM,
    open_case_in,
    regulatory_deadline,
    service_deadline,
    staff,
)


def hours(n: float):
    return MONDAY_9AM + timedelta(hours=n)


def change_of(case, step) -> CaseChange:
    """Run `step` on the case and return its change as the service builds it."""
    before = Before.of(case)
    events = step(case)
    return CaseChange.of(case, list(events), before=before, next_alert_at=None, policy=DEFAULT_POLICY)


def resolving(at_hour: float):
    return lambda case: resolve(case=case, acting=staff(at_hour), outcome=Outcome.UPHELD,
                                final_response=FCA_FINAL_RESPONSE)


def public_note(at_hour: float, note_id: str = "n-1"):
    return lambda case: add_note(case=case, acting=staff(at_hour), note_id=note_id, text="On it", public=True)


def met(change: CaseChange) -> list[tuple[str, Clock]]:
    return [(d.name, d.clock) for d in change.deadlines_met]


def test_the_final_response_in_time_meets_both_clocks_once():
    case = open_case_in(CaseState.INVESTIGATING,
                        deadlines=[service_deadline(hours(48)), regulatory_deadline(hours(96))])

    resolved = change_of(case, resolving(5))
    noted = change_of(case, public_note(6))  # a later change of the same case: already met, not again

    assert met(resolved) == [("final_response", Clock.SERVICE), ("final_response", Clock.REGULATORY)]
    assert met(noted) == []


def test_a_deadline_met_late_is_not_met():
    case = open_case_in(CaseState.INVESTIGATING,
                        deadlines=[service_deadline(hours(4)), regulatory_deadline(hours(96))])

    resolved = change_of(case, resolving(5))

    assert case.deadlines[0].met_at == hours(5)  # met_at is set: the case no longer waits on it
    assert met(resolved) == [("final_response", Clock.REGULATORY)]


def test_a_breached_deadline_met_afterwards_counts_only_as_the_breach():
    case = open_case_in(CaseState.INVESTIGATING, deadlines=[service_deadline(hours(4))])
    raise_deadline_alerts(case=case, now=hours(4), calendar=ALWAYS_OPEN)

    assert met(change_of(case, resolving(5))) == []


def test_deadlines_another_service_keeps_or_that_only_inform_are_not_counted():
    kept_elsewhere = Deadline(name="acknowledge", clock=Clock.REGULATORY, due_at=hours(24), basis="DISP 1.6.1")
    informational = Deadline(name="summary_resolution_window", clock=Clock.REGULATORY, due_at=hours(72),
                             basis="DISP 1.5")
    case = open_case_in(CaseState.INVESTIGATING, deadlines=[kept_elsewhere, informational])

    assert met(change_of(case, resolving(5))) == []
    assert all(d.met_at == hours(5) for d in case.deadlines)


def test_a_service_deadline_met_while_paused_is_judged_by_when_the_clock_stopped():
    # The holding response falls due at hour 10 by the stale due time; the pause started at hour 2 stopped the
    # clock with 8 hours left, so a public note at hour 20, still waiting for the customer, is in time.
    holding = service_deadline(hours(10), name="holding_response")
    case = open_case_in(CaseState.INVESTIGATING, deadlines=[holding])
    request_information(case=case, acting=staff(2), request_id="r-1", question="Which order was it?")

    assert met(change_of(case, public_note(20))) == [("holding_response", Clock.SERVICE)]


def test_a_service_deadline_whose_pause_began_after_it_fell_due_is_late():
    holding = service_deadline(hours(10), name="holding_response")
    case = open_case_in(CaseState.INVESTIGATING, deadlines=[holding])
    request_information(case=case, acting=staff(12), request_id="r-1", question="Which order was it?")

    assert met(change_of(case, public_note(20))) == []


def test_a_new_case_has_met_nothing():
    case = open_case_in(deadlines=[service_deadline(hours(48))])

    change = CaseChange.of(case, [], before=None, next_alert_at=None, policy=DEFAULT_POLICY)

    assert change.deadlines_met == []
