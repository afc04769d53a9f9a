"""Kafka entry points of analytics: thin handlers (contract in, one call) registered on one consumer group."""

from complaint_contracts import topics
from complaints_chassis.consumer import EventConsumer

events = EventConsumer(topics.INTAKE, topics.ROUTING, topics.RESOLUTION, topics.NOTIFICATION, group_id="analytics",
                       description="Every service's events, for the read models")

CONSUMERS = [events]
