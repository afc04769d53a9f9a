"""Kafka entry points of routing: thin handlers (contract in, one call) registered on one consumer group."""

from complaint_contracts import topics
from complaints_chassis.consumer import EventConsumer

events = EventConsumer(topics.INTAKE, topics.RESOLUTION, group_id="routing",
                       description="New complaints to assess and route; escalations and workload changes")

CONSUMERS = [events]
