"""The case holds the complaint's whole story across the suite: filed over HTTP with intake (with evidence), the
case read through resolution's staff API shows what the customer filed, and what the customer writes later (a
reply, the reason for rejecting a proposal) appears in the case's conversation; the case is found by its tracking
number and the customer's e-mail."""

import base64

import httpx
from complaints_cli.suite import Suite

from tests.e2e import journey
from tests.e2e.journey import Customer, Staff, unique_email

RECEIPT_PDF = b"%PDF-1.4 receipt for order 5521\n%%EOF\n"


def _file_with_evidence(suite: Suite, email: str) -> Customer:
    body = {
        "language": "en", "jurisdiction": "GB", "title": "Kettle stopped working after a week",
        "description": "The kettle I bought on order 5521 stopped heating after a week. The shop refused to "
                       "replace it.",
        "product": "kettle-k200", "desired_remedy": "replacement",
        "desired_remedy_details": "A working kettle, or my money back",
        "amount_claimed": {"amount": "39.99", "currency": "GBP"},
        "customer": {"name": "Dana Whitfield", "email": email, "phone": "+375291234567"},
        "attachments": [{"name": "receipt.pdf", "media_type": "application/pdf",
                         "content_base64": base64.b64encode(RECEIPT_PDF).decode()}],
    }
    answer = httpx.post(f"{suite.url('intake')}/v1/complaints", json=body, timeout=15)
    assert answer.status_code == 201, answer.text
    receipt = answer.json()
    return Customer(suite=suite, complaint_id=receipt["complaint_id"], tracking_number=receipt["tracking_number"],
                    access_code=receipt["access_code"], email=email)


def _found(staff: Staff, body: dict) -> list[str]:
    answer = httpx.post(f"{staff.url}/cases/search", json=body, timeout=15,
                        headers={"Authorization": f"Bearer {staff.token}"})
    assert answer.status_code == 200, answer.text
    return [item["complaint_id"] for item in answer.json()["items"]]


def test_staff_read_the_whole_complaint_and_everything_the_customer_writes_later(suite: Suite) -> None:
    email = unique_email("story")
    customer = _file_with_evidence(suite, email)
    team = journey.routed(suite, customer.complaint_id).team
    agent = Staff(suite, team=team, sub="emp-e2e-story")

    case = agent.wait_case(customer.complaint_id, lambda c: c["complaint"] is not None,
                           what="opened with what the customer filed")
    complaint = case["complaint"]
    assert (complaint["tracking_number"], complaint["title"]) == (customer.tracking_number,
                                                                  "Kettle stopped working after a week")
    assert complaint["description"].startswith("The kettle I bought on order 5521")
    assert (complaint["product"], complaint["desired_remedy"], complaint["amount_claimed"]["amount"]) == (
        "kettle-k200", "replacement", "39.99")
    assert (complaint["customer"]["name"], complaint["customer"]["email"], complaint["customer"]["phone"]) == (
        "Dana Whitfield", email, "+375291234567")
    [attachment] = complaint["attachments"]
    assert (attachment["name"], attachment["media_type"], attachment["size_bytes"]) == (
        "receipt.pdf", "application/pdf", len(RECEIPT_PDF))
    assert attachment["attachment_id"]
    assert case["rules_fired"], "the routing explanation is on the case"

    customer.act("messages", text="I can bring the kettle to the shop on Saturday if that helps.")
    agent.act(customer.complaint_id, "investigation")
    agent.act(customer.complaint_id, "proposals", summary="We repair the kettle within two weeks.",
              remedies=[{"kind": "repair", "description": "Repair by the manufacturer"}])
    proposal = customer.wait_status(lambda p: p["open_proposal"] is not None, what="a proposal")["open_proposal"]
    customer.act("decision", proposal_id=proposal["proposal_id"], decision="rejected",
                 reason="A repaired kettle is not what I paid for; I want a new one.")

    # The conversation entry and the state change are stored separately: wait for both.
    case = agent.wait_case(customer.complaint_id, lambda c: any(e["kind"] == "decision" for e in c["conversation"])
                           and c["state"] == "rejected", what="the customer's decision in the conversation and state")
    said = [(e["kind"], e["text"]) for e in case["conversation"] if e["by"] == "customer"]
    assert said == [("customer_message", "I can bring the kettle to the shop on Saturday if that helps."),
                    ("decision", "A repaired kettle is not what I paid for; I want a new one.")]
    assert "proposal" in [e["kind"] for e in case["conversation"]]
    assert case["state"] == "rejected"

    assert _found(agent, {"tracking_number": customer.tracking_number}) == [customer.complaint_id]
    assert _found(agent, {"email": email}) == [customer.complaint_id]
    assert customer.complaint_id in _found(agent, {"text": "kettle saturday"})
