"""Every customer can reach their complaint: a new access code on request, and a first one for submitted complaints."""

import uuid

from complaint_contracts import AccessCodeIssued, topics

from tests.support.builders import make_submission
from tests.support.kafka import eventually, read_until

from .conftest import CODE_REQUESTS_PER_NUMBER, Intake
from .support import file, filing
from .test_kafka_submissions import produce, stored
from .test_status_and_actions import published


async def test_the_same_answer_whether_or_not_the_contact_matches_and_only_a_match_gets_a_code(
        intake: Intake) -> None:
    async with intake.client() as client:
        receipt = await file(client)
        old_code = {"X-Access-Code": receipt["access_code"]}
        stranger = await client.post("/v1/access-code-requests", json={
            "tracking_number": receipt["tracking_number"], "email": "someone@example.org"})
        unknown = await client.post("/v1/access-code-requests", json={
            "tracking_number": "CMP-0000-0000-0", "email": "alesia@example.org"})
        assert (await client.get(receipt["status_url"], headers=old_code)).status_code == 200
        matching = await client.post("/v1/access-code-requests", json={
            "tracking_number": receipt["tracking_number"].lower(), "email": "ALESIA@example.org"})
        issued = await published(intake, receipt, "complaints.intake.AccessCodeIssued")
        with_old = await client.get(receipt["status_url"], headers=old_code)
        with_new = await client.get(receipt["status_url"], headers={"X-Access-Code": issued.access_code})
    assert [a.status_code for a in (stranger, unknown, matching)] == [202] * 3
    assert stranger.json() == unknown.json() == matching.json()
    assert "someone@example.org" not in stranger.text
    assert isinstance(issued, AccessCodeIssued)
    assert (issued.send_to, issued.reason, issued.tracking_number) == ("email", "requested",
                                                                       receipt["tracking_number"])
    assert (with_old.status_code, with_new.status_code) == (404, 200)


async def test_requests_for_one_number_are_limited_from_everywhere(intake: Intake) -> None:
    async with intake.client() as customer:
        receipt = await file(customer)
    body = {"tracking_number": receipt["tracking_number"], "phone": "+375291234567"}
    answers = []
    for _ in range(CODE_REQUESTS_PER_NUMBER + 1):
        async with intake.client() as someone:  # a new address each time
            answers.append(await someone.post("/v1/access-code-requests", json=body))
    assert [a.status_code for a in answers] == [202] * CODE_REQUESTS_PER_NUMBER + [429]
    assert answers[-1].json()["type"] == "/problems/rate-limited"
    assert int(answers[-1].headers["retry-after"]) >= 1


async def test_a_request_must_name_exactly_one_contact_route(intake: Intake) -> None:
    async with intake.client() as client:
        both = await client.post("/v1/access-code-requests", json={
            "tracking_number": "CMP-7K3Q-9XWA-F", "email": "a@example.org", "phone": "+375291234567"})
        bad_email = await client.post("/v1/access-code-requests", json={
            "tracking_number": "CMP-7K3Q-9XWA-F", "email": "not-an-address"})
    assert both.status_code == bad_email.status_code == 422
    assert both.headers["content-type"] == "application/problem+json"
    assert bad_email.json()["errors"][0]["field"] == "email"


async def test_a_submission_that_asks_for_it_gets_a_first_code_announced_after_its_receipt(intake: Intake) -> None:
    event = make_submission(external_reference=f"CRM-{uuid.uuid4().hex[:10]}", issue_access_code=True,
                            customer={"name": "Алеся", "phone": "+375291234567"})
    await produce(intake, event, event)

    async def recorded() -> bool:
        return await stored(intake, event) is not None

    await eventually(recorded)
    document = await stored(intake, event)
    record = await read_until(intake.backend.kafka_bootstrap, topics.INTAKE,
                              lambda r: r.key == document["_id"].encode()
                              and dict(r.headers).get("ce_type") == b"complaints.intake.AccessCodeIssued")
    issued = await intake.decoded(record)
    assert (issued.send_to, issued.reason, issued.tracking_number) == ("phone", "submitted",
                                                                       document["tracking_number"])
    async with intake.client() as client:
        page = await client.get(f"/v1/complaints/{issued.tracking_number}",
                                headers={"X-Access-Code": issued.access_code})
    assert page.status_code == 200


async def test_whom_it_is_about_is_passed_on_from_an_http_filing(intake: Intake) -> None:
    async with intake.client() as client:
        receipt = await file(client, filing(about_team="support-be-1", about_store="minsk-07",
                                            about_supplier="FastParcel", about_employee_name="Іван на касе"))
    received = await published(intake, receipt, "complaints.intake.ComplaintReceived")
    assert (received.about_team, received.about_store, received.about_supplier, received.about_employee_name) == (
        "support-be-1", "minsk-07", "FastParcel", "Іван на касе")
    assert received.about_employee is None  # an employee id comes only from internal systems
    assert received.taken_by is None
