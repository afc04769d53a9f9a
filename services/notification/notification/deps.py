"""The typed bundle every notification handler and route receives."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated

from complaints_chassis.runtime import typed_deps
from fastapi import Depends

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


get_deps = typed_deps(NotificationDeps)
Deps = Annotated[NotificationDeps, Depends(get_deps)]
