"""A reopened case gets running deadlines again: the service SLA as the policy says, the regulatory clock as the
regime says; alerts of the earlier round do not count for the new one."""

from datetime import UTC, datetime, timedelta

from complaint_contracts.resolution import CaseDeadlinesChanged, ComplaintReopened
from complaint_contracts.routing import DeadlinesRevised
from complaint_contracts.types import Clock, Deadline, DeadlineTerms, DeadlineUnit, Outcome, Priority, Regime
from resolution.domain.alerts import is_breached
from resolution.domain.case import AlertKind
from resolution.domain.deadlines import due_alerts, next_alert_at, raise_deadline_alerts
from resolution.domain.lifecycle import resolve
from resolution.domain.policy import CasePolicy
from resolution.domain.reopening import reopen, restart_deadlines
from resolution.domain.revised_deadlines import take_revised_deadlines
from resolution.domain.states import CaseState

from tests.unit.resolution.builders import (
    ALWAYS_OPEN,
    MONDAY_9AM,
    open_case_in,
    regulatory_deadline,
    service_deadline,
    staff,
)

EIGHT_WEEKS = timedelta(weeks=8)


def resolved(regime=Regime.UK_FCA_DISP, **extra):
    deadlines = [service_deadline(MONDAY_9AM + timedelta(days=10), name="resolve"),
                 service_deadline(MONDAY_9AM + timedelta(days=1), name="first_response"),
                 regulatory_deadline(MONDAY_9AM + EIGHT_WEEKS)]
    return open_case_in(CaseState.CLOSED, regime=regime, deadlines=deadlines, **extra)


def deadline(case, name, clock):
    return next(d for d in case.deadlines if (d.name, d.clock) == (name, clock))


def test_the_deadlines_the_final_response_met_run_again_in_full_from_the_reopening():
    case = resolved()
    reopened_at = staff(24 * 20).at

    reopened, changed = reopen(case=case, acting=staff(24 * 20, reason="the refund bounced"), calendar=ALWAYS_OPEN)

    service, regulatory = deadline(case, "resolve", Clock.SERVICE), deadline(case, "final_response", Clock.REGULATORY)
    # The service target's terms (10 business days) counted again: close of business on the tenth day after the
    # reopening's date; the regulatory deadline, published without terms, runs its eight weeks again.
    ten_business_days = datetime(2026, 4, 2, 0, 0, tzinfo=UTC)
    assert isinstance(reopened, ComplaintReopened) and isinstance(changed, CaseDeadlinesChanged)
    assert [(d.name, d.due_at) for d in changed.deadlines] == [  # what the customer's page now counts down
        ("resolve", ten_business_days), ("final_response", reopened_at + EIGHT_WEEKS)]
    assert (service.met_at, service.started_at, service.due_at) == (None, reopened_at, ten_business_days)
    assert (regulatory.met_at, regulatory.due_at) == (None, reopened_at + EIGHT_WEEKS)
    assert deadline(case, "first_response", Clock.SERVICE).met_at is not None  # first contact is not owed again
    assert case.next_due_at == ten_business_days
    assert service.terms is not None and service.terms.counted_from == reopened_at  # "from the reopening"
    assert case.audit[-1].detail["deadlines_restarted"] == "resolve/service,final_response/regulatory"


def test_a_deadline_runs_again_by_its_terms_in_the_customers_calendar(gb_calendar):
    """Hand-computed: 15 business days (PSD, England) from Wednesday 23 December 2026, 14:00 — counted from the 24th,
    without Christmas, the Boxing Day substitute (28th), New Year's Day and the weekends: Monday 18 January 2027,
    close of business (17:30, London = UTC in winter)."""
    psd = Deadline(name="final_response", clock=Clock.REGULATORY, due_at=MONDAY_9AM + timedelta(days=21),
                   basis="15 business days (DISP 1.6.2A)",
                   terms=DeadlineTerms(amount=15, unit=DeadlineUnit.BUSINESS_DAYS, calendar="GB-ENG",
                                       time_zone="Europe/London", source="FCA DISP 1.6.2A"))
    case = open_case_in(CaseState.CLOSED, regime=Regime.UK_PSD, deadlines=[psd])
    reopened_at = datetime(2026, 12, 23, 14, 0, tzinfo=UTC)

    restart_deadlines(case, at=reopened_at, calendar=gb_calendar)

    assert deadline(case, "final_response", Clock.REGULATORY).due_at == datetime(2027, 1, 18, 17, 30, tzinfo=UTC)


