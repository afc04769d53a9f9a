"""Trimming the submissions topic behind intake's consumer group: only what the group has consumed (its committed
offsets) of the submissions topic is deleted, never another topic's records or a partition it has not read; a
failed pass is tried again next interval."""

import asyncio
from typing import Any

import pytest
from aiokafka.structs import OffsetAndMetadata, TopicPartition
from complaint_contracts import topics
from intake.adapters import submissions_topic
from intake.adapters.submissions_topic import SubmissionsTopic, consumed_up_to
from intake.entrypoints.retention_timer import run_trimming

SUBMISSIONS = [TopicPartition(topics.SUBMISSIONS, p) for p in range(3)]


def committed(offsets: dict[TopicPartition, int]) -> dict[TopicPartition, OffsetAndMetadata]:
    return {tp: OffsetAndMetadata(offset, "") for tp, offset in offsets.items()}


def test_only_the_consumed_records_of_the_submissions_topic_are_named() -> None:
    group = committed({SUBMISSIONS[0]: 120, SUBMISSIONS[1]: 0, SUBMISSIONS[2]: -1,
                       TopicPartition(topics.ROUTING, 0): 900, TopicPartition(topics.dlq(topics.SUBMISSIONS), 0): 7})
    assert consumed_up_to(group, topics.SUBMISSIONS) == {SUBMISSIONS[0]: 120}


class FakeAdmin:
    """AIOKafkaAdminClient as the trimmer uses it; remembers what it was asked."""

    made: list["FakeAdmin"] = []
    offsets: dict[TopicPartition, OffsetAndMetadata] = {}

    def __init__(self, **options: Any) -> None:
        self.options, self.group, self.deleted, self.closed = options, None, None, False
        FakeAdmin.made.append(self)

    async def start(self) -> None:
        return None

    async def list_consumer_group_offsets(self, group_id: str) -> dict[TopicPartition, OffsetAndMetadata]:
        self.group = group_id
        return FakeAdmin.offsets

    async def delete_records(self, records: dict) -> dict[TopicPartition, int]:
        self.deleted = {tp: r.before_offset for tp, r in records.items()}
        return dict(self.deleted)

    async def close(self) -> None:
        self.closed = True


async def test_a_pass_deletes_up_to_the_groups_committed_offsets_and_closes_its_client(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(submissions_topic, "AIOKafkaAdminClient", FakeAdmin)
    FakeAdmin.made, FakeAdmin.offsets = [], committed({SUBMISSIONS[0]: 42, SUBMISSIONS[1]: 7,
                                                       TopicPartition(topics.ROUTING, 0): 5})
    topic = SubmissionsTopic(bootstrap="kafka:9092", group_id="intake-blue", client={"security_protocol": "SSL"})

    assert await topic.trim() == 2
    [admin] = FakeAdmin.made
    assert (admin.group, admin.deleted, admin.closed) == ("intake-blue", {SUBMISSIONS[0]: 42, SUBMISSIONS[1]: 7}, True)
    assert admin.options == {"bootstrap_servers": "kafka:9092", "security_protocol": "SSL"}

    FakeAdmin.offsets = {}
    assert await topic.trim() == 0 and FakeAdmin.made[-1].deleted is None  # nothing consumed: nothing asked


async def test_a_failed_pass_is_logged_and_tried_again_next_interval() -> None:
    passes: list[str] = []
    again = asyncio.Event()

    class Flaky:
        async def trim(self) -> int:
            passes.append("pass")
            if len(passes) == 1:
                raise ConnectionError("broker away")
            again.set()
            return 1

    timer = asyncio.create_task(run_trimming(Flaky(), interval_seconds=0.01))  # type: ignore[arg-type]
    await asyncio.wait_for(again.wait(), 2)
    timer.cancel()
    with pytest.raises(asyncio.CancelledError):
        await timer
    assert len(passes) >= 2
