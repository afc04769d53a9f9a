"""Kafka entry points of analytics: one thin handler (events in, one call) on one consumer group.

The events it takes are those the projection has a handler for (`domain.projections.HANDLERS`), so the topics
follow from the one projection registry. A single handler keeps a batch in a single run (one bulk write). A
complaint record at the end of its retention is no fact to project: its own handler deletes the complaint's fact.
"""

from complaint_contracts.base import Event
from complaint_contracts.intake import ComplaintRecordExpired
from complaints_chassis.consumer import EventConsumer

from ..deps import AnalyticsDeps
from ..domain.projections import PROJECTED_EVENTS


async def on_fact_event(received: list[Event], deps: AnalyticsDeps) -> None:
    await deps.service.project(received)


async def on_complaint_record_expired(expired: list[ComplaintRecordExpired], deps: AnalyticsDeps) -> None:
    await deps.service.expire(expired)


events = EventConsumer(group_id="analytics", description="Every service's events, for the read models; complaint "
                                                         "records at the end of their retention")
events.on(*PROJECTED_EVENTS)(on_fact_event)
events.on(ComplaintRecordExpired)(on_complaint_record_expired)

CONSUMERS = [events]
