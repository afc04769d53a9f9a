"""Kafka entry points of resolution: thin handlers (contract in, one call) registered on one consumer group."""

from complaint_contracts import topics
from complaints_chassis.consumer import EventConsumer

events = EventConsumer(topics.ROUTING, topics.INTAKE, topics.ANALYTICS, group_id="resolution",
                       description="Routed complaints to open as cases; the customer's answers; systemic issues")

CONSUMERS = [events]
