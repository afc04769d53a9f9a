"""The deadline scan raises each warning and each breach once; a service-SLA breach escalates one tier."""

from collections import Counter
from datetime import timedelta

from complaint_contracts.resolution import CaseEscalated, DeadlineBreached, DeadlineWarning
from complaint_contracts.types import Clock
from hypothesis import given, settings
from hypothesis import strategies as st
from resolution.domain.deadlines import next_alert_at, raise_deadline_alerts, scan_deadlines
from resolution.domain.lifecycle import request_information
from resolution.domain.policy import DEFAULT_POLICY, CasePolicy
from resolution.domain.states import CaseAction, CaseState

from tests.unit.resolution.builders import (
    ALWAYS_OPEN,
    MONDAY_9AM,
    open_case_in,
    regulatory_deadline,
    service_deadline,
    staff,
)

SERVICE_DUE = MONDAY_9AM + timedelta(days=10)
REGULATORY_DUE = MONDAY_9AM + timedelta(days=20)


def day(n: float):
    return MONDAY_9AM + timedelta(days=n)


def case_with_both_clocks(state=CaseState.INVESTIGATING, **routed):
    return open_case_in(state, deadlines=[service_deadline(SERVICE_DUE), regulatory_deadline(REGULATORY_DUE)],
                        **routed)


def scan(case, at, policy=DEFAULT_POLICY):
    return raise_deadline_alerts(case=case, now=at, calendar=ALWAYS_OPEN, policy=policy)


def kinds(events):
    return [(type(e).__name__, getattr(e, "clock", None)) for e in events]


def test_nothing_is_due_before_three_quarters_of_the_time():
    case = case_with_both_clocks()

    assert scan(case, day(7.4)) == []
    assert case.raised_alerts == []


def test_a_warning_is_raised_at_three_quarters_of_the_time_and_only_once():
    case = case_with_both_clocks()

    [warning] = scan(case, day(7.5))

    assert isinstance(warning, DeadlineWarning)
    assert (warning.deadline, warning.clock, warning.due_at, warning.elapsed_fraction) == (
        "final_response", Clock.SERVICE, SERVICE_DUE, 0.75)
    service = next(d for d in case.deadlines if d.clock is Clock.SERVICE)
    assert (warning.basis, warning.terms) == (service.basis, service.terms)  # the rule, for the mail to name
    assert warning.terms is not None
    assert scan(case, day(8)) == []


def test_a_service_breach_is_raised_once_and_escalates_one_tier():
    case = case_with_both_clocks()
    scan(case, day(8))

    events = scan(case, day(10))

    assert kinds(events) == [("DeadlineBreached", Clock.SERVICE), ("CaseEscalated", None)]
    escalated = events[1]
    assert (escalated.tier, escalated.trigger, escalated.by) == (2, "breach", "system")
    assert case.tier == 2
    assert scan(case, day(11)) == []
    assert case.tier == 2


def test_a_regulatory_breach_is_raised_without_escalating():
    case = case_with_both_clocks()
    scan(case, day(16))
    scan(case, day(17))
    tier = case.tier

    events = scan(case, day(20))

    assert kinds(events) == [("DeadlineBreached", Clock.REGULATORY)]
    assert case.tier == tier


def test_a_scan_that_comes_after_the_due_time_raises_only_the_breach():
    case = open_case_in(CaseState.INVESTIGATING, deadlines=[regulatory_deadline(REGULATORY_DUE)])

    assert kinds(scan(case, day(21))) == [("DeadlineBreached", Clock.REGULATORY)]


def test_a_paused_service_deadline_neither_warns_nor_breaches_while_the_regulatory_one_runs():
    case = case_with_both_clocks()
    request_information(case=case, acting=staff(24), request_id="r-1", question="Receipt?")

    events = scan(case, day(19))

    assert kinds(events) == [("DeadlineWarning", Clock.REGULATORY)]


def test_a_resolved_case_has_nothing_due():
    case = case_with_both_clocks(CaseState.RESOLVED)

    assert scan(case, day(30)) == []


