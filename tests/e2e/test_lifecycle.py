"""A complaint's whole life across the five services: filed, routed, acknowledged, worked, decided, resolved,
closed and rated; and the way back from a rejected proposal and a closed case."""

from datetime import datetime

from complaint_contracts import Clock, Regime
from complaints_cli.suite import Suite

from tests.e2e import journey
from tests.e2e.journey import FCA_FINAL_RESPONSE, Staff, milestones


def test_a_complaint_filed_over_http_is_acknowledged_worked_resolved_closed_and_rated(suite: Suite) -> None:
    customer = journey.file_complaint(
        suite, title="Credit card cancelled without notice", product="credit-card", consent_marketing=True,
        description="You cancelled my credit card last week without any notice and nobody told me why. "
                    "This is unacceptable.")

    # Routed under FCA DISP, with the regulator's deadline.
    routed = journey.routed(suite, customer.complaint_id)
    assert routed.regime is Regime.UK_FCA_DISP
    assert routed.department == "compliance" and routed.team == "compliance-uk"
    final_deadline = next(d for d in routed.deadlines if d.name == "final_response" and d.clock is Clock.REGULATORY)

    # Acknowledged by e-mail, stating the tracking number and the deadlines.
    acknowledgement = customer.wait_mail("We have received your complaint")
    assert customer.tracking_number in acknowledgement.subject
    assert f"Your tracking number is {customer.tracking_number}" in acknowledgement.text
    assert f"Final response: by {journey.deadline_day(final_deadline.due_at)}" in acknowledgement.text

    page = customer.wait_status(lambda p: {"acknowledged", "assigned"} <= set(milestones(p)),
                                what="acknowledged and assigned")
    assert page["status"] == "in_progress" and page["stage"] == "investigation"
    assert page["handled_by"].startswith("Compliance")
    assert final_deadline.due_at in [datetime.fromisoformat(d["due_at"]) for d in page["deadlines"]]

    # The case, worked by an agent of the team it was routed to; another team's agent may not even look.
    agent = Staff(suite, team=routed.team, sub="emp-0051")
    case = agent.wait_case(customer.complaint_id)
    assert (case["state"], case["team"], case["regime"]) == ("opened", "compliance-uk", "uk_fca_disp")
    assert Staff(suite, team="support-en").refused_case(customer.complaint_id).status == 403

    agent.act(customer.complaint_id, "investigation")
    agent.act(customer.complaint_id, "proposals", summary="We reopen your account and pay £50 for the trouble.",
              remedies=[{"kind": "apology", "description": "An apology for the closure"},
                        {"kind": "goodwill", "amount": {"amount": "50.00", "currency": "GBP"}}])
    page = customer.wait_status(lambda p: p["status"] == "decision_needed", what="a proposal to decide on")
    proposal = page["open_proposal"]
    assert proposal["summary"].startswith("We reopen your account")
    assert "We reopen your account" in customer.wait_mail("Our proposal to resolve your complaint").text

    # The customer accepts through intake; resolution follows.
    customer.act("decision", proposal_id=proposal["proposal_id"], decision="accepted")
    agent.wait_case(customer.complaint_id, lambda c: c["state"] == "accepted", what="accepted by the customer")
    customer.wait_status(lambda p: p["status"] == "resolution_accepted", what="resolution accepted")

    agent.act(customer.complaint_id, "implementation", details="Account reopened; £50 paid")
    customer.wait_status(lambda p: "resolution_carried_out" in milestones(p), what="resolution carried out")

    # A final response without what FCA DISP makes mandatory is refused; a complete one resolves the case.
    refused = agent.refused_action(customer.complaint_id, "resolution", outcome="upheld",
                                   final_response="Sorry about that.")
    assert refused.status == 422, refused.detail
    assert any("Financial Ombudsman Service" in missing for missing in refused.problem["missing"])
    agent.act(customer.complaint_id, "resolution", outcome="upheld", final_response=FCA_FINAL_RESPONSE,
              root_cause="process")
    page = customer.wait_status(lambda p: p["status"] == "resolved", what="resolved")
    assert FCA_FINAL_RESPONSE in [item["text"] for item in page["timeline"]]
    final_mail = customer.wait_mail("Final response to your complaint")
    assert FCA_FINAL_RESPONSE in final_mail.text.replace("\n", " ")
    # The response already refers the customer to the ombudsman: the mail does not add the paragraph twice.
    assert final_mail.text.count("financial-ombudsman.org.uk") == 1

    # Closed: the customer consented to optional messages, so the closing mail invites to the survey.
    agent.act(customer.complaint_id, "closure", close_reason="resolved")
    closing = customer.wait_mail(f"Your complaint {customer.tracking_number} is closed")
    assert f"/survey/{customer.tracking_number}" in closing.text
    page = customer.wait_status(lambda p: p["status"] == "closed", what="closed")
    assert page["stage"] == "closing"

    customer.act("feedback", satisfaction=5, comment="Sorted quickly, thank you.")
    page = customer.wait_status(lambda p: "feedback_given" in milestones(p), what="feedback recorded")
    assert "give_feedback" not in [a["action"] for a in page["actions"]]
    assert customer.attempt("feedback", satisfaction=1).status_code == 409

    # The status page showed every step, in order.
    seen = milestones(page)
    steps = ["received", "assigned", "resolution_proposed", "resolution_accepted", "resolution_carried_out",
             "resolved", "closed", "feedback_given"]
    assert [m for m in seen if m in steps] == steps
    assert "acknowledged" in seen

    # Analytics counts it, with its outcome and the customer's rating.
    # Its closure and the rating come on different topics: analytics may take them in either order.
    row = journey.fact_row_when(suite, customer.complaint_id,
                                lambda r: bool(r["satisfaction"]) and r["state"] == "closed",
                                what="the complaint in analytics' facts, closed, with its rating")
    assert (row["regime"], row["department"], row["outcome"], row["satisfaction"]) == (
        "uk_fca_disp", "compliance", "upheld", "5")


