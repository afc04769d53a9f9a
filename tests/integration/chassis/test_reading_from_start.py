"""A topic read whole finds every record, including on a topic created a moment before."""

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from complaints_chassis.reading_from_start import seek_to_start

from tests.support.backends import Backend


async def test_every_record_of_a_topic_created_just_before_is_read(backend: Backend, unique: str) -> None:
    topic = f"reading-from-start-{unique}"
    producer = AIOKafkaProducer(bootstrap_servers=backend.kafka_bootstrap, acks="all", linger_ms=50)
    await producer.start()
    try:
        sent = [await producer.send(topic, f"r{i}".encode(), partition=0) for i in range(3)]
        [await s for s in sent]
    finally:
        await producer.stop()
    consumer = AIOKafkaConsumer(bootstrap_servers=backend.kafka_bootstrap, enable_auto_commit=False,
                                auto_offset_reset="earliest")
    await consumer.start()
    try:
        tp = TopicPartition(topic, 0)
        consumer.assign([tp])
        seek_to_start(consumer, [tp])
        read: list[bytes] = []
        for _ in range(20):
            read += [r.value for r in (await consumer.getmany(tp, timeout_ms=300)).get(tp, [])]
            if len(read) == 3:
                break
        assert read == [b"r0", b"r1", b"r2"]
    finally:
        await consumer.stop()


async def test_a_consumer_that_would_jump_to_the_end_is_refused(backend: Backend) -> None:
    consumer = AIOKafkaConsumer(bootstrap_servers=backend.kafka_bootstrap, enable_auto_commit=False)
    with pytest.raises(ValueError, match="earliest"):
        seek_to_start(consumer, [TopicPartition("any", 0)])