def test_the_policy_may_keep_the_service_sla_and_a_regime_its_regulatory_clock():
    case = resolved(regime=Regime.US_FDA_MDR)

    restarted = restart_deadlines(case, at=staff(24 * 20).at, calendar=ALWAYS_OPEN,
                                  policy=CasePolicy(restart_service_sla_on_reopening=False))

    assert restarted == []
    assert all(d.met_at is not None for d in case.deadlines if d.name != "first_response")


def test_warnings_and_breaches_of_the_earlier_round_do_not_stop_the_new_ones():
    two_days = Deadline(name="resolve", clock=Clock.SERVICE, due_at=MONDAY_9AM + timedelta(days=2), basis="48 h",
                        terms=DeadlineTerms(amount=48, unit=DeadlineUnit.BUSINESS_HOURS, calendar="ALWAYS",
                                            time_zone="UTC", priority=Priority.HIGH))
    case = open_case_in(CaseState.INVESTIGATING, deadlines=[two_days])
    raise_deadline_alerts(case=case, now=MONDAY_9AM + timedelta(days=3), calendar=ALWAYS_OPEN)
    assert is_breached(case)
    resolve(case=case, acting=staff(24 * 3 + 1), outcome=Outcome.UPHELD, final_response="Refunded.")
    assert not is_breached(case)

    reopen(case=case, acting=staff(24 * 4), calendar=ALWAYS_OPEN)
    reopened_at = MONDAY_9AM + timedelta(days=4)

    assert next_alert_at(case=case, calendar=ALWAYS_OPEN) == reopened_at + timedelta(days=1.5)
    assert [a.kind for a in due_alerts(case=case, now=reopened_at + timedelta(days=1.6), calendar=ALWAYS_OPEN)] == [
        AlertKind.WARNING]
    assert [a.kind for a in due_alerts(case=case, now=reopened_at + timedelta(days=2, minutes=1),
                                       calendar=ALWAYS_OPEN)] == [AlertKind.BREACH]


def test_a_customer_window_other_than_the_staff_one_applies_when_given():
    case = resolved()

    reopen(case=case, acting=staff(24 * 20), calendar=ALWAYS_OPEN, window=timedelta(days=30))

    assert case.state is CaseState.INVESTIGATING and case.reopen_count == 1


def test_deadlines_revised_after_a_reopening_run_from_the_reopening_by_the_revised_terms():
    """Routing counts revised deadlines from receipt; the reopened case counts them from its reopening (Sunday 22
    March, 9:00, every day open): 5 business days from the 23rd, close of business — midnight into Saturday 28."""
    case = resolved()
    reopened_at = staff(24 * 20).at
    reopen(case=case, acting=staff(24 * 20, reason="the refund bounced"), calendar=ALWAYS_OPEN)
    five_days = Deadline(name="resolve", clock=Clock.SERVICE, due_at=MONDAY_9AM + timedelta(days=7),
                         basis="service target", terms=DeadlineTerms(
                             amount=5, unit=DeadlineUnit.BUSINESS_DAYS, calendar="GB-ENG",
                             time_zone="Europe/London", priority=Priority.HIGH))
    regulatory_before = deadline(case, "final_response", Clock.REGULATORY).due_at

    [changed] = take_revised_deadlines(
        case=case, calendar=ALWAYS_OPEN, acting=staff(24 * 21, by="system"),
        revised=DeadlinesRevised(complaint_id=case.complaint_id, priority=Priority.HIGH,
                                 previous_priority=Priority.MEDIUM, rules_version="2026.12.1",
                                 reason="priority corrected from medium to high",
                                 deadlines=[five_days, regulatory_deadline(MONDAY_9AM + EIGHT_WEEKS)]))

    resolve_deadline = deadline(case, "resolve", Clock.SERVICE)
    assert resolve_deadline.due_at == datetime(2026, 3, 28, 0, 0, tzinfo=UTC)
    assert resolve_deadline.terms is not None and resolve_deadline.terms.counted_from == reopened_at
    # Published without terms, the regulatory deadline runs on as the reopening restarted it.
    assert deadline(case, "final_response", Clock.REGULATORY).due_at == regulatory_before == reopened_at + EIGHT_WEEKS
    assert {d.name: d.due_at for d in changed.deadlines}["resolve"] == datetime(2026, 3, 28, 0, 0, tzinfo=UTC)
