"""Unit tests of the web front end: the app in-process, the services' APIs faked with respx (no network)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
import respx
from fastapi.testclient import TestClient
from web.config import WebSettings
from web.main import create_app

DEMO_STAFF = Path(__file__).resolve().parents[3] / "deploy/env/staff-members.demo.yaml"
INTAKE, ROUTING, RESOLUTION, ANALYTICS = ("http://intake.test", "http://routing.test", "http://resolution.test",
                                          "http://analytics.test")


def web_settings(**overrides: object) -> WebSettings:
    values: dict[str, object] = dict(session_secret="s" * 40, environment="development", dev_sign_in=True,
                                     jwt_secret="j" * 40, demo_staff_file=DEMO_STAFF, intake_url=INTAKE,
                                     routing_url=ROUTING, resolution_url=RESOLUTION, analytics_url=ANALYTICS)
    return WebSettings(**(values | overrides))  # type: ignore[arg-type]


@pytest.fixture
def apis() -> Iterator[respx.MockRouter]:
    """The services' HTTP APIs: declare answers with `apis.get(f"{INTAKE}/v1/…").respond(json=…)`; a call nobody
    declared fails the test."""
    with respx.mock(assert_all_called=False) as router:
        yield router


@pytest.fixture
def client(apis: respx.MockRouter) -> Iterator[TestClient]:
    with TestClient(create_app(web_settings())) as test_client:
        yield test_client


def form(client: TestClient, **fields: str) -> dict[str, str]:
    """A form's fields with the anti-forgery token the browser would send (taken from the cookie)."""
    page = client.get("/")  # sets the csrftoken cookie on a first visit
    assert page.status_code == 200
    return {"csrftoken": client.cookies.get("csrftoken", ""), **fields}


def sign_in(client: TestClient, sub: str = "emp-0001") -> None:
    answer = client.post("/desk/sign-in/dev", data=form(client, sub=sub), follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/desk"
