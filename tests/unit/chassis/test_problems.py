from complaints_chassis.problems import Problem, install_problem_handlers
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field


class Filing(BaseModel):
    title: str = Field(min_length=1)
    amount: int


def make_app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)

    @app.post("/things")
    def create(filing: Filing) -> dict:
        return {}

    @app.get("/conflict")
    def conflict() -> dict:
        raise Problem(409, "Not allowed now", "The case is closed", allowed_actions=["reopen"])

    @app.get("/crash")
    def crash() -> dict:
        raise RuntimeError("secret customer detail")

    return app


client = TestClient(make_app(), raise_server_exceptions=False)


def test_invalid_body_names_every_field_and_reason() -> None:
    answer = client.post("/things", json={"title": "", "amount": "many"})
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    body = answer.json()
    assert {(e["field"], e["in"]) for e in body["errors"]} == {("title", "body"), ("amount", "body")}
    assert body["status"] == 422 and body["instance"] == "/things"


def test_a_body_that_is_not_json_names_the_body_not_a_character_offset() -> None:
    answer = client.post("/things", content=b'{"title": Alesia}', headers={"content-type": "application/json"})
    assert answer.status_code == 422
    [error] = answer.json()["errors"]
    assert error == {"field": "(body)", "in": "body", "reason": "not valid JSON (Expecting value at character 10)"}
    assert "Alesia" not in answer.text


def test_domain_problem_keeps_its_extensions() -> None:
    body = client.get("/conflict").json()
    assert body == {"type": "about:blank", "title": "Not allowed now", "status": 409, "instance": "/conflict",
                    "detail": "The case is closed", "allowed_actions": ["reopen"]}


def test_unknown_route_is_a_problem_too() -> None:
    answer = client.get("/nowhere")
    assert answer.status_code == 404
    assert answer.json()["title"] == "Not Found"


def test_a_crash_is_a_500_problem_without_internals() -> None:
    answer = client.get("/crash")
    assert answer.status_code == 500
    assert "secret" not in answer.text
