"""Background task: put edited rules and teams files in force when they change on disk."""

import asyncio

from ..service import RoutingService


async def watch_rules_files(*, service: RoutingService, interval_seconds: float) -> None:
    """Look at the files every `interval_seconds`; a bad edit leaves the rules in force active."""
    while True:
        await asyncio.sleep(interval_seconds)
        service.reload_edited_rules()
