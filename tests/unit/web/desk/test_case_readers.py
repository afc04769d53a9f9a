"""The case page for readers who may not work the case (quality, legal outside the owning team): it shows the case
and offers only what resolution offers them; a refusal of a part of the page hides that part, a refusal of the page
is an error page in the reader's language — never a crash."""

import pytest
import respx
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from web.domain.desk_refusals import Refused, refusal_of
from web.main import create_app

from tests.unit.web.conftest import RESOLUTION, ROUTING, sign_in, web_settings
from tests.unit.web.desk.samples import CASE_ID, case, decision, problem

FORBIDDEN = Response(403, json=problem(403, "/problems/forbidden", "quality may not work cases"))
QUINN_QUALITY, LEE_LEGAL = "emp-0031", "emp-0041"


def _case_apis(apis: respx.MockRouter, **overrides: object) -> respx.Route:
    """An investigating case as resolution shows it to a reader who may only file a report to a regulator;
    resolution refuses them its final-response templates. Answers the templates' route."""
    apis.get(f"{RESOLUTION}/cases/{CASE_ID}").respond(
        json=case(state="investigating", allowed_actions=["file_regulatory_report"], personal_data_withheld=True)
        | overrides)
    apis.get(f"{ROUTING}/v1/decisions/{CASE_ID}").respond(json=decision())
    apis.get(f"{ROUTING}/v1/rules").respond(json={"departments": {}, "teams": []})
    templates: respx.Route = apis.get(f"{RESOLUTION}/cases/{CASE_ID}/response-templates").mock(
        return_value=FORBIDDEN)
    return templates


@pytest.mark.parametrize("reader", [QUINN_QUALITY, LEE_LEGAL])
def test_quality_and_legal_read_an_investigating_case_without_the_forms_to_work_it(
        client: TestClient, apis: respx.MockRouter, reader: str) -> None:
    templates = _case_apis(apis)
    sign_in(client, reader)

    answer = client.get(f"/desk/cases/{CASE_ID}")

    assert answer.status_code == 200
    assert "Refund not received" in answer.text and "Where is my money?" in answer.text
    assert '/actions/resolve"' not in answer.text and "final_response" not in answer.text
    assert '/actions/propose"' not in answer.text and '/actions/note"' not in answer.text
    assert "No action is possible in this state." in answer.text
    assert not templates.called


def test_templates_refused_by_resolution_are_left_out_and_the_page_still_shows(client: TestClient,
                                                                              apis: respx.MockRouter) -> None:
    templates = _case_apis(apis, allowed_actions=["resolve", "add_internal_note"])
    sign_in(client, LEE_LEGAL)

    answer = client.get(f"/desk/cases/{CASE_ID}")

    assert answer.status_code == 200 and templates.called
    assert f'action="/desk/cases/{CASE_ID}/actions/resolve"' in answer.text
    assert "?template=" not in answer.text


@pytest.mark.parametrize(("language", "heading"), [("en", "Not allowed"), ("ru", "Нет доступа"),
                                                   ("be", "Няма доступу")])
def test_a_case_the_reader_may_not_see_is_a_not_allowed_page_in_their_language(
        client: TestClient, apis: respx.MockRouter, language: str, heading: str) -> None:
    apis.get(f"{RESOLUTION}/cases/{CASE_ID}").mock(return_value=FORBIDDEN)
    sign_in(client, QUINN_QUALITY)

    answer = client.get(f"/desk/cases/{CASE_ID}", headers={"Accept-Language": language})

    assert answer.status_code == 403
    assert f"<h1>{heading}</h1>" in answer.text and answer.headers["content-language"] == language


def _app_with_an_unguarded_call() -> FastAPI:
    app = create_app(web_settings())

    @app.get("/desk/unguarded")
    async def unguarded() -> None:
        raise Refused(refusal_of(403, problem(403, "/problems/forbidden")))

    return app


@pytest.mark.parametrize(("language", "heading"), [("en", "Not allowed"), ("be", "Няма доступу")])
def test_a_refusal_no_page_caught_is_an_error_page_not_an_error_left_to_the_server(
        apis: respx.MockRouter, language: str, heading: str) -> None:
    # An error left to the server would raise here; in production the server also drops the browser's connection.
    with TestClient(_app_with_an_unguarded_call(), raise_server_exceptions=True) as client:
        answer = client.get("/desk/unguarded", headers={"Accept-Language": language})

    assert answer.status_code == 403 and f"<h1>{heading}</h1>" in answer.text
