import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from complaints_cli.suite import Suite, SuiteConfig


@pytest.fixture(scope="session")
def suite() -> Iterator[Suite]:
    """All five services as processes on a fresh embedded stack, once per test session."""
    with tempfile.TemporaryDirectory(prefix="complaints-e2e-") as run_dir:
        running = Suite(SuiteConfig(run_dir=Path(run_dir), persistent=False))
        try:
            running.start()
            running.wait_ready(timeout=180)
            yield running
        finally:
            running.stop()
