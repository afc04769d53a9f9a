"""Agents working a case against a stand-in for resolution's staff API and intake's customer API, which moves the
case with resolution's own state machine and checks final responses with resolution's own rules."""

import asyncio
import json
from typing import Any

import httpx
import jwt
import pytest
from complaint_contracts.types import Regime
from complaints_cli.loadgen import final_response_text, steps
from complaints_cli.loadgen.casework import CaseWork, WorkItem
from complaints_cli.staff_client import VERSION_ATTEMPTS
from resolution.domain.final_response import missing_final_response_content
from resolution.domain.states import CaseAction, CaseState, next_state

SECRET, TEAM, CASE, TRACKING, CODE = "unit-test-secret-of-at-least-32-bytes", "support-en-1", "c-1", "CMP-1", "code-1"
ACTIONS = {"investigation": CaseAction.INVESTIGATE, "proposals": CaseAction.PROPOSE_RESOLUTION,
           "implementation": CaseAction.RECORD_IMPLEMENTATION, "resolution": CaseAction.RESOLVE,
           "closure": CaseAction.CLOSE}


def problem(status: int, type_: str, **extra: Any) -> httpx.Response:
    return httpx.Response(status, json={"type": type_, "title": "refused", **extra})


class FakeServices:
    """One case. `conflicts`: how many actions find the case moved by someone else first (409 version conflict)."""

    def __init__(self, regime: Regime = Regime.UK_FCA_DISP, *, conflicts: int = 0, shows_proposal: bool = True):
        self.case: dict[str, Any] = {"complaint_id": CASE, "version": 1, "state": "opened", "regime": regime.value,
                                     "current_proposal_id": None, "outcome": None, "final_response": None}
        self.conflicts, self.shows_proposal = conflicts, shows_proposal
        self.done: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.host == "intake.test":
            return self.customer(request)
        claims = jwt.decode(request.headers["Authorization"].removeprefix("Bearer "), SECRET, algorithms=["HS256"])
        if claims["role"] != "agent" or TEAM not in claims["team"]:
            return problem(403, "/problems/forbidden")
        if request.method == "GET":
            return httpx.Response(200, json=self.case)
        body, action = json.loads(request.content), request.url.path.rsplit("/", 1)[1]
        if self.conflicts:
            self.conflicts -= 1
            self.case["version"] += 1  # resolution recorded something meanwhile
        if body["version"] != self.case["version"]:
            return problem(409, "/problems/version-conflict", current_version=self.case["version"])
        target = next_state(state=CaseState(self.case["state"]), action=ACTIONS[action])
        if target is None:
            return problem(409, "/problems/illegal-transition")
        if action == "resolution":
            missing = missing_final_response_content(regime=Regime(self.case["regime"]), text=body["final_response"])
            if missing:
                return problem(422, "/problems/final-response-incomplete", missing=missing)
            self.case.update(outcome=body["outcome"], final_response=body["final_response"])
        if action == "proposals":
            self.case["current_proposal_id"] = "p-1"
        self.case.update(state=target.value, version=self.case["version"] + 1)
        self.done.append(action)
        return httpx.Response(200, json=self.case)

    def customer(self, request: httpx.Request) -> httpx.Response:
        page = f"/v1/complaints/{TRACKING}"
        if request.headers.get("X-Access-Code") != CODE or not request.url.path.startswith(page):
            return problem(404, "/problems/not-found")
        waiting = self.shows_proposal and self.case["state"] == "resolution_proposed"
        if request.method == "GET":
            return httpx.Response(200, json={"open_proposal": {"proposal_id": "p-1"} if waiting else None})
        if waiting and json.loads(request.content) == {"proposal_id": "p-1", "decision": "accepted"}:
            # What resolution does on intake's ResolutionDecisionReceived.
            self.case.update(state="accepted", version=self.case["version"] + 1)
            self.done.append("decision")
            return httpx.Response(200, json={})
        return problem(409, "/problems/action-not-allowed")


async def work(services: Any, item: WorkItem) -> CaseWork:
    async with CaseWork(resolution_url="http://resolution.test", intake_url="http://intake.test", staff_secret=SECRET,
                        wait_seconds=0.3, transport=httpx.MockTransport(services)) as casework:
        await casework.work(item)
    return casework


@pytest.fixture(autouse=True)
def quick_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(steps, "POLL_SECONDS", 0.01)


