from collections.abc import AsyncIterator

import pytest

from tests.support.backends import Backend

from .rig import Rig, copy_packaged_rules, running, settings_for


@pytest.fixture(scope="module")
async def rig(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Rig]:
    rules_dir = copy_packaged_rules(tmp_path_factory.mktemp("routing-rules"))
    async with running(settings_for(backend, rules_dir), backend, rules_dir) as started:
        yield started
