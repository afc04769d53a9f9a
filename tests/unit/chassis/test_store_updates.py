from complaints_chassis.idempotency import APPLIED, mark_applied, not_yet_applied
from complaints_chassis.outbox import HAS_PENDING, PENDING, new_document, with_events

from tests.support.builders import make_complaint_received


def test_queued_events_join_the_state_change_in_one_update() -> None:
    event = make_complaint_received()
    update = with_events({"$set": {"status": "received"}}, [event])
    assert update["$set"] == {"status": "received", HAS_PENDING: True}
    [entry] = update["$push"][PENDING]["$each"]
    assert entry["id"] == str(event.id) and entry["topic"] == "complaints.intake.v1"


def test_no_events_leave_the_update_alone() -> None:
    assert with_events({"$set": {"a": 1}}, []) == {"$set": {"a": 1}}


def test_a_new_document_carries_its_first_events() -> None:
    document = new_document({"_id": "c-1"}, [make_complaint_received()])
    assert document[HAS_PENDING] is True and len(document[PENDING]) == 1


def test_the_dedupe_key_is_checked_and_recorded_in_the_same_write() -> None:
    event = make_complaint_received()
    assert not_yet_applied(event) == {APPLIED: {"$ne": f"/complaints/intake#{event.id}"}}
    assert mark_applied({"$inc": {"n": 1}}, event) == {"$inc": {"n": 1},
                                                       "$addToSet": {APPLIED: f"/complaints/intake#{event.id}"}}


def test_lag_is_what_remains_behind_each_partitions_last_record() -> None:
    from types import SimpleNamespace

    from complaints_chassis.consumer import remaining

    records = [SimpleNamespace(topic="t", partition=0, offset=5), SimpleNamespace(topic="t", partition=0, offset=7),
               SimpleNamespace(topic="t", partition=1, offset=2)]
    ends = {("t", 0): 10, ("t", 1): 3}
    consumer = SimpleNamespace(highwater=lambda tp: ends[(tp.topic, tp.partition)])
    assert remaining(consumer, records) == {("t", 0): 2, ("t", 1): 0}
