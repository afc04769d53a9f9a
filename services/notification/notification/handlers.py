"""Kafka entry points of notification: thin handlers (contract in, one call) registered on one consumer group."""

from complaint_contracts import topics
from complaints_chassis.consumer import EventConsumer

events = EventConsumer(topics.ROUTING, topics.RESOLUTION, topics.ANALYTICS, topics.INTAKE, group_id="notification",
                       description="Every event that warrants a message to a customer or to staff")

CONSUMERS = [events]