HTTP_FILED = WorkItem(CASE, TEAM, "customer_support", tracking_number=TRACKING, access_code=CODE)
KAFKA_FILED = WorkItem(CASE, TEAM, "customer_support")


async def test_a_customer_who_filed_over_http_accepts_the_proposal_before_the_case_is_resolved() -> None:
    services = FakeServices()
    report = (await work(services, HTTP_FILED)).report()
    assert services.done == ["investigation", "proposals", "decision", "implementation", "resolution", "closure"]
    assert (services.case["state"], services.case["outcome"]) == ("closed", "upheld")
    assert report == {"worked": 1, "completed": 1, "completed_by_path": {"customer_accepted": 1}, "failed": 0,
                      "failed_by_step": {}, "failures": []}


@pytest.mark.parametrize("regime", list(Regime))
async def test_a_complaint_filed_over_kafka_is_resolved_not_upheld_without_the_customer(regime: Regime) -> None:
    services = FakeServices(regime)
    report = (await work(services, KAFKA_FILED)).report()
    assert services.done == ["investigation", "resolution", "closure"]
    assert (services.case["state"], services.case["outcome"]) == ("closed", "not_upheld")
    assert report["completed_by_path"] == {"not_upheld": 1} and report["failures"] == []


async def test_a_version_conflict_is_retried_on_the_case_as_it_is_now() -> None:
    services = FakeServices(conflicts=VERSION_ATTEMPTS - 1)
    assert (await work(services, KAFKA_FILED)).report()["completed"] == 1
    assert services.case["state"] == "closed"


async def test_version_conflicts_that_keep_coming_fail_the_step() -> None:
    report = (await work(FakeServices(conflicts=VERSION_ATTEMPTS), KAFKA_FILED)).report()
    assert report["failures"] == [{"complaint_id": CASE, "step": "investigate", "status": 409,
                                   "detail": f"version conflict {VERSION_ATTEMPTS} times in a row"}]


async def test_a_refused_final_response_is_reported_with_what_it_lacks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(final_response_text.REGIME_CLAUSES, Regime.UK_FCA_DISP, ())
    services = FakeServices(Regime.UK_FCA_DISP)
    report = (await work(services, KAFKA_FILED)).report()
    [failure] = report["failures"]
    assert (failure["step"], failure["status"]) == ("resolve", 422)
    assert "missing: " in failure["detail"] and "Financial Ombudsman Service" in failure["detail"]
    assert report["completed"] == 0 and report["failed_by_step"] == {"resolve": 1}
    assert services.case["state"] == "investigating"


async def test_an_agent_of_another_team_fails_at_the_first_read() -> None:
    report = (await work(FakeServices(), WorkItem(CASE, "another-team"))).report()
    assert [(f["step"], f["status"]) for f in report["failures"]] == [("read case", 403)]


async def test_a_proposal_that_never_reaches_the_customer_fails_the_wait() -> None:
    report = (await work(FakeServices(shows_proposal=False), HTTP_FILED)).report()
    assert [(f["step"], f["status"]) for f in report["failures"]] == [("proposal shown to customer", None)]


async def test_no_answer_at_all_is_a_failure_of_the_step_under_way() -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    [failure] = (await work(down, KAFKA_FILED)).report()["failures"]
    assert (failure["step"], failure["status"]) == ("read case", None) and "ConnectError" in failure["detail"]


async def test_a_case_still_in_hand_when_the_run_ends_is_reported_failed() -> None:
    services = FakeServices(shows_proposal=False)
    async with CaseWork(resolution_url="http://resolution.test", intake_url="http://intake.test", staff_secret=SECRET,
                        transport=httpx.MockTransport(services)) as casework:
        task = asyncio.create_task(casework.work(HTTP_FILED))
        await asyncio.sleep(0.2)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    assert [(f["step"], f["status"]) for f in casework.report()["failures"]] == [("proposal shown to customer", None)]
    assert casework.report()["failures"][0]["detail"] == "still in hand when the run ended"


async def test_a_token_that_cannot_be_signed_is_a_failure_of_the_first_step(monkeypatch: pytest.MonkeyPatch) -> None:
    def unsignable(*_: object, **__: object) -> str:
        raise jwt.InvalidKeyError("no key")

    monkeypatch.setattr(jwt, "encode", unsignable)
    [failure] = (await work(FakeServices(), KAFKA_FILED)).report()["failures"]
    assert (failure["step"], failure["status"]) == ("read case", None) and "InvalidKeyError" in failure["detail"]
