"""The submissions topic trimmed behind intake's consumer group: records intake has consumed (their offsets
committed, so what they caused is stored, sealed) are deleted from `complaints.submissions.v1`, and a partner's
plaintext does not outlive its processing by more than an interval (nor, so, an erasure).

Deleting records is Kafka's DeleteRecords (a broker keeps the rest of the partition and its offsets); the embedded
broker does not support it, so the embedded stack leaves the job off."""

from collections.abc import Mapping
from typing import Any

from aiokafka.admin import AIOKafkaAdminClient, RecordsToDelete
from aiokafka.structs import OffsetAndMetadata, TopicPartition
from complaint_contracts import topics


def consumed_up_to(committed: Mapping[TopicPartition, OffsetAndMetadata], topic: str) -> dict[TopicPartition, int]:
    """Per partition of `topic`, the offset before which every record is consumed: the group's committed offset
    (the next record it will read). A partition the group has not committed on keeps everything."""
    return {tp: meta.offset for tp, meta in committed.items() if tp.topic == topic and meta.offset > 0}


class SubmissionsTopic:
    """Deletes what intake's consumer group has consumed of the submissions topic."""

    def __init__(self, *, bootstrap: str, group_id: str, client: Mapping[str, Any]) -> None:
        self._bootstrap, self._group_id, self._client = bootstrap, group_id, dict(client)

    async def trim(self) -> int:
        """Delete the consumed records; returns the partitions trimmed."""
        admin = AIOKafkaAdminClient(bootstrap_servers=self._bootstrap, **self._client)
        await admin.start()
        try:
            committed = await admin.list_consumer_group_offsets(self._group_id)
            wanted = consumed_up_to(committed, topics.SUBMISSIONS)
            if wanted:
                await admin.delete_records({tp: RecordsToDelete(before_offset=offset) for tp, offset in wanted.items()})
            return len(wanted)
        finally:
            await admin.close()
