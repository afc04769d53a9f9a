from collections.abc import AsyncIterator, Iterator

import pytest

from tests.support.backends import Backend
from tests.support.key_server import KeyServer

from .rig import KEY_READER, Rig, copy_packaged_rules, running, settings_for


@pytest.fixture(scope="module")
def keys() -> Iterator[KeyServer]:
    """The key API routing reads keys from: it knows the keys a test makes, and answers every other id as gone."""
    with KeyServer(readers=[KEY_READER[0]]) as api:
        yield api


@pytest.fixture(scope="module")
async def rig(backend: Backend, tmp_path_factory: pytest.TempPathFactory, keys: KeyServer) -> AsyncIterator[Rig]:
    rules_dir = copy_packaged_rules(tmp_path_factory.mktemp("routing-rules"))
    async with running(settings_for(backend, rules_dir, keys_url=keys.url), backend, rules_dir) as started:
        yield started
