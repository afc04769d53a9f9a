"""The case holds the complaint's whole story: what intake received (whichever of receipt and routing comes first),
everything the customer wrote, and staff's side; cases are found by each key and by words, the customer's other
complaints are listed, and a search is exported as CSV (audited)."""

import csv
import io

from complaint_contracts.intake import (
    CustomerMessageReceived,
    FeedbackReceived,
    ReopeningRequested,
    ResolutionDecisionReceived,
)
from complaint_contracts.types import AttachmentRef, Decision

from tests.support.kafka import eventually

from .rig import Rig, bearer, new_team, token

PHOTO = AttachmentRef(attachment_id="a-box-1", name="box.jpg", media_type="image/jpeg", size_bytes=52_000)
REFUND = {"kind": "refund", "amount": {"amount": "49.99", "currency": "GBP"}, "description": "LATE-REFUND"}


async def _view(rig: Rig, cid: str, who: dict[str, str]) -> dict:
    answer = await rig.http.get(f"/cases/{cid}", headers=who)
    assert answer.status_code == 200, answer.text
    return answer.json()


async def test_receipt_after_routing_fills_the_case_and_the_conversation_keeps_every_word(rig: Rig) -> None:
    team = new_team()
    agent = bearer(token("agent", team=team))
    routed = rig.routed(team=team)
    cid = routed.complaint_id
    received = rig.received(routed, phone="+375291234567", about_team="courier-desk", attachments=[PHOTO],
                            customer_tier="premium", amount_claimed={"amount": "49.99", "currency": "GBP"},
                            desired_remedy="refund")
    early = CustomerMessageReceived(complaint_id=cid, message_id="m-0", text="I forgot: the box was torn",
                                    attachments=[PHOTO], time=rig.now())
    await rig.publish(early)  # before the case and before the receipt: kept, and applied once the case opens
    await rig.publish(routed)
    await eventually(lambda: rig.has_case(cid))
    await rig.publish(received)
    await eventually(lambda: rig.details_doc(cid))

    view = await _view(rig, cid, agent)
    view = (await rig.http.post(f"/cases/{cid}/investigation", json={"version": view["version"]},
                                headers=agent)).json()
    view = (await rig.http.post(f"/cases/{cid}/proposals", headers=agent, json={
        "version": view["version"], "summary": "Refund the parcel", "remedies": [REFUND]})).json()
    await rig.publish(ResolutionDecisionReceived(complaint_id=cid, proposal_id=view["current_proposal_id"],
                                                 decision=Decision.REJECTED, reason="And the postage?",
                                                 time=rig.now()),
                      FeedbackReceived(complaint_id=cid, satisfaction=2, comment="Slow going", time=rig.now()))

    async def all_said() -> bool:
        # The words land in the conversation at once; the decision moves the state in its ordered turn.
        current = await _view(rig, cid, agent)
        return (len([e for e in current["conversation"] if e["by"] == "customer"]) == 3
                and current["state"] == "rejected")

    await eventually(all_said)
    view = await _view(rig, cid, agent)
    complaint = view["complaint"]
    assert (complaint["tracking_number"], complaint["title"]) == (received.tracking_number, "Refund not received")
    assert complaint["description"] == "The refund for my parcel never arrived."
    assert (complaint["customer"]["phone"], complaint["customer"]["segment"]) == ("+375291234567", "premium")
    assert (complaint["about"]["team"], complaint["attachments"][0]["name"]) == ("courier-desk", "box.jpg")
    assert (complaint["amount_claimed"]["amount"], complaint["desired_remedy"]) == ("49.99", "refund")
    assert [(e["kind"], e["by"], e["text"]) for e in view["conversation"]] == [
        ("customer_message", "customer", "I forgot: the box was torn"),
        ("proposal", "emp-0042", "Refund the parcel"),
        ("decision", "customer", "And the postage?"),
        ("feedback", "customer", "Slow going")]
    assert view["conversation"][0]["attachments"][0]["attachment_id"] == "a-box-1"
    assert view["state"] == "rejected"


async def test_cases_are_found_by_each_key_and_by_words_and_the_customer_s_history_is_listed(rig: Rig) -> None:
    team = new_team()
    agent, quality = bearer(token("agent", team=team)), bearer(token("quality"))
    first, second, other = rig.routed(team=team), rig.routed(team=team), rig.routed(team=team)
    email, phone = f"{team}@example.org", "+447700900123"
    word = f"zq{team[-8:]}"  # a word no other test's complaint contains
    await rig.open(first, rig.received(first, email=email, phone=phone, description=f"The {word} kettle broke"))
    await rig.open(second, rig.received(second, email=email.upper()))
    await rig.open(other, rig.received(other))
    await rig.publish(CustomerMessageReceived(complaint_id=other.complaint_id, message_id="m-1", time=rig.now(),
                                              text=f"Another {word}vase broke too"))
    tracking = (await rig.details_doc(first.complaint_id))["details"]["tracking_number"]

    async def found(body: dict, who: dict[str, str] = agent) -> list[str]:
        answer = await rig.http.post("/cases/search", json=body, headers=who)
        assert answer.status_code == 200, answer.text
        return sorted(item["complaint_id"] for item in answer.json()["items"])

    async def word_in_message_found() -> bool:
        return other.complaint_id in await found({"text": word})

    await eventually(word_in_message_found)
    assert await found({"tracking_number": tracking.lower()}) == [first.complaint_id]
    assert await found({"email": email}) == sorted([first.complaint_id, second.complaint_id])
    assert await found({"phone": phone}) == [first.complaint_id]
    assert await found({"text": f"{word} kettle"}) == [first.complaint_id]
    assert await found({"text": word}) == sorted([first.complaint_id, other.complaint_id])
    assert await found({"text": word, "teams": ["someone-else"]}) == []
    assert (await rig.http.post("/cases/search", json={"email": email}, headers=quality)).status_code == 403

    history = (await rig.http.get(f"/cases/{first.complaint_id}/customer-history", headers=agent)).json()
    assert [item["complaint_id"] for item in history["items"]] == [second.complaint_id]


