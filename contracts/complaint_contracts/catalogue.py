"""Which events travel on which topic, who produces them and who consumes them."""

from typing import Any, get_args

from . import topics
from .analytics import AnalyticsEvent
from .base import Event
from .intake import IntakeEvent
from .notification import NotificationEvent
from .resolution import ResolutionEvent
from .routing import RoutingEvent
from .submissions import SubmissionEvent

TOPIC_EVENTS: dict[str, Any] = {
    topics.SUBMISSIONS: SubmissionEvent,
    topics.INTAKE: IntakeEvent,
    topics.ROUTING: RoutingEvent,
    topics.RESOLUTION: ResolutionEvent,
    topics.NOTIFICATION: NotificationEvent,
    topics.ANALYTICS: AnalyticsEvent,
}
"""Topic → the discriminated union of the events it carries."""

PRODUCERS: dict[str, str] = {
    topics.SUBMISSIONS: "other internal systems",
    topics.INTAKE: "intake",
    topics.ROUTING: "routing",
    topics.RESOLUTION: "resolution",
    topics.NOTIFICATION: "notification",
    topics.ANALYTICS: "analytics",
}

CONSUMERS: dict[str, tuple[str, ...]] = {
    topics.SUBMISSIONS: ("intake",),
    topics.INTAKE: ("routing", "resolution", "notification", "analytics"),
    topics.ROUTING: ("intake", "resolution", "notification", "analytics"),
    topics.RESOLUTION: ("intake", "routing", "notification", "analytics"),
    topics.NOTIFICATION: ("intake", "resolution", "analytics"),
    topics.ANALYTICS: ("notification", "resolution", "analytics"),
}


def event_classes(union: Any) -> tuple[type[Event], ...]:
    """The event classes of a topic union (Annotated[A | B, discriminator])."""
    inner = get_args(union)[0] if get_args(union) else union
    members = get_args(inner) or (inner,)
    return tuple(m for m in members if isinstance(m, type) and issubclass(m, Event))


def event_type(cls: type[Event]) -> str:
    """The CloudEvents `type` a class pins."""
    return cls.model_fields["type"].default


TOPIC_CLASSES: dict[str, dict[str, type[Event]]] = {
    topic: {event_type(cls): cls for cls in event_classes(union)} for topic, union in TOPIC_EVENTS.items()
}
"""Topic → CloudEvents type → class."""

ALL_EVENTS: dict[str, type[Event]] = {t: c for by_type in TOPIC_CLASSES.values() for t, c in by_type.items()}

EVENT_TOPIC: dict[type[Event], str] = {c: topic for topic, by_type in TOPIC_CLASSES.items() for c in by_type.values()}
"""Class → the one topic it is published on."""
