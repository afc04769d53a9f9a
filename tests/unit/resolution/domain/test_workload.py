"""A change that opens, finishes or moves a case moves the open-case counts of the workloads it touches; a move
whose writer stopped is settled from the case as stored."""

import pytest
from complaint_contracts.resolution import CaseOpened
from resolution.domain.case import Acting, Case
from resolution.domain.opening import open_case
from resolution.domain.states import CaseState
from resolution.domain.workload import (
    Ownership,
    RecordedMoves,
    Settlement,
    WorkloadMove,
    bucket_move_of,
    counts_by_workload,
    move_of,
    ownership,
    settlement,
    workload_changed,
)

from tests.unit.resolution.builders import MONDAY_9AM, make_routed, open_case_in

ANNA_OPEN = Ownership("support-en-1", "emp-anna", True)

CHANGES = [
    ("opened", None, ANNA_OPEN, {("support-en-1", None): 1, ("support-en-1", "emp-anna"): 1}),
    ("opened for the team", None, Ownership("legal-1", None, True), {("legal-1", None): 1}),
    ("unchanged", ANNA_OPEN, ANNA_OPEN, None),
    ("closed", ANNA_OPEN, ANNA_OPEN._replace(counts=False), {("support-en-1", None): -1,
                                                              ("support-en-1", "emp-anna"): -1}),
    ("reopened", ANNA_OPEN._replace(counts=False), ANNA_OPEN, {("support-en-1", None): 1,
                                                               ("support-en-1", "emp-anna"): 1}),
    ("handed to a colleague", ANNA_OPEN, ANNA_OPEN._replace(assignee="emp-boris"),
     {("support-en-1", "emp-anna"): -1, ("support-en-1", "emp-boris"): 1}),
    ("moved to another team's queue", ANNA_OPEN, Ownership("legal-1", None, True),
     {("support-en-1", None): -1, ("support-en-1", "emp-anna"): -1, ("legal-1", None): 1}),
    ("a finished case reassigned", ANNA_OPEN._replace(counts=False), Ownership("legal-1", "emp-carl", False), None),
]


@pytest.mark.parametrize(("before", "after", "deltas"), [c[1:] for c in CHANGES], ids=[c[0] for c in CHANGES])
def test_the_counts_a_change_moves(before, after, deltas):
    move = move_of(complaint_id="c-1", version=4, before=before, after=after)

    assert (move.deltas if move else None) == deltas


def test_every_attempt_at_a_write_gets_a_move_of_its_own():
    first, second = (move_of(complaint_id="c-1", version=4, before=None, after=ANNA_OPEN) for _ in range(2))

    assert first.move_id != second.move_id
    assert (first.complaint_id, first.version) == ("c-1", 4)


def test_the_counts_built_from_open_cases_per_owner():
    counts = counts_by_workload({("support-en-1", "emp-anna"): 2, ("support-en-1", None): 3,
                                 ("legal-1", "emp-carl"): 1})

    assert counts == {("support-en-1", None): 5, ("support-en-1", "emp-anna"): 2, ("legal-1", None): 1,
                      ("legal-1", "emp-carl"): 1}


MOVE = WorkloadMove("c-1@4:abc", "c-1", 4, {("support-en-1", None): -1})


@pytest.mark.parametrize(("recorded", "expected"), [
    (RecordedMoves(4, frozenset({"c-1@4:abc"})), Settlement.APPLY),
    (RecordedMoves(9, frozenset({"c-1@1:xyz", "c-1@4:abc"})), Settlement.APPLY),
    (RecordedMoves(4, frozenset({"c-1@4:other-attempt"})), Settlement.DROP),
    (RecordedMoves(6, frozenset()), Settlement.DROP),
    (RecordedMoves(3, frozenset()), Settlement.WAIT),
    (None, Settlement.WAIT),
], ids=["written", "written, moved since", "another attempt won", "passed by", "not written yet", "no case yet"])
def test_a_move_in_doubt_is_settled_from_the_case_as_stored(recorded, expected):
    assert settlement(MOVE, recorded) is expected


def test_a_finished_case_no_longer_counts():
    assert ownership(open_case_in(CaseState.CLOSED)).counts is False
    assert ownership(open_case_in(CaseState.IMPLEMENTING)).counts is True


def test_the_workload_event_carries_the_count_and_never_less_than_none():
    event = workload_changed(key=("support-en-1", None), open_cases=7, at=MONDAY_9AM)
    drifted = workload_changed(key=("support-en-1", "emp-anna"), open_cases=-1, at=MONDAY_9AM)

    assert (event.subject, event.open_cases, event.time) == ("support-en-1/*", 7, MONDAY_9AM)
    assert (drifted.subject, drifted.open_cases) == ("support-en-1/emp-anna", 0)


def test_a_case_survives_a_round_trip_through_json():
    case = open_case_in(CaseState.IMPLEMENTING)

    restored = Case.model_validate(case.model_dump(mode="json"))

    assert restored == case
    assert restored.redress.totals() == case.redress.totals()


def test_opening_announces_the_owner():
    _, [opened] = open_case(routed=make_routed(), acting=Acting(by="system", at=MONDAY_9AM))

    assert isinstance(opened, CaseOpened)
    assert (opened.team, opened.assignee, opened.correlation_id) == ("support-en-1", "emp-0042", "c-late-refund-0001")


INVESTIGATING_HIGH = ("investigating", "high")
BUCKET_CHANGES = [
    ("opened", None, False, INVESTIGATING_HIGH, True, {INVESTIGATING_HIGH: 1}),
    ("opened finished (never counted)", None, False, ("closed", "high"), False, None),
    ("unchanged", INVESTIGATING_HIGH, True, INVESTIGATING_HIGH, True, None),
    ("moved on", INVESTIGATING_HIGH, True, ("resolution_proposed", "high"), True,
     {INVESTIGATING_HIGH: -1, ("resolution_proposed", "high"): 1}),
    ("reprioritised", INVESTIGATING_HIGH, True, ("investigating", "critical"), True,
     {INVESTIGATING_HIGH: -1, ("investigating", "critical"): 1}),
    ("finished", INVESTIGATING_HIGH, True, ("closed", "high"), False, {INVESTIGATING_HIGH: -1}),
    ("reopened", ("closed", "high"), False, INVESTIGATING_HIGH, True, {INVESTIGATING_HIGH: 1}),
    ("a finished case changed", ("closed", "high"), False, ("withdrawn", "low"), False, None),
]


@pytest.mark.parametrize(("name", "before", "before_open", "after", "after_open", "deltas"), BUCKET_CHANGES,
                         ids=[c[0] for c in BUCKET_CHANGES])
def test_the_gauges_move_follows_state_priority_and_whether_the_case_is_open(name, before, before_open, after,
                                                                             after_open, deltas):
    move = bucket_move_of(complaint_id="c-kettle-0001", version=4, before=before, before_open=before_open,
                          after=after, after_open=after_open)

    assert (move.deltas if move else None) == deltas
    if move is not None:
        assert (move.complaint_id, move.version) == ("c-kettle-0001", 4)
