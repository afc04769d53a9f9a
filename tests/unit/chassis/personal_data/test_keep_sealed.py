"""The key owner's consumer keeps what it follows sealed as it came: neither opened nor shown as erased, however long
the sealed text grows past the contract's length limit."""

from datetime import UTC, datetime

import pytest
from aiokafka import ConsumerRecord
from complaint_contracts import ComplaintReceived, ComplaintResolved, InformationRequested, to_kafka, topics
from complaint_contracts.personal_data import ERASED_TEXT, is_sealed
from complaints_chassis.consumer import BatchProcessor, EventConsumer, RetryPolicy
from complaints_chassis.metrics import ChassisMetrics
from complaints_chassis.personal_data import Keeping, KeepSealed, new_data_key, open_text, sealing
from prometheus_client import CollectorRegistry

from tests.support.builders import make_complaint_received

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
GREETING = "Dear Zarina Marker-7731, "


class DeadLetters:
    def __init__(self) -> None:
        self.sent: list = []

    async def send(self, failures: list) -> None:
        self.sent += failures


def _record(event, personal=None) -> ConsumerRecord:
    wire = to_kafka(event, personal)
    return ConsumerRecord(topic=topics.RESOLUTION, partition=0, offset=0, timestamp=0, timestamp_type=0,
                          key=wire.key, value=wire.value, checksum=None, serialized_key_size=0,
                          serialized_value_size=0, headers=wire.headers)


def _resolved(text: str) -> ComplaintResolved:
    return ComplaintResolved(complaint_id="c-keepsealed01", outcome="upheld", final_response=text, by="emp-0042")


async def _consumed(opener, *records: ConsumerRecord) -> tuple[list, DeadLetters]:
    consumer, seen, dead = EventConsumer(group_id="intake"), [], DeadLetters()

    @consumer.on(ComplaintResolved, InformationRequested)
    async def handle(events: list, deps: object) -> None:
        seen.extend(events)

    processor = BatchProcessor(consumer, deps=None, dead_letters=dead, metrics=ChassisMetrics(CollectorRegistry()),
                               retry=RetryPolicy(attempts=1), parking=None, opener=opener)
    await processor.process(list(records))
    return seen, dead


async def test_sealed_texts_reach_the_handler_sealed_even_past_the_contracts_length_limit() -> None:
    key = new_data_key()
    # Cyrillic takes two bytes a letter: sealed, a text near the limit is far longer than the limit.
    long_text = GREETING + "Ваша скарга задоволена. " * 780
    assert len(long_text) <= 20000
    question = InformationRequested(complaint_id="c-keepsealed01", request_id="r-1", question=GREETING + "which card?",
                                    respond_by=NOW, by="emp-0042")
    seen, dead = await _consumed(KeepSealed(), _record(_resolved(long_text), sealing(key)),
                                 _record(question, sealing(key)))
    assert dead.sent == []
    resolved, asked = seen
    assert is_sealed(resolved.final_response) and len(resolved.final_response) > 20000
    assert open_text(resolved.final_response, key) == long_text
    assert is_sealed(asked.question) and open_text(asked.question, key) == question.question
    assert asked.respond_by == NOW and asked.request_id == "r-1"  # everything else decoded as usual


async def test_plaintext_stays_plaintext_and_without_an_opener_sealed_values_show_as_erased() -> None:
    key = new_data_key()
    kept, _ = await _consumed(KeepSealed(), _record(_resolved(GREETING + "plain, from before sealing")))
    assert kept[0].final_response == GREETING + "plain, from before sealing"
    erased, _ = await _consumed(None, _record(_resolved(GREETING + "sealed"), sealing(key)))
    assert erased[0].final_response == ERASED_TEXT


async def test_a_received_complaint_keeps_its_sealed_title_and_remedy_past_their_length_limits() -> None:
    key = new_data_key()
    received = make_complaint_received(title="Ч" * 200, desired_remedy_details="Вярніце грошы. " * 133)
    wire = to_kafka(received, sealing(key))
    record = ConsumerRecord(topic=topics.INTAKE, partition=0, offset=0, timestamp=0, timestamp_type=0,
                            key=wire.key, value=wire.value, checksum=None, serialized_key_size=0,
                            serialized_value_size=0, headers=wire.headers)
    consumer, seen, dead = EventConsumer(group_id="intake"), [], DeadLetters()

    @consumer.on(ComplaintReceived)
    async def handle(events: list, deps: object) -> None:
        seen.extend(events)

    await BatchProcessor(consumer, deps=None, dead_letters=dead, metrics=ChassisMetrics(CollectorRegistry()),
                         retry=RetryPolicy(attempts=1), parking=None, opener=KeepSealed()).process([record])

    assert dead.sent == []
    [kept] = seen
    assert is_sealed(kept.title) and len(kept.title) > 200 and open_text(kept.title, key) == received.title
    assert is_sealed(kept.desired_remedy_details) and open_text(kept.desired_remedy_details, key) == (
        received.desired_remedy_details)


def test_keeping_refuses_to_restore_without_a_decode() -> None:
    with pytest.raises(RuntimeError):
        Keeping().kept(_resolved("text"))
