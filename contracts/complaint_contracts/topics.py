"""Kafka topics: one per producing service, so one service's events about a complaint stay in order.

The runtime twin of this module is deploy/kafka/topics.yaml; a test keeps them in step.
"""

SUBMISSIONS = "complaints.submissions.v1"
"""Written by other internal systems (ComplaintSubmission), read by intake."""
INTAKE = "complaints.intake.v1"
ROUTING = "complaints.routing.v1"
RESOLUTION = "complaints.resolution.v1"
NOTIFICATION = "complaints.notification.v1"
ANALYTICS = "complaints.analytics.v1"

ALL = (SUBMISSIONS, INTAKE, ROUTING, RESOLUTION, NOTIFICATION, ANALYTICS)

DLQ_SUFFIX = ".dlq"


def dlq(topic: str) -> str:
    """Name of the dead-letter topic that belongs to `topic`."""
    return topic + DLQ_SUFFIX


ALL_WITH_DLQ = ALL + tuple(dlq(t) for t in ALL)

PRESENCE_PREFIX = "complaints.presence."


def presence(service: str) -> str:
    """An empty topic only `service` creates: when it is missing, the broker lost what the service had published
    (the in-memory embedded broker after a restart). Never produced to or consumed."""
    return PRESENCE_PREFIX + service
