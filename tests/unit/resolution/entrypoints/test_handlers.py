"""The consumer subscribes to what its handlers take: routing's decisions and intake's customer events."""

from complaint_contracts import topics
from resolution.entrypoints.handlers import CONSUMERS, events


def test_the_consumer_reads_routing_and_intake_only():
    assert CONSUMERS == [events]
    assert events.group_id == "resolution"
    assert set(events.topics) == {topics.ROUTING, topics.INTAKE}
