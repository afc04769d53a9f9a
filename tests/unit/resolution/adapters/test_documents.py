"""The case as a MongoDB document: what is stored for queries, and the way back to the aggregate."""

from datetime import timedelta

from resolution.adapters.documents import (
    MOVES,
    case_document,
    case_from,
    changed_fields,
    recorded_from,
    summary_from,
)
from resolution.domain.lifecycle import start_investigation
from resolution.domain.queue import NO_DEADLINE, CaseSummary
from resolution.domain.states import CaseState
from resolution.domain.workload import RecordedMoves

from tests.unit.resolution.builders import MONDAY_9AM, open_case_in, service_deadline, staff


def test_a_case_survives_its_document():
    case = open_case_in(CaseState.AWAITING_CUSTOMER, deadlines=[service_deadline(MONDAY_9AM + timedelta(days=3))])

    doc = case_document(case, next_alert_at=MONDAY_9AM)

    assert case_from({"_id": case.complaint_id, **doc}) == case
    assert (doc["is_open"], doc["queue_due_at"], doc["next_alert_at"]) == (True, case.next_due_at, MONDAY_9AM)
    assert summary_from(doc) == CaseSummary.of(case)


def test_a_case_without_deadlines_sorts_last_in_the_store():
    doc = case_document(open_case_in(), next_alert_at=None)

    assert doc["queue_due_at"] == NO_DEADLINE and doc["next_due_at"] is None


def test_a_case_tells_the_workload_moves_its_writes_recorded():
    written = {"_id": "c-1", "version": 3, MOVES: ["c-1@1:aa", "c-1@3:bb"], "workload_marks": [{"mark": "x"}]}
    from_before_the_counts = {"_id": "c-2", "version": 5, "workload_pending": True}

    assert recorded_from(written) == RecordedMoves(3, frozenset({"c-1@1:aa", "c-1@3:bb"}))
    assert recorded_from(from_before_the_counts) == RecordedMoves(5, frozenset())


def test_a_save_sets_what_changed_since_the_read_and_always_the_version_and_the_scans_moment():
    case = open_case_in(deadlines=[service_deadline(MONDAY_9AM + timedelta(days=3))])
    as_read = {"_id": case.complaint_id, **case_document(case, next_alert_at=MONDAY_9AM)}
    start_investigation(case=case, acting=staff(1))

    written = changed_fields(case_document(case, next_alert_at=MONDAY_9AM), as_read)

    assert set(written) == {"state", "state_entered_at", "version", "audit", "next_alert_at"}
    assert written["state"] == "investigating" and written["version"] == as_read["version"] + 1


def test_a_save_sets_everything_when_the_case_was_not_read_or_lacks_a_field():
    case = open_case_in()
    new = case_document(case, next_alert_at=None)
    from_an_older_version = {k: v for k, v in new.items() if k != "watermarks"}

    assert changed_fields(new, None) == new
    assert set(changed_fields(new, from_an_older_version)) == {"watermarks", "version", "next_alert_at"}
