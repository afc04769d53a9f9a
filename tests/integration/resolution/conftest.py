from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from resolution.config import ResolutionSettings
from resolution.main import create_app

from tests.support.backends import Backend
from tests.support.key_server import KeyServer
from tests.support.settings import fast_settings

from .rig import SECRET, Rig


@pytest.fixture(scope="module")
def key_api() -> Iterator[KeyServer]:
    """Intake's key API as resolution reads it (keys the tests seal with)."""
    with KeyServer() as api:
        yield api


@pytest.fixture(scope="module")
async def rig(backend: Backend, key_api: KeyServer) -> AsyncIterator[Rig]:
    settings = fast_settings(ResolutionSettings, backend, jwt_secret=SECRET, scan_interval_seconds=3600,
                             allow_clock_control=True, **key_api.settings("resolution"))
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            yield Rig(app, backend, http)
