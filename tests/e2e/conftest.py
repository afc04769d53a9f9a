from collections.abc import Iterator

import pytest
from complaints_cli.suite import Suite

from tests.support.suite import running_suite


@pytest.fixture(scope="package")
def suite(request: pytest.FixtureRequest) -> Iterator[Suite]:
    """All services as processes, once for the end-to-end tests (stopped after the last of them: a dozen idle
    processes would slow every test after these)."""
    with running_suite(request, prefix="complaints-e2e-") as running:
        yield running
