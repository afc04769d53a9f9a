"""The browser tier: the whole suite as processes, and Debian's Chromium driven by Playwright (its own browser
download is not reachable from our machines; `make install` installs the `chromium` package)."""

from collections.abc import Iterator

import pytest
from complaints_cli.suite import Suite
from complaints_cli.suite.processes import FRONT_END
from playwright.sync_api import Browser, Page, sync_playwright

from tests.support.suite import running_suite

from .support import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="package")
def suite(request: pytest.FixtureRequest) -> Iterator[Suite]:
    with running_suite(request, prefix="complaints-browser-") as running:
        yield running


@pytest.fixture(scope="package")
def web(suite: Suite) -> str:
    """The portal's and desk's base URL (localhost: cookies are per host name, as in the links of the mails)."""
    return suite.url(FRONT_END).replace("127.0.0.1", "localhost")


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser profile per test (no cookies carried over), English unless the test changes it."""
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()
