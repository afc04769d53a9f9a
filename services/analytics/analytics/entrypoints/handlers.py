"""Kafka entry points of analytics: one thin handler (events in, one call) on one consumer group.

The events it takes are those the projection has a handler for (`domain.projections.HANDLERS`), so the topics
follow from the one projection registry. A single handler keeps a batch in a single run (one bulk write).
"""

from complaint_contracts.base import Event
from complaints_chassis.consumer import EventConsumer

from ..deps import AnalyticsDeps
from ..domain.projections import PROJECTED_EVENTS


async def on_fact_event(received: list[Event], deps: AnalyticsDeps) -> None:
    await deps.service.project(received)


events = EventConsumer(group_id="analytics", description="Every service's events, for the read models")
events.on(*PROJECTED_EVENTS)(on_fact_event)

CONSUMERS = [events]
