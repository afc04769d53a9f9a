"""What browser journeys share: the browser binary, an accessibility check with axe-core, screenshots, and the
desk's development sign-in."""

import os
import re
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
"""Headless in a closed network: without the background-networking switches Chromium keeps trying Google's hosts."""
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / ".run" / "screenshots"
DOCS_SHOTS = ROOT / "docs" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}
_AXE = Axe()
T = TypeVar("T")


def aside(call: Callable[[], T]) -> T:
    """Run a step that runs its own event loop (the staff client, Kafka, the mailbox helpers) on another thread:
    Playwright's synchronous API keeps one running on this thread, where `asyncio.run` is refused."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result()


def assert_accessible(page: Page) -> None:
    """axe-core finds no serious or critical WCAG 2.2 A/AA violation on the page as it is now."""
    results = _AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    blocking = [v for v in results.response["violations"] if v.get("impact") in BLOCKING]
    report = "\n".join(f"{v['id']} ({v['impact']}): {v['help']} — "
                       + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
                       for v in blocking)
    assert not blocking, f"{page.url}\n{report}"


def screenshot(page: Page, name: str) -> Path:
    """Save the whole page as `.run/screenshots/<name>.png`; with UPDATE_DOCS_SCREENSHOTS=1 also under
    docs/screenshots/ (the README shows those)."""
    if not re.fullmatch(r"[a-z0-9-]+", name):
        raise ValueError("screenshot names are lower-case words joined by hyphens")
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if os.environ.get("UPDATE_DOCS_SCREENSHOTS") == "1":
        DOCS_SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS_SHOTS / path.name)
    return path


def sign_in_to_desk(page: Page, web: str, *, name: str, lands_on: str = "/desk") -> None:
    """The development sign-in: pick the demo member of staff by the name the list shows (e.g. "Alice Agent")."""
    page.goto(f"{web}/desk/sign-in")
    page.get_by_label(re.compile(rf"^{re.escape(name)} \(")).check()
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{web}{lands_on}")


WITHIN_SECONDS = 60.0
"""How long a journey waits for the services to catch up (a new complaint routed and opened, a decision seen)."""


def eventually(check: Callable[[], bool], what: str) -> None:
    """Try `check` every second until it holds; fail naming `what` after WITHIN_SECONDS."""
    deadline = time.monotonic() + WITHIN_SECONDS
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {WITHIN_SECONDS} s")
        time.sleep(1)


def find_case(page: Page, web: str, tracking_number: str) -> None:
    """Search the desk for the case until routing and resolution have opened it (it is then listed)."""
    def found() -> bool:
        page.goto(f"{web}/desk")
        page.get_by_label("Find cases").fill(tracking_number)
        page.get_by_role("button", name="Search").click()
        return page.get_by_role("link", name=tracking_number).count() > 0

    eventually(found, f"case {tracking_number} reaching the desk")