def test_deadlines_another_service_keeps_are_not_scanned():
    case = open_case_in(CaseState.OPENED, deadlines=[service_deadline(day(1), name="acknowledgement")])

    assert scan(case, day(2)) == []


def test_at_the_top_tier_a_breach_is_raised_but_does_not_escalate():
    case = case_with_both_clocks()

    events = scan(case, day(10), policy=CasePolicy(max_tier=1))

    assert [type(e) for e in events] == [DeadlineBreached]
    assert case.tier == 1


def test_the_warning_fraction_is_configurable():
    case = case_with_both_clocks()

    [warning] = scan(case, day(5), policy=CasePolicy(warn_fraction=0.5))

    assert warning.elapsed_fraction == 0.5


def test_every_alert_is_recorded_on_the_case_with_an_audit_entry():
    case = case_with_both_clocks()
    version = case.version

    scan(case, day(7.5))

    assert [(a.deadline, a.clock, a.kind) for a in case.raised_alerts] == [("final_response", Clock.SERVICE, "warning")]
    assert case.version == version + 1
    assert (case.audit[-1].by, case.audit[-1].detail) == ("system", {"final_response/service": "warning"})


def test_the_scan_returns_only_the_cases_it_changed():
    quiet = case_with_both_clocks(complaint_id="c-quiet-00001")
    late = open_case_in(CaseState.INVESTIGATING, complaint_id="c-late-000001",
                        deadlines=[service_deadline(day(2))])

    results = scan_deadlines(cases=[quiet, late], now=day(3), calendar=ALWAYS_OPEN)

    assert [result.case.complaint_id for result in results] == ["c-late-000001"]
    assert [type(e) for e in results[0].events] == [DeadlineBreached, CaseEscalated]


@settings(max_examples=60, deadline=None)
@given(scan_hours=st.lists(st.integers(min_value=0, max_value=24 * 25), max_size=30))
def test_however_often_the_scan_runs_each_alert_is_raised_at_most_once(scan_hours):
    case = case_with_both_clocks()
    events = []
    for hour in sorted(scan_hours) + [24 * 25]:
        events += scan(case, MONDAY_9AM + timedelta(hours=hour))

    counted = Counter(kinds(events))
    assert counted[("DeadlineBreached", Clock.SERVICE)] == 1
    assert counted[("DeadlineBreached", Clock.REGULATORY)] == 1
    assert counted[("CaseEscalated", None)] == 1
    assert counted[("DeadlineWarning", Clock.SERVICE)] <= 1
    assert counted[("DeadlineWarning", Clock.REGULATORY)] <= 1


def test_the_scan_looks_again_at_the_first_warning_then_at_the_breach_then_never():
    case = case_with_both_clocks()

    assert next_alert_at(case=case, calendar=ALWAYS_OPEN) == day(7.5)
    scan(case, day(7.5))
    assert next_alert_at(case=case, calendar=ALWAYS_OPEN) == SERVICE_DUE
    scan(case, SERVICE_DUE)
    assert next_alert_at(case=case, calendar=ALWAYS_OPEN) == day(15)
    scan(case, day(15))
    scan(case, REGULATORY_DUE)
    assert next_alert_at(case=case, calendar=ALWAYS_OPEN) is None


def test_routing_deadlines_kept_by_intake_or_merely_informational_are_never_alerted():
    case = open_case_in(CaseState.INVESTIGATING, deadlines=[
        service_deadline(day(1), name="acknowledge"), regulatory_deadline(day(1), name="acknowledgement"),
        regulatory_deadline(day(1), name="summary_resolution_window")])

    assert scan(case, day(2)) == []


def test_a_cfpb_company_response_is_met_by_a_public_note():
    assert DEFAULT_POLICY.meets(deadline="company_response", action=CaseAction.ADD_PUBLIC_NOTE)
    assert not DEFAULT_POLICY.meets(deadline="company_response", action=CaseAction.INVESTIGATE)
