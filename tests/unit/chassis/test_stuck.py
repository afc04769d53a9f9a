"""Counting whole-batch redeliveries per partition: stuck after N in a row at the same offset, free once it moves."""

from aiokafka import ConsumerRecord
from complaints_chassis.stuck import StuckPartitions
from prometheus_client import CollectorRegistry, Gauge


def record(partition: int, offset: int, topic: str = "complaints.intake.v1") -> ConsumerRecord:
    return ConsumerRecord(topic=topic, partition=partition, offset=offset, timestamp=0, timestamp_type=0, key=None,
                          value=b"", checksum=None, serialized_key_size=0, serialized_value_size=0, headers=[])


def tracker(gauge: Gauge | None = None) -> StuckPartitions:
    return StuckPartitions("routing", stuck_after=3, backoff_seconds=0.001, backoff_max_seconds=0.002, gauge=gauge)


async def test_the_same_batch_failing_n_times_marks_its_partition_stuck() -> None:
    stuck = tracker()
    batch = [record(2, 40), record(2, 41)]
    for _ in range(2):
        await stuck.failed(batch, ConnectionError("store away"))
    assert stuck.stuck() == []
    await stuck.failed(batch, ConnectionError("store away"))
    assert stuck.stuck() == ["complaints.intake.v1/2"]


async def test_a_failure_at_a_later_offset_starts_counting_again() -> None:
    stuck = tracker()
    await stuck.failed([record(0, 5)], ConnectionError())
    await stuck.failed([record(0, 5)], ConnectionError())
    await stuck.failed([record(0, 9)], ConnectionError())
    assert stuck.stuck() == []


async def test_success_frees_the_partition_and_zeroes_its_gauge() -> None:
    gauge = Gauge("batch_failures", "test", ["topic", "group", "partition"], registry=CollectorRegistry())
    stuck = tracker(gauge)
    for _ in range(3):
        await stuck.failed([record(1, 7)], ConnectionError())
    assert gauge.labels(topic="complaints.intake.v1", group="routing", partition="1")._value.get() == 3
    stuck.succeeded([record(1, 7)])
    assert stuck.stuck() == []
    assert gauge.labels(topic="complaints.intake.v1", group="routing", partition="1")._value.get() == 0
