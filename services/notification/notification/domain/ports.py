"""What the notification service needs from the outside world; adapters/ implements it, unit tests fake it."""

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from typing import Protocol

from complaint_contracts import Language

from .catalogue import Template
from .delivery import Delivery, DeliveryResult, OutgoingMessage, RenderedMessage
from .delivery_log import DeliveryRecord, FinishedDelivery
from .facts import ComplaintFacts
from .outcomes import Outcome


class NotificationStore(Protocol):
    """Facts per complaint and the delivery log keyed by notification id; every method is one round trip (storing
    facts another run stored meanwhile takes more)."""

    async def facts_of(self, complaint_ids: Sequence[str]) -> dict[str, ComplaintFacts]:
        """The latest facts of each complaint known (with the revision they were read as)."""
        ...

    async def save_facts(self, facts: Sequence[ComplaintFacts]) -> None:
        """Store changed facts as the revision after the one read; facts erased meanwhile stay erased."""
        ...

    async def remember_received(self, facts: Sequence[ComplaintFacts]) -> None:
        """Store the facts of complaints not known yet; known ones are left alone."""
        ...

    async def scrub_facts(self, complaint_ids: Sequence[str]) -> None:
        """Remove the personal values from every earlier version of these complaints' facts (erasure)."""
        ...

    async def deliveries_among(self, notification_ids: Sequence[str]) -> dict[str, DeliveryRecord]:
        """What the log holds about these deliveries (those it knows nothing of are left out)."""
        ...

    async def begin_sending(self, intents: Sequence[DeliveryRecord]) -> list[bool]:
        """Log each delivery as `sending` before it goes to its channel: new, or `deferred` until now.

        Per intent: False when the log already held it otherwise (another attempt got there first).
        """
        ...

    async def defer(self, notification_ids: Sequence[str]) -> list[bool]:
        """Note that these deliveries failed transiently (`sending` → `deferred`); per id: whether it was."""
        ...

    async def record_outcomes(self, finished: Sequence[FinishedDelivery]) -> list[bool]:
        """Finish each delivery with its outcome, keeping its outcome event in the same insert (to publish again if
        the trigger is delivered again).

        Per outcome: False when that delivery had an outcome already.
        """
        ...

    async def unfinished_deliveries(self, complaint_ids: Sequence[str], *, recipient_kind: str) -> list[DeliveryRecord]:
        """Deliveries to that kind of recipient about these complaints that have no outcome yet."""
        ...

    async def deliveries_of(self, complaint_ids: Sequence[str]) -> list[DeliveryRecord]:
        """Every delivery the log holds about these complaints."""
        ...

    async def delete_complaints(self, complaint_ids: Sequence[str]) -> None:
        """Delete every version of these complaints' facts and every delivery about them (their record expired);
        deleting what is gone already is no error."""
        ...


class OutcomePublisher(Protocol):
    """Publishes outcome events straight after their outcomes are stored; the trigger's offset is committed only
    after, so it is the checkpoint: a trigger delivered again publishes what its stored outcomes caused again."""

    async def publish(self, finished: Sequence[FinishedDelivery]) -> None:
        """Publish these just-recorded outcomes' events (and the dead-letter copy of a permanent failure)."""
        ...

    async def publish_again(self, notification_ids: Sequence[str]) -> None:
        """Publish again what the stored outcomes of these deliveries caused (none stored: nothing)."""
        ...


class KeyCache(Protocol):
    """The copies of data subjects' keys this service holds for a while (the chassis' cached key ring)."""

    def forget(self, key_ids: Iterable[str]) -> None:
        """Drop these keys at once: they were destroyed."""
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

    def resent(self, *, channel: str, template: str) -> None:
        """A delivery whose earlier attempt may have got through is sent again (a possible duplicate)."""
        ...
