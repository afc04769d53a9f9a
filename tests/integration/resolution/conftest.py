from collections.abc import AsyncIterator

import httpx
import pytest
from resolution.config import ResolutionSettings
from resolution.main import create_app

from tests.support.backends import Backend
from tests.support.settings import fast_settings

from .rig import SECRET, Rig


@pytest.fixture(scope="module")
async def rig(backend: Backend) -> AsyncIterator[Rig]:
    settings = fast_settings(ResolutionSettings, backend, jwt_secret=SECRET, scan_interval_seconds=3600,
                             allow_clock_control=True)
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            yield Rig(app, backend, http)
