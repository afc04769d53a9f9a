"""The consumer subscribes to what its handlers take: intake's receipts and customer events, routing's decisions,
notification's outcomes, analytics' systemic issues and erasures of personal data."""

from complaint_contracts import topics
from complaint_contracts.intake import PersonalDataErased
from resolution.entrypoints.handlers import CONSUMERS, events


def test_the_consumer_reads_the_topics_of_the_events_it_handles():
    assert CONSUMERS == [events]
    assert events.group_id == "resolution"
    assert set(events.topics) == {topics.ROUTING, topics.INTAKE, topics.NOTIFICATION, topics.ANALYTICS}


def test_erasures_of_personal_data_are_handled():
    assert PersonalDataErased in events.handlers
