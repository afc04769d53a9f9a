import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from resolution.config import ResolutionSettings
from resolution.main import create_app

from tests.support.backends import Backend

from .rig import SECRET, Rig


@pytest.fixture(scope="module")
async def rig(backend: Backend) -> AsyncIterator[Rig]:
    settings = ResolutionSettings(
        kafka_bootstrap=backend.kafka_bootstrap, mongo_url=backend.mongo_url,
        mongo_database=f"resolution_{uuid.uuid4().hex[:8]}", kafka_idempotent_producer=backend.idempotent_producer,
        retry_backoff_seconds=0.05, consumer_batch_timeout_ms=20, kafka_partitions=3, jwt_secret=SECRET,
        scan_interval_seconds=3600, allow_clock_control=True)
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            yield Rig(app, backend, http)
