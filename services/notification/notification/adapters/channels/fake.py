"""An in-memory channel for tests: records what was sent and plays back scripted results."""

from collections import deque

from ...domain.delivery import DeliveryResult, OutgoingMessage
from ...domain.ports import Notifier


class FakeNotifier(Notifier):
    """Keeps every message it is asked to send; answers with scripted results, then success."""

    def __init__(self, *results: DeliveryResult) -> None:
        self.sent: list[OutgoingMessage] = []
        self._results = deque(results)

    async def send(self, message: OutgoingMessage) -> DeliveryResult:
        self.sent.append(message)
        if self._results:
            return self._results.popleft()
        return DeliveryResult.success(provider_message_id=f"fake-{len(self.sent)}")
