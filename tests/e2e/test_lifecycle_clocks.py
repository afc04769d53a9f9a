"""The two clocks across the suite, with resolution's clock moved by an admin: asking the customer pauses the
service SLA while the regulator's clock runs on, and a breached service deadline escalates the case."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

import pytest
from complaint_contracts import (
    CaseEscalated,
    Clock,
    ComplaintRerouted,
    DeadlineBreached,
    InvestigationResumed,
    topics,
)
from complaints_cli.suite import Suite

from tests.e2e import journey
from tests.e2e.journey import Staff, milestones

CLOCK_CONTROL = "RESOLUTION_ALLOW_CLOCK_CONTROL"
MOMENT_LATER = timedelta(minutes=1)


@pytest.fixture(scope="module")
def admin(suite: Suite) -> Iterator[Staff]:
    """An admin of resolution, restarted with clock control on for this module (and off again after it)."""
    suite.stop_service("resolution")
    suite.config.extra_env[CLOCK_CONTROL] = "true"
    try:
        suite.start_service("resolution")
        suite.wait_ready(timeout=120)
        yield Staff(suite, role="admin", sub="emp-admin")
    finally:
        suite.stop_service("resolution")
        del suite.config.extra_env[CLOCK_CONTROL]
        suite.start_service("resolution")
        suite.wait_ready(timeout=120)


@contextmanager
def clock_moved_to(admin: Staff, moment: datetime) -> Iterator[None]:
    """Resolution's clock at `moment` (the deadline scan runs at once), back to the wall clock afterwards."""
    shift = admin.shift_clock((moment - admin.clock()).total_seconds())
    try:
        yield
    finally:
        admin.shift_clock(-shift["offset_seconds"])


def _deadline(case: dict, name: str, clock: Clock) -> dict:
    return next(d for d in case["deadlines"] if d["name"] == name and d["clock"] == clock.value)


def test_asking_the_customer_pauses_the_service_sla_while_the_regulatory_clock_runs_on(
        suite: Suite, admin: Staff) -> None:
    customer = journey.file_complaint(
        suite, title="Savings interest missing", product="savings-account",
        description="The interest on my savings account for March is missing. I am not happy about this.")
    routed = journey.routed(suite, customer.complaint_id)
    agent = Staff(suite, team=routed.team)
    agent.wait_case(customer.complaint_id)
    agent.act(customer.complaint_id, "investigation")
    case = agent.act(customer.complaint_id, "information-requests",
                     question="Please send us the statement that shows the missing interest.")
    assert case["state"] == "awaiting_customer" and case["pauses"][-1]["ended_at"] is None
    regulatory = _deadline(case, "final_response", Clock.REGULATORY)
    service = _deadline(case, "resolve", Clock.SERVICE)

    page = customer.wait_status(lambda p: p["status"] == "waiting_for_customer", what="waiting for the customer")
    question = page["open_question"]
    assert question["question"].startswith("Please send us the statement")
    assert "the statement that shows" in customer.wait_mail("We need some information").text

    # Past the regulator's final-response deadline, the customer still not answering: the regulatory deadline is
    # breached, while the service targets (long overdue by the wall clock) wait, paused.
    with clock_moved_to(admin, datetime.fromisoformat(regulatory["due_at"]) + MOMENT_LATER):
        breach = journey.wait_event(suite, topics.RESOLUTION, DeadlineBreached, about=customer.complaint_id)
        assert (breach.deadline, breach.clock) == ("final_response", Clock.REGULATORY)
        alerts = agent.case(customer.complaint_id)["raised_alerts"]
        assert [(a["deadline"], a["clock"], a["kind"]) for a in alerts] == [("final_response", "regulatory", "breach")]

    # The customer answers through intake; the case resumes and the service clock runs again.
    customer.act("messages", text="Statement attached, see page 2.", in_reply_to=question["request_id"])
    resumed = journey.wait_event(suite, topics.RESOLUTION, InvestigationResumed, about=customer.complaint_id)
    assert resumed.request_id == question["request_id"]
    # The information request was the first response; the resolution target is still owed.
    assert "resolve" in [d.name for d in resumed.service_deadlines]
    assert "first_response" not in [d.name for d in resumed.service_deadlines]
    case = agent.wait_case(customer.complaint_id, lambda c: c["state"] == "investigating", what="resumed")
    assert case["pauses"][-1]["ended_at"] is not None
    assert _deadline(case, "final_response", Clock.REGULATORY)["due_at"] == regulatory["due_at"]
    assert _deadline(case, "resolve", Clock.SERVICE)["due_at"] >= service["due_at"]
    assert _deadline(case, "resolve", Clock.SERVICE)["shifted_seconds"] == resumed.paused_seconds
    page = customer.wait_status(lambda p: "customer_replied" in milestones(p), what="the answer recorded")
    assert page["status"] == "in_progress" and page["open_question"] is None


def test_a_breached_service_deadline_escalates_the_case_and_routing_moves_it_up_a_tier(
        suite: Suite, admin: Staff) -> None:
    customer = journey.file_complaint(suite, title="Parcel late",
                                      description="My parcel arrived a week late and nobody answered my calls.")
    routed = journey.routed(suite, customer.complaint_id)
    assert (routed.department, routed.team) == ("customer_support", "support-en")
    case = Staff(suite, team="support-en").wait_case(customer.complaint_id)
    first_response = _deadline(case, "first_response", Clock.SERVICE)

    # Nobody answered the customer by the first-response target.
    with clock_moved_to(admin, datetime.fromisoformat(first_response["due_at"]) + MOMENT_LATER):
        breach = journey.wait_event(suite, topics.RESOLUTION, DeadlineBreached, about=customer.complaint_id)
    assert (breach.deadline, breach.clock) == ("first_response", Clock.SERVICE)

    escalated = journey.wait_event(suite, topics.RESOLUTION, CaseEscalated, about=customer.complaint_id)
    assert (escalated.tier, escalated.trigger) == (2, "breach")
    rerouted = journey.wait_event(suite, topics.ROUTING, ComplaintRerouted, about=customer.complaint_id)
    assert (rerouted.previous_team, rerouted.team, rerouted.tier) == ("support-en", "support-senior", 2)

    # Resolution follows routing: the senior team owns the case now, the first line no longer sees it.
    senior = Staff(suite, team="support-senior")
    case = senior.wait_case(customer.complaint_id, lambda c: c["team"] == "support-senior", what="moved to seniors",
                            arriving=True)
    assert case["tier"] == 2 and case["assignee"] == rerouted.assignee
    assert Staff(suite, team="support-en").refused_case(customer.complaint_id).status == 403
    assert len(journey.events(suite, topics.RESOLUTION, CaseEscalated, about=customer.complaint_id)) == 1

    customer.wait_mail(f"Your complaint {customer.tracking_number} has been escalated")
    customer.wait_status(lambda p: "escalated" in milestones(p), what="escalation shown")
