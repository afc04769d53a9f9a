"""The typed bundle every notification handler receives."""

from collections.abc import Mapping
from dataclasses import dataclass

from .domain.ports import Notifier
from .domain.selection import DeliveryChannel
from .service import NotificationService


@dataclass
class NotificationDeps:
    service: NotificationService
    notifiers: Mapping[DeliveryChannel, Notifier]
    """The channels as built (unmetered), closed at shutdown."""

    async def close(self) -> None:
        for notifier in self.notifiers.values():
            await notifier.aclose()
