"""The routing service on the embedded backend, with editable copies of its rules and a reader of its topic."""

import shutil
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from complaint_contracts import from_kafka, topics
from complaint_contracts.base import Event
from fastapi import FastAPI
from routing.adapters.rules_files import RULES_DIR
from routing.adapters.store import MongoRoutingStore
from routing.config import RoutingSettings
from routing.deps import RoutingDeps
from routing.main import create_app

from tests.support.backends import Backend
from tests.support.kafka import read_until
from tests.support.key_server import READER_SECRET
from tests.support.settings import fast_settings
from tests.support.staff import TEST_JWT_SECRET, bearer, staff_token

KEY_READER = ("routing", READER_SECRET)
"""Routing's name and secret as a key reader at the tests' key API."""


def settings_for(backend: Backend, rules_dir: Path, *, keys_url: str, **overrides: Any) -> RoutingSettings:
    """Routing's settings for a test; `keys_url` must answer: the topics are shared, and one sealed record of any
    test would otherwise stall the consumer, retrying the key look-up, as routing does while intake is down."""
    return fast_settings(RoutingSettings, backend, **{
        "rules_file": rules_dir / "default.yaml", "teams_file": rules_dir / "teams.yaml", "rules_watch_seconds": 0,
        "fingerprint_key": "integration-test-fingerprint-key", "jwt_secret": TEST_JWT_SECRET,
        "keys_url": keys_url, "keys_client": KEY_READER[0], "keys_secret": KEY_READER[1], **overrides})


def copy_packaged_rules(target: Path) -> Path:
    """Copies of the packaged rules and teams files that a test may edit."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("default.yaml", "teams.yaml"):
        shutil.copy(RULES_DIR / name, target / name)
    return target


@dataclass
class Rig:
    app: FastAPI
    backend: Backend
    http: httpx.AsyncClient
    rules_dir: Path

    @property
    def deps(self) -> RoutingDeps:
        return self.app.state.deps

    @property
    def store(self) -> MongoRoutingStore:
        """Routing's database, read through its store."""
        return MongoRoutingStore(self.app.state.runtime.db)

    async def publish(self, *events: Event) -> None:
        await self.app.state.runtime.publisher.publish(list(events))

    async def published(self, complaint_id: str, *, until: str | Callable[[Event], bool],
                        timeout: float = 120.0) -> list[Event]:
        """Routing's events about a complaint, in order, up to and including the first of type `until` (or the
        first `until` accepts). An event published again (a redelivered receipt publishes what its decision caused
        again) counts once, as consumers see it. The wait is long: each module's routing starts a new consumer
        group on the topics every integration test shares, and routes all that earlier tests published first (a
        module's first test twice waited over 30 s for its own complaint)."""
        seen: list[Event] = []
        last = until if callable(until) else lambda event: type(event).__name__ == until

        def collect(record: Any) -> bool:
            if record.key != complaint_id.encode():
                return False
            event = from_kafka(record.topic, record.value, record.headers)
            if any(earlier.id == event.id for earlier in seen):
                return False
            seen.append(event)
            return last(event)

        await read_until(self.backend.kafka_bootstrap, topics.ROUTING, collect, timeout=timeout)
        return seen

    async def first(self, complaint_id: str, until: str) -> Any:
        """The first event of type `until` routing published about a complaint."""
        return (await self.published(complaint_id, until=until))[-1]


@asynccontextmanager
async def running(settings: RoutingSettings, backend: Backend, rules_dir: Path) -> AsyncIterator[Rig]:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        # An admin's token by default: the rules reload is an admin's action.
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test",
                                     headers=bearer(staff_token(role="admin"))) as http:
            yield Rig(app, backend, http, rules_dir)
