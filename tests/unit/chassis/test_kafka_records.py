"""FastStream parses a batch's first record only; the message it makes still carries the whole batch."""

from aiokafka import ConsumerRecord
from complaints_chassis.kafka_records import tolerant_parse
from faststream.kafka.message import KafkaAckableMessage
from faststream.kafka.parser import AioKafkaBatchParser


def _record(offset: int, headers: list[tuple[str, bytes]]) -> ConsumerRecord:
    return ConsumerRecord(topic="complaints.intake", partition=2, offset=offset, timestamp=1_700_000_000 + offset,
                          timestamp_type=0, key=b"c-1", value=f"value {offset}".encode(), checksum=None,
                          serialized_key_size=3, serialized_value_size=7, headers=headers)


async def test_faststream_parses_the_first_record_and_the_message_carries_the_batch() -> None:
    parser = AioKafkaBatchParser(msg_class=KafkaAckableMessage, regex=None)
    seen: list[tuple[ConsumerRecord, ...]] = []

    async def original(records: tuple[ConsumerRecord, ...]) -> KafkaAckableMessage:
        seen.append(records)
        return await parser.parse_batch(records)

    batch = tuple(_record(offset, [("ce_type", b"ComplaintReceived"), ("traceparent", b"00-" + b"1" * 32 + b"-"
                                   + b"2" * 16 + b"-01")]) for offset in (40, 41, 42))

    message = await tolerant_parse(batch, original)

    assert [len(records) for records in seen] == [1] and seen[0][0].offset == 40
    assert message.raw_message == batch
    assert message.body == [b"value 40", b"value 41", b"value 42"]  # FastStream's metrics count and size these
    assert message.message_id == f"40-42-{batch[0].timestamp}"
    assert message.headers["ce_type"] == "ComplaintReceived"
    assert len(message.batch_headers) == 1


async def test_a_header_that_is_not_utf8_is_hidden_from_faststream_only() -> None:
    parser = AioKafkaBatchParser(msg_class=KafkaAckableMessage, regex=None)
    bad = _record(7, [("ce_type", b"ComplaintReceived"), ("x-note", b"\xff\xfe")])

    message = await tolerant_parse((bad,), parser.parse_batch)

    assert message.headers == {"ce_type": "ComplaintReceived"}
    assert message.raw_message == (bad,) and ("x-note", b"\xff\xfe") in message.raw_message[0].headers
