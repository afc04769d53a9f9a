"""Asking to reopen, and what the status page shows of merges and agreed plans."""

from datetime import UTC, datetime, timedelta

from complaint_contracts import CaseOpened, ComplaintClosed, ComplaintResolved, ResolutionProposed
from complaint_contracts.intake import ReopeningRequested
from complaint_contracts.resolution import ComplaintMerged, InvestigationStarted, PlanStepCompleted

from tests.support.kafka import eventually

from .conftest import Intake
from .support import file, filing, status
from .test_status_and_actions import STAFF, act, publish, published, wait_for


async def test_a_closed_complaint_can_be_asked_to_reopen_once(intake: Intake) -> None:
    async with intake.client() as client:
        receipt = await file(client, filing(language="en"))
        too_early = await act(client, receipt, "reopening", {"reason": "Still no refund"})
        complaint_id = receipt["complaint_id"]
        await publish(intake, ComplaintResolved(complaint_id=complaint_id, outcome="upheld", by=STAFF,
                                                final_response="We refunded you."),
                      ComplaintClosed(complaint_id=complaint_id, reason="resolved", by=STAFF))
        closed = await wait_for(client, receipt, "closed")
        asked = await act(client, receipt, "reopening", {"reason": "Still no refund"})
        again = await act(client, receipt, "reopening", {"reason": "Hello?"})
    assert (too_early.status_code, too_early.json()["code"]) == (409, "not_finished")
    assert "ask_reopening" in [a["action"] for a in closed["actions"]]
    assert asked.status_code == 200 and asked.json()["reopening_requested"] is True
    assert asked.json()["timeline"][-1]["milestone"] == "reopening_requested"
    assert (again.status_code, again.json()["code"]) == (409, "reopening_already_requested")
    event = await published(intake, receipt, "complaints.intake.ReopeningRequested")
    assert isinstance(event, ReopeningRequested) and event.reason == "Still no refund"


async def test_the_status_page_shows_where_a_merged_complaint_went(intake: Intake) -> None:
    async with intake.client() as client:
        survivor = await file(client)
        duplicate = await file(client, filing(language="be"))
        complaint_id = duplicate["complaint_id"]
        await publish(intake, ComplaintMerged(complaint_id=complaint_id, merged_into=survivor["complaint_id"],
                                              merged_into_tracking_number=survivor["tracking_number"],
                                              reason="same order", by=STAFF),
                      ComplaintClosed(complaint_id=complaint_id, reason="duplicate", by=STAFF))
        page = await wait_for(client, duplicate, "closed")
        reopen = await act(client, duplicate, "reopening", {"reason": "Не тое"})
    assert page["merged_into"] == survivor["tracking_number"]
    assert page["timeline"][-2]["merged_into"] == survivor["tracking_number"]
    assert page["timeline"][-2]["title"] == "Аб'яднана з іншай вашай скаргай"
    assert (reopen.status_code, reopen.json()["code"]) == (409, "merged")


async def test_the_agreed_plan_and_each_completed_step_are_shown(intake: Intake) -> None:
    now = datetime.now(UTC)
    async with intake.client() as client:
        receipt = await file(client, filing(language="en"))
        complaint_id = receipt["complaint_id"]
        due = now + timedelta(days=5)
        await publish(intake, ResolutionProposed(
            complaint_id=complaint_id, proposal_id="prop-1", by=STAFF, summary="Refund and a new kettle",
            remedies=[{"kind": "refund", "amount": {"amount": "49.99", "currency": "BYN"}}],
            plan=[{"step_id": "s-1", "description": "Refund 49.99 BYN", "due_at": due, "owner": STAFF}]))
        offered = await wait_for(client, receipt, "decision_needed")
        await act(client, receipt, "decision", {"proposal_id": "prop-1", "decision": "accepted"})
        await publish(intake, PlanStepCompleted(complaint_id=complaint_id, proposal_id="prop-1", step_id="s-1",
                                                description="Refund 49.99 BYN", due_at=due, note="Paid today",
                                                by=STAFF))

        async def step_done() -> bool:
            page = (await client.get(receipt["status_url"], headers={"X-Access-Code": receipt["access_code"]})).json()
            return bool(page["plan"]) and page["plan"][0]["completed_at"] is not None

        await eventually(step_done, interval=0.2)
        page = (await client.get(receipt["status_url"], headers={"X-Access-Code": receipt["access_code"]})).json()
    assert [s["description"] for s in offered["open_proposal"]["plan"]] == ["Refund 49.99 BYN"]
    assert page["plan"][0]["description"] == "Refund 49.99 BYN"
    assert page["timeline"][-1]["milestone"] == "plan_step_completed"
    assert page["timeline"][-1]["note"] == "Paid today"
    assert STAFF not in str(page)


async def test_an_opened_case_is_being_assessed_until_an_agent_starts_investigating(intake: Intake) -> None:
    async with intake.client() as client:
        receipt = await file(client, filing(language="en"))
        complaint_id = receipt["complaint_id"]
        await publish(intake, CaseOpened(complaint_id=complaint_id, team="support-en-1", assignee=STAFF))
        opened = await wait_for(client, receipt, "in_progress")
        await publish(intake, InvestigationStarted(complaint_id=complaint_id, started_at=datetime.now(UTC), by=STAFF))

        async def started() -> bool:
            return (await status(client, receipt))["timeline"][-1]["milestone"] == "investigation_started"

        await eventually(started)
        page = await status(client, receipt)
    assert [(t["milestone"], t["title"]) for t in opened["timeline"]][-1] == (
        "case_opened", "Case opened: your complaint is being assessed")
    assert "investigation_started" not in [t["milestone"] for t in opened["timeline"]]
    assert [(t["milestone"], t["title"]) for t in page["timeline"]][-2:] == [
        ("case_opened", "Case opened: your complaint is being assessed"),
        ("investigation_started", "Investigation started")]
    assert STAFF not in str(page)
