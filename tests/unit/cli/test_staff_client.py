"""The one staff-API client: tokens resolution accepts, refusals with their problem, retries on a moved case."""

import json
from typing import Any

import httpx
import jwt
import pytest
from complaints_chassis.staff_auth import StaffTokenVerifier
from complaints_cli.staff_client import (
    VERSION_ATTEMPTS,
    ApiError,
    StaffClient,
    answer_json,
    bearer,
    mint_staff_token,
)

SECRET = "unit-test-secret-of-at-least-32-bytes"


def test_a_minted_token_is_accepted_with_its_claims() -> None:
    token = mint_staff_token(SECRET, sub="emp-7", role=["agent", "quality"], team="support-en",
                             department=["customer_support"])
    claims = StaffTokenVerifier(secret=SECRET).claims(token)
    assert (claims.subject, claims.roles, claims.teams, claims.departments) == (
        "emp-7", {"agent", "quality"}, {"support-en"}, {"customer_support"})


def test_claims_not_given_are_left_out_and_the_token_expires() -> None:
    token = mint_staff_token(SECRET, sub="emp-1", ttl_seconds=-10)
    claims = jwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_exp": False})
    assert set(claims) == {"sub", "role", "exp"} and claims["role"] == "agent"
    with pytest.raises(jwt.ExpiredSignatureError):
        StaffTokenVerifier(secret=SECRET).claims(token)


def test_a_refusal_carries_the_status_and_the_problem_in_a_line() -> None:
    answer = httpx.Response(422, json={"type": "/problems/final-response-incomplete", "title": "Incomplete",
                                       "missing": ["the ombudsman", "six months"]})
    with pytest.raises(ApiError) as refused:
        answer_json(answer)
    assert refused.value.status == 422 and refused.value.problem_type == "/problems/final-response-incomplete"
    assert refused.value.detail == ("/problems/final-response-incomplete Incomplete "
                                    "(missing: the ombudsman; six months)")
    assert refused.value.problem["missing"] == ["the ombudsman", "six months"]


def test_a_refusal_without_a_problem_body_keeps_the_start_of_the_body() -> None:
    refused = ApiError.of(httpx.Response(502, text="Bad gateway" + "!" * 300))
    assert (refused.status, refused.problem, refused.detail) == (502, {}, "Bad gateway" + "!" * 189)


class Resolution:
    """One case at `version`; `moves` actions find it moved by someone else first; everything asked is kept."""

    def __init__(self, *, moves: int = 0, refuse: dict[str, Any] | None = None) -> None:
        self.version, self.moves, self.refuse = 1, moves, refuse
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.method == "GET" or not request.url.path.startswith("/cases/"):
            return httpx.Response(200, json={"complaint_id": "c-1", "version": self.version, "items": []})
        if self.refuse is not None:
            return httpx.Response(409, json=self.refuse)
        if self.moves:
            self.moves -= 1
            self.version += 1
        if json.loads(request.content)["version"] != self.version:
            return httpx.Response(409, json={"type": "/problems/version-conflict", "title": "Conflict"})
        self.version += 1
        return httpx.Response(200, json={"complaint_id": "c-1", "version": self.version})

    def asked(self) -> list[str]:
        return [f"{r.method} {r.url.path}" for r in self.requests]


def client(resolution: Resolution) -> StaffClient:
    http = httpx.AsyncClient(base_url="http://resolution.test", transport=httpx.MockTransport(resolution))
    return StaffClient(http, "a-token")


async def test_an_action_without_a_version_is_taken_on_the_case_as_it_is_now() -> None:
    resolution = Resolution()
    case = await client(resolution).investigate("c-1", reason="why")
    assert case["version"] == 2
    assert resolution.asked() == ["GET /cases/c-1", "POST /cases/c-1/investigation"]
    assert json.loads(resolution.requests[1].content) == {"version": 1, "reason": "why"}
    assert resolution.requests[1].headers["Authorization"] == bearer("a-token")["Authorization"]


async def test_a_moved_case_is_read_again_and_the_action_retried() -> None:
    resolution = Resolution(moves=VERSION_ATTEMPTS - 1)
    case = await client(resolution).close("c-1", close_reason="resolved", version=1)
    assert case["version"] == resolution.version
    assert resolution.asked().count("POST /cases/c-1/closure") == VERSION_ATTEMPTS


async def test_a_case_that_keeps_moving_fails_with_a_version_conflict() -> None:
    with pytest.raises(ApiError) as refused:
        await client(Resolution(moves=VERSION_ATTEMPTS)).act("c-1", "investigation", version=1)
    assert (refused.value.status, refused.value.detail) == (409, f"version conflict {VERSION_ATTEMPTS} times in a row")


async def test_another_refusal_is_not_retried() -> None:
    resolution = Resolution(refuse={"type": "/problems/illegal-transition", "title": "Not now"})
    with pytest.raises(ApiError) as refused:
        await client(resolution).act("c-1", "closure", version=1, close_reason="resolved")
    assert refused.value.problem_type == "/problems/illegal-transition"
    assert resolution.asked() == ["POST /cases/c-1/closure"]


async def test_the_queue_is_filtered_by_query_parameters_and_the_clock_moved_by_a_body() -> None:
    resolution = Resolution()
    staff = client(resolution)
    await staff.cases(state="closed", limit=500)
    assert str(resolution.requests[0].url) == "http://resolution.test/cases?state=closed&limit=500"
    await staff.shift_clock(60.0)
    assert json.loads(resolution.requests[1].content) == {"seconds": 60.0}
