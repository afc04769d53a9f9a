import os
import uuid
from collections.abc import Iterator

import pytest

from tests.support.backends import Backend, open_backend


@pytest.fixture(scope="session")
def backend() -> Iterator[Backend]:
    """Kafka + MongoDB for the whole test session (started once: consumer groups are slow to form)."""
    with open_backend(os.environ) as selected:
        yield selected


@pytest.fixture
def unique() -> str:
    """A short unique token for topic keys, group ids and database names."""
    return uuid.uuid4().hex[:12]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with its tier, taken from its folder."""
    for item in items:
        parts = item.path.parts
        for tier in ("unit", "integration", "e2e", "faults", "browser"):
            if tier in parts:
                item.add_marker(getattr(pytest.mark, tier))