def test_a_rejected_proposal_is_proposed_again_and_a_closed_complaint_can_be_reopened(suite: Suite) -> None:
    customer = journey.file_complaint(
        suite, title="Parcel never arrived", description="My parcel never arrived and the courier ignored me.")
    team = journey.routed(suite, customer.complaint_id).team
    agent = Staff(suite, team=team)
    agent.wait_case(customer.complaint_id)
    agent.act(customer.complaint_id, "investigation")

    agent.act(customer.complaint_id, "proposals", summary="We send a replacement parcel.",
              remedies=[{"kind": "replacement"}])
    first = customer.wait_status(lambda p: p["open_proposal"] is not None, what="first proposal")["open_proposal"]
    customer.act("decision", proposal_id=first["proposal_id"], decision="rejected",
                 reason="I no longer need it; I want my money back.")
    case = agent.wait_case(customer.complaint_id, lambda c: c["state"] == "rejected", what="proposal rejected")
    assert "investigate" in case["allowed_actions"] and "propose_resolution" in case["allowed_actions"]
    page = customer.wait_status(lambda p: "resolution_rejected" in milestones(p), what="rejection recorded")
    assert page["status"] == "in_progress" and page["open_proposal"] is None
    # The rejected proposal can no longer be decided on.
    assert customer.attempt("decision", proposal_id=first["proposal_id"], decision="accepted").status_code == 409

    agent.act(customer.complaint_id, "proposals", summary="We refund the parcel in full.",
              remedies=[{"kind": "refund", "amount": {"amount": "35.00", "currency": "GBP"}}])
    second = customer.wait_status(
        lambda p: p["open_proposal"] is not None and p["open_proposal"]["proposal_id"] != first["proposal_id"],
        what="second proposal")["open_proposal"]
    customer.act("decision", proposal_id=second["proposal_id"], decision="accepted")
    agent.wait_case(customer.complaint_id, lambda c: c["state"] == "accepted", what="second proposal accepted")
    agent.act(customer.complaint_id, "implementation", details="Refund sent")
    agent.act(customer.complaint_id, "resolution", outcome="upheld", final_response="We have refunded you in full.")
    agent.act(customer.complaint_id, "closure", close_reason="resolved")
    customer.wait_status(lambda p: p["status"] == "closed", what="closed")
    closing = customer.wait_mail(f"Your complaint {customer.tracking_number} is closed")
    assert f"/survey/{customer.tracking_number}" in closing.text  # the survey is a service message: no consent needed

    # Reopened after closing: investigating again, the customer told and able to act.
    case = agent.act(customer.complaint_id, "reopening")
    assert case["state"] == "investigating" and case["reopen_count"] == 1
    customer.wait_mail(f"We have reopened your complaint {customer.tracking_number}")
    page = customer.wait_status(lambda p: p["status"] == "in_progress" and "reopened" in milestones(p),
                                what="reopened")
    assert {"reply", "withdraw"} <= {a["action"] for a in page["actions"]}
    row = journey.fact_row_when(suite, customer.complaint_id, lambda r: r["reopen_count"] == "1",
                                what="the reopening in analytics")
    assert row["state"] == "open"
