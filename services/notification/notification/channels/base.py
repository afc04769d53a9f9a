"""The one interface every channel implements: a new channel is a new subclass."""

from abc import ABC, abstractmethod

from ..messages import DeliveryResult, OutgoingMessage


class Notifier(ABC):
    """Hands a rendered message to one channel and says whether it got through."""

    @abstractmethod
    async def send(self, message: OutgoingMessage) -> DeliveryResult:
        """Deliver the message; never raise for delivery problems, report them in the result."""

    async def aclose(self) -> None:
        """Release connections the channel holds (called at shutdown)."""
        return None
