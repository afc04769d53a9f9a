"""When the topics no longer reach back to the oldest fact, and which complaints a truncated replay may merge."""

from datetime import UTC, datetime, timedelta

import pytest
from analytics.domain.fact_updates import FactUpdate
from analytics.domain.replay_coverage import PartitionStart, WholeHistories, topic_coverage

OLDEST_FACT = datetime(2025, 1, 6, 9, tzinfo=UTC)
DAY = timedelta(days=1)


@pytest.mark.parametrize(("earliest", "oldest_record", "short"), [
    (0, None, False),                      # nothing deleted
    (0, OLDEST_FACT + 9 * DAY, False),     # an offset-0 start says nothing was deleted, whatever its time
    (500, OLDEST_FACT - DAY, False),       # deleted, but only what came before the oldest fact
    (500, OLDEST_FACT, False),
    (500, OLDEST_FACT + DAY, True),        # deleted events newer than the oldest fact
    (500, None, True),                     # deleted, and its start cannot be read
])
def test_a_partition_is_short_when_retention_deleted_what_the_oldest_fact_may_need(earliest, oldest_record, short):
    coverage = topic_coverage(starts=[PartitionStart("complaints.routing.v1", 2, earliest, oldest_record)],
                              oldest_fact_at=OLDEST_FACT)
    assert coverage.complete is not short


def test_without_facts_any_deleted_start_is_short():
    assert not topic_coverage(starts=[PartitionStart("t", 0, 1, OLDEST_FACT)], oldest_fact_at=None).complete
    assert topic_coverage(starts=[PartitionStart("t", 0, 0)], oldest_fact_at=None).complete


def test_the_cutoff_is_the_newest_short_start():
    coverage = topic_coverage(starts=[PartitionStart("a", 0, 9, OLDEST_FACT + 3 * DAY),
                                      PartitionStart("b", 1, 9, OLDEST_FACT + 5 * DAY),
                                      PartitionStart("c", 2, 0)], oldest_fact_at=OLDEST_FACT)
    assert coverage.cutoff == OLDEST_FACT + 5 * DAY
    assert "a/0 starts at offset 9" in coverage.explain() and "(and 1 more partition)" in coverage.explain()


def receipt(cid: str, at: datetime) -> FactUpdate:
    return FactUpdate(complaint_id=cid, set={"received_at": at})


def later(cid: str, step: str) -> FactUpdate:
    return FactUpdate(complaint_id=cid, set={f"lifecycle.{step}": {"kind": "closed"}})


def test_updates_wait_for_their_receipt_and_go_with_it_when_it_is_inside():
    whole = WholeHistories(cutoff=OLDEST_FACT)

    assert whole.admit([later("c-new", "e1")]) == []
    [admitted] = whole.admit([receipt("c-new", OLDEST_FACT + DAY)])
    assert admitted.set == {"lifecycle.e1": {"kind": "closed"}, "received_at": OLDEST_FACT + DAY}
    assert whole.admit([later("c-new", "e2")]) == [later("c-new", "e2")]
    assert whole.left_out() == 0


def test_a_complaint_received_before_the_cutoff_or_never_is_left_out():
    whole = WholeHistories(cutoff=OLDEST_FACT)

    assert whole.admit([later("c-old", "e1"), receipt("c-old", OLDEST_FACT - DAY), later("c-tail", "e1")]) == []
    assert whole.admit([later("c-old", "e2")]) == []
    assert whole.left_out() == 2
