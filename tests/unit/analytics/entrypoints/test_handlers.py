"""The consumer takes exactly the events the projection knows, with one handler, so a batch is one run; and
complaint records at the end of their retention, with a handler of their own (they are no fact to project)."""

from analytics.domain.projections import HANDLERS
from analytics.entrypoints.handlers import CONSUMERS, events, on_complaint_record_expired, on_fact_event
from complaint_contracts import EVENT_TOPIC
from complaint_contracts.intake import ComplaintRecordExpired


def test_the_consumer_handles_every_event_the_projection_knows():
    assert ComplaintRecordExpired not in HANDLERS
    assert set(events.handlers) == {*HANDLERS, ComplaintRecordExpired}
    assert {events.handlers[cls] for cls in HANDLERS} == {on_fact_event}
    assert events.handlers[ComplaintRecordExpired] is on_complaint_record_expired
    assert CONSUMERS == [events]


def test_the_consumer_reads_only_the_topics_of_those_events():
    assert set(events.topics) == {EVENT_TOPIC[cls] for cls in (*HANDLERS, ComplaintRecordExpired)}
