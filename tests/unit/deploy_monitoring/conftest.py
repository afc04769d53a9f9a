import pytest

from tests.support.promql import find_promtool


@pytest.fixture(scope="module")
def promtool() -> str:
    """promtool, which `make install` takes out of Debian's prometheus package: a check that silently does not run
    is not a check, so its absence fails."""
    found = find_promtool()
    if found is None:
        pytest.fail("promtool is missing: run `make install` (it fetches it from Debian's prometheus package)")
    return found
