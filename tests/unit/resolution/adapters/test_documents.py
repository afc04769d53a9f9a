"""The case as a MongoDB document: what is stored for queries, and the way back to the aggregate."""

from datetime import timedelta

from resolution.adapters.documents import (
    case_document,
    case_from,
    marks_document,
    new_marks,
    pending_from,
    summary_from,
)
from resolution.domain.queue import NO_DEADLINE, CaseSummary
from resolution.domain.states import CaseState
from resolution.domain.workload import WorkloadMark

from tests.unit.resolution.builders import MONDAY_9AM, open_case_in, service_deadline


def test_a_case_survives_its_document():
    case = open_case_in(CaseState.AWAITING_CUSTOMER, deadlines=[service_deadline(MONDAY_9AM + timedelta(days=3))])

    doc = case_document(case, next_alert_at=MONDAY_9AM)

    assert case_from({"_id": case.complaint_id, **doc}) == case
    assert (doc["is_open"], doc["queue_due_at"], doc["next_alert_at"]) == (True, case.next_due_at, MONDAY_9AM)
    assert summary_from(doc) == CaseSummary.of(case)


def test_a_case_without_deadlines_sorts_last_in_the_store():
    doc = case_document(open_case_in(), next_alert_at=None)

    assert doc["queue_due_at"] == NO_DEADLINE and doc["next_due_at"] is None


def test_workload_marks_go_back_as_they_came():
    stored = [{"_id": "c-1", "workload_marks": new_marks([("team-a", None), ("team-a", "emp-1")])}]

    pending = pending_from(stored)

    assert [(m.team, m.assignee) for m in pending["c-1"]] == [("team-a", None), ("team-a", "emp-1")]
    assert marks_document(pending) == {"c-1": stored[0]["workload_marks"]}
    assert pending_from([{"_id": "c-2"}]) == {"c-2": []}
    assert isinstance(pending["c-1"][0], WorkloadMark)
