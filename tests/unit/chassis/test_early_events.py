"""An event that comes before what it needs waits; the rest of its run is applied together, not one by one."""

from datetime import UTC, datetime

from aiokafka import ConsumerRecord
from complaint_contracts import ComplaintReceived, to_kafka, topics
from complaint_contracts.types import Channel, CustomerContact
from complaints_chassis.consumer import BatchProcessor, EventConsumer, RetryPolicy
from complaints_chassis.metrics import ChassisMetrics
from complaints_chassis.parking import Deferred
from prometheus_client import CollectorRegistry

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


class DeadLetters:
    def __init__(self) -> None:
        self.sent: list = []

    async def send(self, failures: list) -> None:
        self.sent += failures


def _received(complaint_id: str, title: str) -> ComplaintReceived:
    return ComplaintReceived(complaint_id=complaint_id, tracking_number="CMP-7K2P-9QX4-T", channel=Channel.WEB,
                             title=title, description="The parcel never came.", received_at=NOW, time=NOW,
                             customer=CustomerContact(name="A. Customer", email="a.customer@example.org",
                                                      preferred_channel=Channel.EMAIL))


def _record(event: ComplaintReceived, offset: int) -> ConsumerRecord:
    wire = to_kafka(event)
    return ConsumerRecord(topic=topics.INTAKE, partition=0, offset=offset, timestamp=0, timestamp_type=0,
                          key=wire.key, value=wire.value, checksum=None, serialized_key_size=0,
                          serialized_value_size=0, headers=wire.headers)


class Processed:
    """A handler that applies what it can and names the events that must wait (titled "EARLY", "EARLY-UNNAMED")."""

    def __init__(self, *, name_waiting: bool) -> None:
        self.calls: list[list[str]] = []
        self.applied: list[str] = []
        self.name_waiting = name_waiting
        self.consumer = EventConsumer(group_id="early-test")
        self.consumer.on(ComplaintReceived)(self.handle)

    async def handle(self, events: list[ComplaintReceived], deps: object) -> None:
        self.calls.append([e.complaint_id for e in events])
        early = [e.id for e in events if e.title.startswith("EARLY")]
        if early:
            raise Deferred(f"{len(early)} event(s) early", waiting=early if self.name_waiting else ())
        self.applied += [e.complaint_id for e in events]


WOKEN: list[bytes | None] = []


async def _process(handler: Processed, events: list[ComplaintReceived]) -> list:
    """Process one batch; what was parked (records), with a parking store that only keeps what it is given."""
    parked: list = []
    WOKEN.clear()

    class Parking:
        async def park(self, records: list) -> None:
            parked.extend(records)

        def arrived(self, keys) -> None:
            WOKEN.extend(keys)

        async def take_woken(self) -> list:
            return []  # what woken parked events are retried with is the integration tests' to show

    dead = DeadLetters()
    processor = BatchProcessor(handler.consumer, deps=None, dead_letters=dead,
                               metrics=ChassisMetrics(CollectorRegistry()), retry=RetryPolicy(attempts=1),
                               parking=Parking())  # type: ignore[arg-type]
    await processor.process([_record(e, i) for i, e in enumerate(events)])
    assert dead.sent == []
    return parked


def _batch() -> list[ComplaintReceived]:
    return [_received(f"c-early{i:04d}", "EARLY" if i in (2, 5) else "On time") for i in range(8)]


async def test_the_events_a_handler_names_as_waiting_are_parked_and_the_rest_applied_in_one_call() -> None:
    handler = Processed(name_waiting=True)
    parked = await _process(handler, _batch())
    assert sorted(handler.applied) == [f"c-early{i:04d}" for i in (0, 1, 3, 4, 6, 7)]
    assert sorted(record.offset for record, _ in parked) == [2, 5]
    # The whole run, the rest of it in one call, then the same again (the pass that looks for prerequisites
    # that came later in the batch) for the two that wait.
    assert [len(call) for call in handler.calls] == [8, 6, 2]
    # What waits for these complaints is woken: the applied events' keys, not the parked ones'.
    assert sorted(WOKEN) == sorted(f"c-early{i:04d}".encode() for i in (0, 1, 3, 4, 6, 7))


async def test_without_names_the_run_is_tried_event_by_event_and_the_same_events_wait() -> None:
    handler = Processed(name_waiting=False)
    parked = await _process(handler, _batch())
    assert sorted(handler.applied) == [f"c-early{i:04d}" for i in (0, 1, 3, 4, 6, 7)]
    assert sorted(record.offset for record, _ in parked) == [2, 5]
    assert [len(call) for call in handler.calls] == [8, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1]


async def test_a_run_whose_every_event_waits_is_parked_whole_after_one_call() -> None:
    handler = Processed(name_waiting=True)
    events = [_received(f"c-early{i:04d}", "EARLY") for i in range(3)]
    parked = await _process(handler, events)
    assert handler.applied == []
    assert len(parked) == 3
    assert [len(call) for call in handler.calls] == [3, 3]
