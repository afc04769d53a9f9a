"""The tracker times a stage when its event was published, not when the tracker's own fetch brought it."""

import time

from aiokafka import ConsumerRecord
from complaints_cli.loadgen.tracker import CREATE_TIME, published_at


def _record(timestamp: int, timestamp_type: int = CREATE_TIME) -> ConsumerRecord:
    return ConsumerRecord(topic="t", partition=0, offset=0, timestamp=timestamp, timestamp_type=timestamp_type,
                          key=None, value=b"", checksum=None, serialized_key_size=0, serialized_value_size=0,
                          headers=[])


def test_a_record_is_timed_at_its_creation_on_the_monotonic_clock():
    seen = time.monotonic()
    created = time.time() - 0.4  # published 400 ms before the tracker's fetch brought it

    assert abs(published_at(_record(int(created * 1000)), seen) - (seen - 0.4)) < 0.05


def test_without_a_creation_time_or_with_one_from_the_future_the_moment_it_was_seen_counts():
    seen = time.monotonic()

    assert published_at(_record(int(time.time() * 1000) - 400, timestamp_type=1), seen) == seen
    assert published_at(_record(-1), seen) == seen
    assert published_at(_record(int((time.time() + 5) * 1000)), seen) == seen
