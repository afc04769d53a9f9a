"""The status page and the customer's actions: no account, tracking number + access code, no enumeration."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from complaint_contracts import (
    Clock,
    ComplaintClosed,
    ComplaintResolved,
    ComplaintRouted,
    Deadline,
    EscalationRequested,
    InformationRequested,
    InvestigationResumed,
    ResolutionProposed,
    topics,
)

from tests.support.kafka import eventually, read_until

from .conftest import LOOKUP_FREE_FAILURES, TRUSTED_PROXY, Intake
from .support import file, filing, status

STAFF = "emp-0042"


async def test_status_opens_with_the_code_in_a_header_or_a_form_body_and_forgives_typing(intake: Intake) -> None:
    async with intake.client() as client:
        receipt = await file(client)
        typed = receipt["tracking_number"].lower().replace("-", " ")
        by_header = await client.get(f"/v1/complaints/{typed}", headers={"X-Access-Code": receipt["access_code"]})
        by_form = await client.post(f"{receipt['status_url']}/lookup",
                                    data={"access_code": receipt["access_code"].lower(), "language": "be"})
    assert by_header.status_code == by_form.status_code == 200
    assert by_header.json()["tracking_number"] == receipt["tracking_number"]
    assert by_header.json()["language"] == "ru"
    assert by_form.json()["language"] == "be"
    assert [i["milestone"] for i in by_header.json()["timeline"]] == ["received"]


async def test_an_access_code_in_the_url_is_refused_on_every_route(intake: Intake) -> None:
    async with intake.client() as client:
        receipt = await file(client)
        code = {"access_code": receipt["access_code"]}
        answers = [
            await client.get(receipt["status_url"], params=code),
            await client.post(f"{receipt['status_url']}/lookup", params=code, data=code),
            await client.post(f"{receipt['status_url']}/withdrawal", params=code, json={},
                              headers={"X-Access-Code": receipt["access_code"]}),
            await client.post("/v1/complaints", params={"X-Access-Code": "x"}, json=filing()),
            await client.get("/v1/process", params={"accessCode": "x"}),
        ]
        page = await status(client, receipt)
    assert [a.status_code for a in answers] == [400] * len(answers)
    assert {a.json()["type"] for a in answers} == {"/problems/access-code-in-url"}
    assert answers[0].json()["errors"][0] == {"field": "access_code", "in": "query", "code": "not_allowed_in_url",
                                              "reason": answers[0].json()["detail"]}
    assert receipt["access_code"] not in answers[0].text
    assert page["status"] == "received"  # the withdrawal sent with the code in its URL was not applied


async def test_wrong_code_and_unknown_number_get_the_same_answer(intake: Intake) -> None:
    async with intake.client() as client:
        receipt = await file(client)
        unknown = "CMP-0000-0000-0"
        answers = [
            await client.get(receipt["status_url"], headers={"X-Access-Code": "0000-0000-0000-0000"}),
            await client.get(receipt["status_url"]),
            await client.get(f"/v1/complaints/{unknown}", headers={"X-Access-Code": receipt["access_code"]}),
            await client.get("/v1/complaints/not-a-number", headers={"X-Access-Code": receipt["access_code"]}),
        ]
    assert {a.status_code for a in answers} == {404}
    bodies = [{k: v for k, v in a.json().items() if k != "instance"} for a in answers]
    assert all(body == bodies[0] for body in bodies)
    assert {a.headers["content-type"] for a in answers} == {"application/problem+json"}


async def test_a_guesser_must_wait_but_the_customer_from_another_address_gets_in(intake: Intake) -> None:
    async with intake.client("198.51.100.7") as guessing, intake.client("198.51.100.8") as customer:
        receipt = await file(customer)
        misses = [(await guessing.get(receipt["status_url"], headers={"X-Access-Code": f"0000-0000-0000-{i:04}"})
                   ).status_code for i in range(LOOKUP_FREE_FAILURES + 1)]
        blocked = await guessing.get(receipt["status_url"], headers={"X-Access-Code": receipt["access_code"]})
        other_number = await guessing.get("/v1/complaints/CMP-0000-0000-0", headers={"X-Access-Code": "x"})
        allowed = await customer.get(receipt["status_url"], headers={"X-Access-Code": receipt["access_code"]})
    assert misses == [404] * (LOOKUP_FREE_FAILURES + 1)
    assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) >= 1
    assert blocked.json()["type"] == "/problems/rate-limited"
    assert other_number.status_code == 404  # the wait is for that tracking number, not for the whole address
    assert allowed.status_code == 200


async def test_forwarded_for_is_believed_only_from_the_trusted_proxy(intake: Intake) -> None:
    async with intake.client("198.51.100.20") as customer:
        receipt = await file(customer)
    wrong = {"X-Access-Code": "0000-0000-0000-0000"}
    async with intake.client(TRUSTED_PROXY) as proxy, intake.client("198.51.100.21") as spoofer:
        # Through the proxy, each client has its own budget: one guesser behind it does not block another client.
        for _ in range(LOOKUP_FREE_FAILURES + 1):
            await proxy.get(receipt["status_url"], headers={**wrong, "X-Forwarded-For": "203.0.113.50"})
        guesser = await proxy.get(receipt["status_url"], headers={**wrong, "X-Forwarded-For": "203.0.113.50"})
        neighbour = await proxy.get(receipt["status_url"], headers={"X-Access-Code": receipt["access_code"],
                                                                    "X-Forwarded-For": "203.0.113.51"})
        # From anywhere else the header is ignored: a new made-up address per request buys no fresh budget.
        spoofed = [(await spoofer.get(receipt["status_url"],
                                      headers={**wrong, "X-Forwarded-For": f"203.0.113.{100 + i}"})).status_code
                   for i in range(LOOKUP_FREE_FAILURES + 2)]
    assert (guesser.status_code, neighbour.status_code) == (429, 200)
    assert spoofed[-1] == 429


async def test_actions_need_the_access_code(intake: Intake) -> None:
    async with intake.client() as client:
        receipt = await file(client)
        response = await client.post(f"{receipt['status_url']}/withdrawal", json={},
                                     headers={"X-Access-Code": "0000-0000-0000-0000"})
        page = await status(client, receipt)
    assert response.status_code == 404
    assert page["status"] == "received"


async def test_withdrawal_is_published_and_a_second_one_is_refused_with_the_reason(intake: Intake) -> None:
    async with intake.client() as client:
        receipt = await file(client)
        first = await act(client, receipt, "withdrawal", {"reason": "Разобрались сами"})
        again = await act(client, receipt, "withdrawal", {})
    assert first.status_code == 200
    assert first.json()["status"] == "withdrawn"
    assert again.status_code == 409
    problem = again.json()
    assert (problem["code"], problem["action"], problem["allowed_actions"]) == ("withdrawn", "withdraw", [])
    event = await published(intake, receipt, "complaints.intake.ComplaintWithdrawn")
    assert event.reason == "Разобрались сами"


async def test_escalation_is_published_once(intake: Intake) -> None:
    async with intake.client() as client:
        receipt = await file(client)
        first = await act(client, receipt, "escalation", {"reason": "Нет ответа три недели"})
        again = await act(client, receipt, "escalation", {"reason": "Ещё раз"})
    assert first.json()["escalation_requested"] is True
    assert (again.status_code, again.json()["code"]) == (409, "escalation_already_requested")
    assert isinstance(await published(intake, receipt, "complaints.intake.EscalationRequested"), EscalationRequested)


async def test_decision_and_feedback_are_refused_before_their_time(intake: Intake) -> None:
    async with intake.client() as client:
        receipt = await file(client)
        decision = await act(client, receipt, "decision", {"proposal_id": "prop-1", "decision": "accepted"})
        feedback = await act(client, receipt, "feedback", {"satisfaction": 5})
        bad_body = await act(client, receipt, "feedback", {"satisfaction": 9})
    assert (decision.status_code, decision.json()["code"]) == (409, "no_open_proposal")
    assert (feedback.status_code, feedback.json()["code"]) == (409, "not_resolved")
    assert "give_feedback" not in feedback.json()["allowed_actions"]
    assert bad_body.status_code == 422 and bad_body.json()["errors"][0]["field"] == "satisfaction"


async def test_the_status_page_follows_routing_resolution_and_notification_events(intake: Intake) -> None:
    async with intake.client() as client:
        receipt = await file(client, filing(language="en"))
        complaint_id = receipt["complaint_id"]
        now = datetime.now(UTC)
        routed = ComplaintRouted(
            complaint_id=complaint_id, department="customer_support", team="support-en-1", assignee=STAFF,
            rules_fired=["SECRET-RULE"], rules_version="2026.11.1", kind="complaint", category="billing",
            priority="medium", regime="uk_fca_disp",
            deadlines=[Deadline(name="final_response", clock=Clock.REGULATORY, due_at=now + timedelta(weeks=8),
                                basis="8 weeks from receipt (FCA DISP 1.6)"),
                       Deadline(name="first_response", clock=Clock.SERVICE, due_at=now + timedelta(days=2),
                                basis="2 business days")])
        question = InformationRequested(complaint_id=complaint_id, request_id="req-1", by=STAFF,
                                        question="Please send the receipt.", respond_by=now + timedelta(days=7))
        # Out of order and twice: the question before the routing decision, the routing decision again.
        await publish(intake, question, routed, routed)
        page = await wait_for(client, receipt, "waiting_for_customer")
        assert page["handled_by"] == "Customer support"
        assert page["open_question"]["request_id"] == "req-1"
        assert [i["milestone"] for i in page["timeline"]] == ["received", "assigned", "information_requested"]
        assert STAFF not in str(page) and "SECRET" not in str(page)
        assert {d["name"]: d["paused"] for d in page["deadlines"]} == {  # the service clock waits for the customer
            "First response": True, "Your answer, please, by": False, "Final response": False}

        answered = await act(client, receipt, "messages", {"text": "Чек прилагаю"})
        assert answered.json()["status"] == "in_progress"
        message = await published(intake, receipt, "complaints.intake.CustomerMessageReceived")
        assert (message.in_reply_to, message.text) == ("req-1", "Чек прилагаю")
        moved = routed.deadlines[1].model_copy(update={"due_at": routed.deadlines[1].due_at + timedelta(days=1)})
        await publish(intake, InvestigationResumed(complaint_id=complaint_id, request_id="req-1", by="customer",
                                                   paused_seconds=3600, service_deadlines=[moved]))
        page = await wait_until(client, receipt, lambda p: "investigation_resumed" in str(p["timeline"]))
        first = next(d for d in page["deadlines"] if d["name"] == "First response")
        assert (datetime.fromisoformat(first["due_at"]), first["paused"]) == (moved.due_at, False)

        await publish(intake, ResolutionProposed(
            complaint_id=complaint_id, proposal_id="prop-1", by=STAFF, summary="Refund 49.99 BYN",
            remedies=[{"kind": "refund", "amount": {"amount": "49.99", "currency": "BYN"}}]))
        page = await wait_for(client, receipt, "decision_needed")
        assert page["open_proposal"]["proposal_id"] == "prop-1"
        wrong = await act(client, receipt, "decision", {"proposal_id": "prop-0", "decision": "accepted"})
        assert (wrong.status_code, wrong.json()["code"]) == (409, "not_the_open_proposal")
        accepted = await act(client, receipt, "decision", {"proposal_id": "prop-1", "decision": "accepted"})
        assert accepted.json()["status"] == "resolution_accepted"
        decision = await published(intake, receipt, "complaints.intake.ResolutionDecisionReceived")
        assert decision.decision == "accepted"

        await publish(intake, ComplaintResolved(complaint_id=complaint_id, outcome="upheld", by=STAFF,
                                                final_response="We refunded 49.99 BYN."))
        page = await wait_for(client, receipt, "resolved")
        assert "give_feedback" in [a["action"] for a in page["actions"]]
        rated = await act(client, receipt, "feedback", {"satisfaction": 4, "comment": "Спасибо"})
        assert rated.status_code == 200
        assert (await published(intake, receipt, "complaints.intake.FeedbackReceived")).satisfaction == 4

        await publish(intake, ComplaintClosed(complaint_id=complaint_id, reason="resolved", by=STAFF))
        page = await wait_for(client, receipt, "closed")
        late_message = await act(client, receipt, "messages", {"text": "ещё вопрос"})
    assert (late_message.status_code, late_message.json()["code"]) == (409, "closed")
    assert [a["action"] for a in page["actions"]] == ["ask_reopening"]  # within the window after closure
    assert page["timeline"][-1]["milestone"] == "closed"


async def test_an_event_about_a_complaint_intake_does_not_hold_is_parked_and_counted(intake: Intake) -> None:
    stranger = ComplaintRouted(
        complaint_id="c-0123456789abcdef", department="quality", team="quality-1", rules_version="1",
        kind="complaint", category="other", priority="low", regime="none")
    await publish(intake, stranger)

    async def parked() -> bool:
        return await intake.store.unmatched.count_documents({"_id": stranger.dedupe_key}) == 1

    await eventually(parked)
    async with intake.client() as client:
        assert "complaints_intake_unmatched_events_total" in (await client.get("/metrics/")).text


async def act(client, receipt, action: str, body: dict):
    return await client.post(f"{receipt['status_url']}/{action}", json=body,
                             headers={"X-Access-Code": receipt["access_code"]})


async def publish(intake: Intake, *events) -> None:
    await intake.app.state.runtime.publisher.publish(events)


async def wait_for(client, receipt, wanted: str) -> dict:
    return await wait_until(client, receipt, lambda page: page["status"] == wanted)


async def wait_until(client, receipt, reached_on: Callable[[dict], bool]) -> dict:
    pages: list[dict] = []

    async def reached() -> bool:
        pages.append(await status(client, receipt))
        return reached_on(pages[-1])

    await eventually(reached, interval=0.2)
    return pages[-1]


async def published(intake: Intake, receipt, event_type: str):
    record = await read_until(intake.backend.kafka_bootstrap, topics.INTAKE,
                              lambda r: r.key == receipt["complaint_id"].encode()
                              and dict(r.headers).get("ce_type") == event_type.encode())
    return await intake.decoded(record)
