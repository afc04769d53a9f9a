"""The consumer subscribes to what its handlers take: intake's receipts and customer events, routing's decisions,
notification's outcomes and analytics' systemic issues."""

from complaint_contracts import topics
from resolution.entrypoints.handlers import CONSUMERS, events


def test_the_consumer_reads_the_topics_of_the_events_it_handles():
    assert CONSUMERS == [events]
    assert events.group_id == "resolution"
    assert set(events.topics) == {topics.ROUTING, topics.INTAKE, topics.NOTIFICATION, topics.ANALYTICS}
