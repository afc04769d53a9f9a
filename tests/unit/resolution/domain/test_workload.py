"""A command that opens, closes or moves a case names the workloads routing must hear about."""

import pytest
from complaint_contracts.resolution import CaseOpened
from resolution.domain.case import Acting, Case
from resolution.domain.opening import open_case
from resolution.domain.states import CaseState
from resolution.domain.workload import Ownership, ownership, workload_changed, workloads_moved

from tests.unit.resolution.builders import MONDAY_9AM, make_routed, open_case_in

ANNA_OPEN = Ownership("support-en-1", "emp-anna", True)

CHANGES = [
    ("opened", None, ANNA_OPEN, [("support-en-1", None), ("support-en-1", "emp-anna")]),
    ("unchanged", ANNA_OPEN, ANNA_OPEN, []),
    ("closed", ANNA_OPEN, ANNA_OPEN._replace(counts=False), [("support-en-1", None), ("support-en-1", "emp-anna")]),
    ("handed to a colleague", ANNA_OPEN, ANNA_OPEN._replace(assignee="emp-boris"),
     [("support-en-1", "emp-anna"), ("support-en-1", "emp-boris")]),
    ("moved to another team's queue", ANNA_OPEN, Ownership("legal-1", None, True),
     [("support-en-1", None), ("support-en-1", "emp-anna"), ("legal-1", None)]),
]


@pytest.mark.parametrize(("before", "after", "moved"), [c[1:] for c in CHANGES], ids=[c[0] for c in CHANGES])
def test_the_workloads_a_change_moves(before, after, moved):
    assert workloads_moved(before=before, after=after) == moved


def test_a_finished_case_no_longer_counts():
    assert ownership(open_case_in(CaseState.CLOSED)).counts is False
    assert ownership(open_case_in(CaseState.IMPLEMENTING)).counts is True


def test_the_workload_event_carries_the_count():
    event = workload_changed(team="support-en-1", assignee=None, open_cases=7, at=MONDAY_9AM)

    assert (event.subject, event.open_cases, event.time) == ("support-en-1/*", 7, MONDAY_9AM)


def test_a_case_survives_a_round_trip_through_json():
    case = open_case_in(CaseState.IMPLEMENTING)

    restored = Case.model_validate(case.model_dump(mode="json"))

    assert restored == case
    assert restored.redress.totals() == case.redress.totals()


def test_opening_announces_the_owner():
    _, [opened] = open_case(routed=make_routed(), acting=Acting(by="system", at=MONDAY_9AM))

    assert isinstance(opened, CaseOpened)
    assert (opened.team, opened.assignee, opened.correlation_id) == ("support-en-1", "emp-0042", "c-late-refund-0001")
