"""The frame every page shares: language, security headers, anti-forgery, sign-in."""

from fastapi.testclient import TestClient

from .conftest import form, sign_in, web_settings


def test_pages_speak_the_browsers_language_unless_the_visitor_chose_one(client: TestClient) -> None:
    assert client.get("/", headers={"Accept-Language": "be-BY,be;q=0.9"}).headers["content-language"] == "be"
    assert client.get("/", headers={"Accept-Language": "de-DE"}).headers["content-language"] == "en"
    switched = client.post("/language", data=form(client, language="ru", back="/track"), follow_redirects=False)
    assert switched.headers["location"] == "/track"
    assert client.get("/", headers={"Accept-Language": "be"}).headers["content-language"] == "ru"


def test_the_language_switch_returns_only_to_this_site(client: TestClient) -> None:
    for elsewhere in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        answer = client.post("/language", data=form(client, language="en", back=elsewhere), follow_redirects=False)
        assert answer.headers["location"] == "/"


def test_every_page_carries_a_strict_content_security_policy_and_is_not_cached(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert headers["cache-control"] == "no-store"
    assert headers["x-frame-options"] == "DENY"


def test_a_form_without_the_anti_forgery_token_is_refused(client: TestClient) -> None:
    client.get("/")
    answer = client.post("/language", data={"language": "ru", "csrftoken": "forged"})
    assert answer.status_code == 403
    assert "expired" in answer.text


def test_the_desk_sends_strangers_to_sign_in_and_lets_demo_staff_in(client: TestClient, apis) -> None:
    from .conftest import RESOLUTION

    apis.get(url__startswith=f"{RESOLUTION}/cases").respond(json={"items": [], "total": 0, "offset": 0, "limit": 25})
    assert client.get("/desk", follow_redirects=False).headers["location"] == "/desk/sign-in"
    sign_in(client)
    assert "Alice Agent" in client.get("/desk").text
    client.post("/desk/sign-out", data=form(client))
    assert client.get("/desk", follow_redirects=False).status_code == 303


def test_an_unknown_member_of_staff_cannot_sign_in(client: TestClient) -> None:
    answer = client.post("/desk/sign-in/dev", data=form(client, sub="emp-9999"), follow_redirects=False)
    assert answer.headers["location"] == "/desk/sign-in?failed=1"


def test_the_development_sign_in_refuses_to_start_outside_development() -> None:
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="only with WEB_ENVIRONMENT=development"):
        web_settings(environment="production")


def test_production_cookies_are_secure() -> None:
    settings = web_settings(environment="production", dev_sign_in=False)
    assert settings.secure_cookies


def test_a_form_with_files_is_checked_for_its_token_too(client: TestClient) -> None:
    client.get("/")
    token = client.cookies.get("csrftoken", "")
    files = {"evidence": ("note.txt", b"hello", "text/plain")}
    forged = client.post("/language", data={"csrftoken": "forged", "language": "ru"}, files=files)
    assert forged.status_code == 403 and "expired" in forged.text
    genuine = client.post("/language", data={"csrftoken": token, "language": "ru", "back": "/file"}, files=files,
                          follow_redirects=False)
    assert genuine.status_code == 303 and genuine.headers["location"] == "/file"


def test_intake_is_told_which_visitor_the_portal_calls_for(client: TestClient, apis) -> None:
    """Intake keeps rate budgets and look-up lock-outs per client: each customer of the portal must keep their own."""
    from .conftest import INTAKE

    asked = apis.post(f"{INTAKE}/v1/access-code-requests").respond(202, json={"detail": "sent if it matches"})
    client.post("/access-code", data=form(client, tracking_number="CMP-7K3Q-9XWA-F", contact="a@example.org"))
    assert asked.called
    assert asked.calls.last.request.headers["X-Forwarded-For"] == "testclient"  # the TestClient's address
