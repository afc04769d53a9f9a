"""Kafka entry points of intake: thin handlers (contract in, one call) registered on one consumer group."""

from complaint_contracts import topics
from complaints_chassis.consumer import EventConsumer

events = EventConsumer(topics.SUBMISSIONS, topics.ROUTING, topics.RESOLUTION, topics.NOTIFICATION, group_id="intake",
                       description="Internal submissions, and the progress the customer status page shows")

CONSUMERS = [events]
