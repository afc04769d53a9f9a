"""What the services put on the wire during the end-to-end run is what their AsyncAPI documents promise: every
record on every topic a service produces, with its key, CloudEvents headers and payload (the documents are what
other systems code against). Runs after most journeys of the package, so it sees most kinds of event."""

from collections import Counter

import pytest
from aiokafka import ConsumerRecord
from complaint_contracts import topics
from complaints_cli.suite import Suite

from tests.contract.wire import AsyncApiWire

from .journey import kafka
from .journey.customer import file_complaint

PRODUCED_BY_SERVICES = (topics.INTAKE, topics.ROUTING, topics.RESOLUTION, topics.NOTIFICATION)
"""The submissions topic is left out: the tests write deliberately malformed submissions there (and analytics
publishes only when a systemic issue is found)."""
WIRE = AsyncApiWire.load()


@pytest.fixture(scope="module")
def wire_records(suite: Suite) -> list[ConsumerRecord]:
    customer = file_complaint(suite, title="Card blocked abroad",
                              description="My card was blocked on holiday and nobody at the bank picked up the phone.")
    kafka.routed(suite, customer.complaint_id)
    customer.wait_mail(customer.tracking_number)  # the acknowledgement: notification has published too
    return [record for topic in PRODUCED_BY_SERVICES for record in kafka.records(suite, topic)]


def test_every_topic_a_service_produces_carried_records(wire_records: list[ConsumerRecord]) -> None:
    assert set(Counter(r.topic for r in wire_records)) == set(PRODUCED_BY_SERVICES)


def test_every_record_is_what_the_asyncapi_documents_promise(wire_records: list[ConsumerRecord]) -> None:
    problems = [f"{record.topic}[{record.partition}]@{record.offset}: {problem}"
                for record in wire_records
                for problem in WIRE.problems(record.topic, record.key, record.headers, record.value)]
    assert problems == [], "\n".join(problems[:30])
