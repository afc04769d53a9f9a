"""Service deadlines a pause moved: analytics judges them at the times the resumption gave, in any event order."""

from datetime import timedelta

from analytics.domain.kpis import deadline_status
from analytics.domain.projections import build_facts, project
from complaint_contracts import CaseDeadlinesChanged, InvestigationResumed

from tests.unit.analytics.builders import MONDAY, deadline, info_requested, received, routed

CID = "c-paused-0001"
FIRST_DUE = MONDAY + timedelta(days=5)
MOVED_DUE = MONDAY + timedelta(days=8)


def story():
    return [received(CID, MONDAY),
            routed(CID, MONDAY, deadlines=(deadline("final_response", "service", FIRST_DUE),
                                           deadline("final_response", "regulatory", MONDAY + timedelta(weeks=8)))),
            info_requested(CID, MONDAY + timedelta(days=1))]


def resumed(at, due_at):
    return InvestigationResumed(complaint_id=CID, time=at, request_id="req-1", by="customer", paused_seconds=3600.0,
                                service_deadlines=[deadline("final_response", "service", due_at)])


def service_deadline(events):
    [fact] = build_facts(events)
    [(name, found)] = [(name, d) for name, d in fact.deadlines.items() if d.clock == "service"]
    return fact, name, found


def test_a_resumption_moves_the_service_deadline_and_leaves_the_regulatory_one():
    fact, name, found = service_deadline([*story(), resumed(MONDAY + timedelta(days=4), MOVED_DUE)])

    assert found.due_at == MOVED_DUE
    assert deadline_status(fact, name, MONDAY + timedelta(days=6)) == "pending"
    regulatory = next(d for d in fact.deadlines.values() if d.clock == "regulatory")
    assert regulatory.due_at == MONDAY + timedelta(weeks=8)


def test_without_the_resumption_the_first_due_time_would_have_passed():
    fact, name, found = service_deadline(story())

    assert found.due_at == FIRST_DUE
    assert deadline_status(fact, name, MONDAY + timedelta(days=6)) == "met"


def test_the_latest_of_a_resumption_and_a_revision_wins_whatever_the_order():
    revision = CaseDeadlinesChanged(complaint_id=CID, time=MONDAY + timedelta(days=2), reason="to high",
                                    deadlines=[deadline("final_response", "service", MONDAY + timedelta(days=3))])
    later_resumption = resumed(MONDAY + timedelta(days=4), MOVED_DUE)
    events = [*story(), revision, later_resumption]

    assert service_deadline(events)[2].due_at == MOVED_DUE
    assert project(events) == project([later_resumption, *reversed(story()), revision, later_resumption])
