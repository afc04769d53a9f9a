"""The consumer takes exactly the events the projection knows, with one handler, so a batch is one run."""

from analytics.domain.projections import HANDLERS
from analytics.entrypoints.handlers import CONSUMERS, events, on_fact_event
from complaint_contracts import EVENT_TOPIC


def test_the_consumer_handles_every_event_the_projection_knows():
    assert set(events.handlers) == set(HANDLERS)
    assert set(events.handlers.values()) == {on_fact_event}
    assert CONSUMERS == [events]


def test_the_consumer_reads_only_the_topics_of_those_events():
    assert set(events.topics) == {EVENT_TOPIC[cls] for cls in HANDLERS}
