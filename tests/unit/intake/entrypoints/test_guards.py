"""The checks every intake route runs first: no access code in the URL, a JSON body read strictly."""

from typing import Any

import httpx
import pytest
from complaints_chassis.problems import install_problem_handlers
from fastapi import Depends, FastAPI
from intake.entrypoints.guards import no_access_code_in_url, strict_json

app = FastAPI()
install_problem_handlers(app)


@app.post("/v1/echo", dependencies=[Depends(no_access_code_in_url), Depends(strict_json)])
async def echo(body: dict[str, Any]) -> dict[str, Any]:
    return body


async def post(content: bytes | str, *, params: dict[str, str] | None = None,
               content_type: str = "application/json") -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://intake.test") as client:
        return await client.post("/v1/echo", content=content, params=params, headers={"content-type": content_type})


@pytest.mark.parametrize("name", ["access_code", "accessCode", "X-Access-Code", "ACCESS-CODE"])
async def test_an_access_code_in_the_query_string_is_refused_naming_the_parameter(name: str) -> None:
    response = await post('{"a": 1}', params={name: "7K3Q-9XWA-F2MB-HT4C"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "/problems/access-code-in-url"
    assert problem["errors"] == [{"field": name, "in": "query", "code": "not_allowed_in_url",
                                  "reason": problem["detail"]}]
    assert "7K3Q" not in response.text


async def test_other_query_parameters_pass() -> None:
    assert (await post('{"a": 1}', params={"language": "be"})).status_code == 200


@pytest.mark.parametrize(("body", "field", "code"), [
    ('{"text": "a", "text": "b"}', "text", "duplicate_member"),
    ('{"reason": {"x": 1, "x": 2}}', "reason.x", "duplicate_member"),
    ('{"text": "\\ud800"}', "text", "bad_characters"),
    ('{"in_reply_to": "req-\\udfff"}', "in_reply_to", "bad_characters"),
])
async def test_a_body_with_a_repeated_member_or_broken_text_is_refused_naming_the_field(body: str, field: str,
                                                                                        code: str) -> None:
    response = await post(body)
    assert response.status_code == 422
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [(field, code)]


async def test_a_sound_body_reaches_the_route_and_what_is_not_json_is_left_to_fastapi() -> None:
    assert (await post('{"text": "\\ud83d\\ude00"}')).json() == {"text": "😀"}
    assert (await post("{")).status_code == 422
