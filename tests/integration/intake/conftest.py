"""One intake app for the package: started once (a consumer group takes seconds to form), own database and group."""

import base64
import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from aiokafka.structs import ConsumerRecord
from complaint_contracts import Event, from_kafka
from complaints_chassis.personal_data import KeyStore, Opener
from fastapi import FastAPI
from intake.adapters.store import MongoIntakeStore
from intake.config import IntakeSettings
from intake.deps import IntakeDeps
from intake.main import create_app

from tests.support.backends import Backend
from tests.support.settings import fast_settings
from tests.support.staff import TEST_JWT_SECRET

LOOKUP_FREE_FAILURES = 3
CODE_REQUESTS_PER_NUMBER = 3
TRUSTED_PROXY = "192.0.2.254"
"""The one address whose X-Forwarded-For the test app believes (tests' own clients come from elsewhere)."""


KEY_READERS = {"routing": "routing-reader-secret-for-tests"}
KEY_SEALERS = {"crm": "crm-sealer-secret-for-tests"}


def intake_settings(backend: Backend, **overrides: Any) -> IntakeSettings:
    return fast_settings(IntakeSettings, backend, **{
        "subject_pepper": base64.b64encode(os.urandom(32)).decode(),
        "key_encryption_keys": [f"kek-1:{base64.b64encode(os.urandom(32)).decode()}"], "key_readers": KEY_READERS,
        "key_sealers": KEY_SEALERS,
        "requests_per_minute": 100_000, "lookup_free_failures": LOOKUP_FREE_FAILURES,
        "trusted_proxies": [TRUSTED_PROXY], "max_attachment_bytes": 64 * 1024, "max_attachments": 3,
        "jwt_secret": TEST_JWT_SECRET, "access_code_requests_per_number_per_hour": CODE_REQUESTS_PER_NUMBER,
        **overrides})


@dataclass
class Intake:
    app: FastAPI
    backend: Backend

    @property
    def deps(self) -> IntakeDeps:
        return self.app.state.deps

    @property
    def store(self) -> MongoIntakeStore:
        """The app's store, to look at what it wrote."""
        return MongoIntakeStore(self.app.state.runtime.db)

    @property
    def settings(self) -> IntakeSettings:
        return self.deps.settings

    @property
    def keys(self) -> KeyStore:
        """The app's key store (the keys of every data subject)."""
        return self.deps.filing.keys

    async def decoded(self, record: ConsumerRecord) -> Event:
        """A record intake published, its personal data opened as a reader with keys would."""
        return from_kafka(record.topic, record.value, record.headers,
                          personal=await Opener(self.keys).for_records([record.value]))

    def client(self, address: str | None = None, **headers: str) -> httpx.AsyncClient:
        """An HTTP client coming from its own address (so rate budgets of tests do not mix)."""
        transport = httpx.ASGITransport(app=self.app, client=(address or f"10.{_octets()}", 4711))
        return httpx.AsyncClient(transport=transport, base_url="http://intake.test", headers=headers)


def _octets() -> str:
    raw = uuid.uuid4().bytes
    return f"{raw[0]}.{raw[1]}.{raw[2]}"


@pytest.fixture(scope="package")
async def intake(backend: Backend) -> AsyncIterator[Intake]:
    app = create_app(intake_settings(backend))
    async with app.router.lifespan_context(app):
        yield Intake(app, backend)
