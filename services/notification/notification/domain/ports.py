"""What the notification service needs from the outside world; adapters/ implements it, unit tests fake it."""

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Protocol

from complaint_contracts import Language

from .catalogue import Template
from .delivery import Delivery, DeliveryResult, OutgoingMessage, RenderedMessage
from .facts import ComplaintFacts
from .outcomes import Outcome


class NotificationStore(Protocol):
    """Facts per complaint and the delivery log keyed by notification id; every method is one round trip."""

    async def facts_of(self, complaint_ids: Sequence[str]) -> dict[str, ComplaintFacts]: ...

    async def save_facts(self, facts: Sequence[ComplaintFacts]) -> None: ...

    async def remember_received(self, facts: Sequence[ComplaintFacts]) -> None:
        """Store the facts of complaints not known yet; known ones are left alone."""
        ...

    async def recorded_among(self, notification_ids: Sequence[str]) -> set[str]:
        """Which of these deliveries already have an outcome."""
        ...

    async def record_outcomes(self, outcomes: Sequence[Outcome]) -> list[bool]:
        """Write each delivery record with its outcome event (the outbox publishes the event).

        Per outcome: False when that delivery was recorded already.
        """
        ...


class Notifier(ABC):
    """Hands a rendered message to one channel and says whether it got through; a new channel is a subclass."""

    @abstractmethod
    async def send(self, message: OutgoingMessage) -> DeliveryResult:
        """Deliver the message; never raise for delivery problems, report them in the result."""

    async def aclose(self) -> None:
        """Release connections the channel holds (called at shutdown)."""
        return None


class MessageRenderer(Protocol):
    """Writes a delivery's subject, text and HTML from the message templates."""

    def languages(self, template: Template) -> frozenset[Language]:
        """Languages with every part of the template present."""
        ...

    def render_delivery(self, delivery: Delivery) -> RenderedMessage:
        """Render a delivery in its chosen language, locale and time zone."""
        ...


class OutcomeCounter(Protocol):
    """Told of outcomes as they are recorded (a redelivery records, and so counts, nothing)."""

    def recorded(self, outcomes: Sequence[Outcome]) -> None: ...
