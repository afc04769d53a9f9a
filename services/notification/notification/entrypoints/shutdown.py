"""Stopping on time: tell the service to cut its deliveries short as soon as shutdown begins.

The chassis' shutdown first waits (up to `graceful_timeout_seconds`) for in-flight batches; a batch whose channel
keeps failing would use all of it in retry pauses, and the outbox flush and disconnects come after. So before the
chassis starts waiting, the service stops: runs pausing between retries end at once, a run handed back after a
failure ends as it arrives (after the consumer's own retry pause), sends under way get a share of the grace period
(`DRAIN_SHARE`), and the rest is left for the chassis' own steps.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from ..deps import NotificationDeps

DRAIN_SHARE = 0.5
"""Share of the grace period a send already under way may take to finish when the service stops."""


def stop_deliveries_first(app: FastAPI, *, graceful_timeout_seconds: float) -> FastAPI:
    """Wrap the app's lifespan so that shutdown stops the deliveries before the chassis waits for batches."""
    chassis_lifespan = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[Any]:
        async with chassis_lifespan(app) as state:
            try:
                yield state
            finally:
                _deps(app).service.stop(drain_seconds=graceful_timeout_seconds * DRAIN_SHARE)

    app.router.lifespan_context = lifespan
    return app


def _deps(app: FastAPI) -> NotificationDeps:
    deps = app.state.deps
    if not isinstance(deps, NotificationDeps):
        raise TypeError(f"the app's deps are a {type(deps).__name__}, not NotificationDeps")
    return deps
