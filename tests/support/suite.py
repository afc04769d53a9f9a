"""The whole suite as processes for the tiers that need it (e2e, browser): on a fresh embedded stack by default,
or on the broker and store COMPLAINTS_TEST_BACKEND selects (containers, external)."""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from complaints_cli.suite import Suite, SuiteConfig

from tests.support.backends import backend_kind


@contextmanager
def running_suite(request: pytest.FixtureRequest, *, prefix: str,
                  extra_env: dict[str, str] | None = None) -> Iterator[Suite]:
    config: dict = {"extra_env": dict(extra_env or {})}
    if backend_kind(os.environ) != "embedded":
        backend = request.getfixturevalue("backend")
        config |= {"kafka_bootstrap": backend.kafka_bootstrap, "mongo_url": backend.mongo_url,
                  "idempotent_producer": backend.idempotent_producer}
    with tempfile.TemporaryDirectory(prefix=prefix) as run_dir:
        running = Suite(SuiteConfig(run_dir=Path(run_dir), persistent=False, **config))
        try:
            running.start()
            running.wait_ready(timeout=180)
            yield running
        finally:
            running.stop()