async def test_pages_follow_the_deadline_order_behind_a_cursor(rig: Rig) -> None:
    team = new_team()
    agent = bearer(token("agent", team=team))
    routed = [rig.routed(team=team, deadlines=[rig.deadline("resolve", "service", days)]) for days in (3, 1, 2)]
    for r in routed:
        await rig.open(r)

    pages, cursor = [], None
    while True:
        body = {"teams": [team], "limit": 2} | ({"cursor": cursor} if cursor else {})
        page = (await rig.http.post("/cases/search", json=body, headers=agent)).json()
        pages.append([item["complaint_id"] for item in page["items"]])
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert pages == [[routed[1].complaint_id, routed[2].complaint_id], [routed[0].complaint_id]]
    due_soon = (await rig.http.post("/cases/search", json={"teams": [team], "due_within_hours": 36},
                                    headers=agent)).json()
    assert [item["complaint_id"] for item in due_soon["items"]] == [routed[1].complaint_id]


async def test_a_word_many_complaints_share_pages_in_the_deadline_order_within_the_scope(rig: Rig) -> None:
    """More candidates than one look-up by id takes: read in parts, then scoped, ordered and paged by the cursor."""
    team = new_team()
    agent = bearer(token("agent", team=team))
    word = f"zq{team[-8:]}"
    days = [(7 * n) % 31 + 1 for n in range(31)]  # 31 distinct deadlines, not in filing order
    routed = [rig.routed(team=team, deadlines=[rig.deadline("resolve", "service", d)]) for d in days]
    elsewhere = rig.routed(team=new_team(), deadlines=[rig.deadline("resolve", "service", 0.5)])
    for r in [*routed, elsewhere]:
        await rig.publish(rig.received(r, description=f"The {word} kettle broke"), r)

    async def all_words_kept() -> bool:
        page = (await rig.http.post("/cases/search", json={"text": word, "limit": 100}, headers=agent)).json()
        return len(page["items"]) == len(routed)

    await eventually(all_words_kept)
    pages, cursor = [], None
    while True:
        body = {"text": word, "limit": 7} | ({"cursor": cursor} if cursor else {})
        page = (await rig.http.post("/cases/search", json=body, headers=agent)).json()
        pages.append([item["complaint_id"] for item in page["items"]])
        cursor = page["next_cursor"]
        if cursor is None:
            break

    by_deadline = [r.complaint_id for _, r in sorted(zip(days, routed, strict=True), key=lambda pair: pair[0])]
    assert [len(p) for p in pages] == [7, 7, 7, 7, 3]
    assert [cid for p in pages for cid in p] == by_deadline  # the other team's case, due first, is not theirs


async def test_a_search_is_exported_as_csv_by_a_supervisor_and_the_export_is_audited(rig: Rig) -> None:
    team = new_team()
    supervisor = bearer(token("supervisor", department="customer_support", sub="emp-0007"))
    routed = rig.routed(team=team)
    received = rig.received(routed)
    await rig.open(routed, received)

    answer = await rig.http.post("/cases/export", json={"teams": [team]}, headers=supervisor)
    refused = await rig.http.post("/cases/export", json={}, headers=bearer(token("agent", team=team)))

    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    [row] = list(csv.DictReader(io.StringIO(answer.text)))
    assert (row["complaint_id"], row["tracking_number"], row["customer_email"]) == (
        routed.complaint_id, received.tracking_number, received.customer.email)
    assert refused.status_code == 403
    audit = await rig.app.state.runtime.db["export_audit"].find_one({"by": "emp-0007", "filters.teams": team})
    assert audit["rows"] == 1 and audit["personal_rows"] == 1
    assert received.customer.email not in str(audit)


async def test_the_customer_s_reopening_request_reopens_the_case_with_running_deadlines(rig: Rig) -> None:
    team = new_team()
    agent = bearer(token("agent", team=team))
    routed = rig.routed(team=team, deadlines=[rig.deadline("final_response", "regulatory", 56)])
    cid = routed.complaint_id
    await rig.open(routed)
    view = await _view(rig, cid, agent)
    for path, body in (("investigation", {}), ("resolution", {"outcome": "not_upheld", "final_response": "No."}),
                       ("closure", {})):
        view = (await rig.http.post(f"/cases/{cid}/{path}", json={"version": view["version"], **body},
                                    headers=agent)).json()
    assert view["state"] == "closed" and view["next_due_at"] is None

    await rig.publish(ReopeningRequested(complaint_id=cid, reason="You never answered my point", time=rig.now()))

    async def reopened() -> bool:
        return (await rig.case_doc(cid))["state"] == "investigating"

    await eventually(reopened)
    view = await _view(rig, cid, agent)
    assert view["audit"][-1]["by"] == "customer" and view["next_due_at"] is not None
    assert view["conversation"][-1]["text"] == "You never answered my point"
    assert (await rig.case_doc(cid))["next_alert_at"] is not None
    assert [n for n in await rig.published(cid, until="ComplaintReopened")][-1] == "ComplaintReopened"
