"""Reading partitions from their first record, the same way wherever a topic is read whole (replays, the dead-letter
tools, benchmarks, tests)."""

from collections.abc import Iterable

from aiokafka import AIOKafkaConsumer, TopicPartition


def seek_to_start(consumer: AIOKafkaConsumer, partitions: Iterable[TopicPartition]) -> None:
    """Position the assigned partitions at offset 0.

    Not `seek_to_beginning`: that asks the broker for the earliest offset, and the embedded broker can answer a
    topic created a moment ago with its end, so a whole read silently finds nothing. Offset 0 is below the start of
    any log; where retention removed the start, the broker answers out-of-range and the consumer, made with
    `auto_offset_reset="earliest"`, resets to the first record that is left.
    """
    # With "latest" an out-of-range seek would jump to the end and the read would silently find nothing.
    if consumer._auto_offset_reset != "earliest":  # aiokafka keeps the policy only in this attribute
        raise ValueError("seek_to_start needs a consumer made with auto_offset_reset='earliest'")
    for partition in partitions:
        consumer.seek(partition, 0)
