"""Customer and routing events move a case forward once; stale, replayed or moot events change nothing."""

from datetime import timedelta

from complaint_contracts.intake import (
    ComplaintWithdrawn,
    CustomerMessageReceived,
    EscalationRequested,
    ResolutionDecisionReceived,
)
from complaint_contracts.resolution import CaseAssigned, CaseEscalated, ComplaintClosed, InvestigationResumed
from complaint_contracts.routing import ComplaintRerouted
from complaint_contracts.types import Decision
from resolution.domain.ledger import RedressStatus
from resolution.domain.lifecycle import propose_resolution
from resolution.domain.policy import CasePolicy
from resolution.domain.reactions import react
from resolution.domain.states import CaseState

from tests.unit.resolution.builders import ALWAYS_OPEN, MONDAY_9AM, REFUND, open_case_in, staff

CID = "c-late-refund-0001"


def hours(n: float):
    return MONDAY_9AM + timedelta(hours=n)


def decision(proposal_id="p-1", verdict=Decision.ACCEPTED, at=10):
    return ResolutionDecisionReceived(complaint_id=CID, time=hours(at), proposal_id=proposal_id, decision=verdict)


def apply(case, event, policy=None):
    return react(case=case, event=event, calendar=ALWAYS_OPEN, **({"policy": policy} if policy else {}))


def test_accepting_the_current_proposal_accepts_its_redress():
    case = open_case_in(CaseState.RESOLUTION_PROPOSED)

    assert apply(case, decision()) == []

    assert case.state is CaseState.ACCEPTED
    assert [line.status for line in case.redress.lines] == [RedressStatus.ACCEPTED]
    assert (case.audit[-1].by, case.audit[-1].reason) == ("customer", "the customer accepted the proposal")


def test_a_decision_on_a_superseded_proposal_changes_nothing():
    case = open_case_in(CaseState.RESOLUTION_PROPOSED)
    propose_resolution(case=case, acting=staff(5), proposal_id="p-2", summary="Bigger refund", remedies=[REFUND])
    before = case.model_dump()

    assert apply(case, decision(proposal_id="p-1")) == []
    assert case.model_dump() == before


def test_a_redelivered_decision_changes_nothing():
    case = open_case_in(CaseState.RESOLUTION_PROPOSED)
    accepted = decision()
    apply(case, accepted)
    before = case.model_dump()

    assert apply(case, accepted) == []
    assert case.model_dump() == before


def test_an_event_older_than_the_last_one_applied_changes_nothing():
    case = open_case_in(CaseState.RESOLUTION_PROPOSED)
    apply(case, decision(verdict=Decision.REJECTED, at=10))
    propose_resolution(case=case, acting=staff(11), proposal_id="p-2", summary="Bigger refund", remedies=[REFUND])
    before = case.model_dump()

    assert apply(case, decision(proposal_id="p-2", at=9)) == []
    assert case.model_dump() == before


def test_an_answer_to_the_open_request_resumes_the_investigation():
    case = open_case_in(CaseState.AWAITING_CUSTOMER)
    answer = CustomerMessageReceived(complaint_id=CID, time=hours(26), message_id="m-1", text="Order 1234",
                                     in_reply_to="r-1")

    [resumed] = apply(case, answer)

    assert isinstance(resumed, InvestigationResumed)
    assert (resumed.request_id, resumed.paused_seconds, resumed.causation_id) == ("r-1", 24 * 3600, str(answer.id))
    assert case.state is CaseState.INVESTIGATING


def test_an_answer_to_an_earlier_request_keeps_the_case_waiting():
    case = open_case_in(CaseState.AWAITING_CUSTOMER)
    before = case.model_dump()
    old_answer = CustomerMessageReceived(complaint_id=CID, time=hours(26), message_id="m-1", text="Order 1234",
                                         in_reply_to="r-0")

    assert apply(case, old_answer) == []
    assert case.model_dump() == before


def test_a_message_while_not_waiting_changes_nothing():
    case = open_case_in(CaseState.INVESTIGATING)
    before = case.model_dump()

    assert apply(case, CustomerMessageReceived(complaint_id=CID, time=hours(3), message_id="m-1", text="Hi")) == []
    assert case.model_dump() == before


def test_a_withdrawal_closes_an_open_case_and_is_ignored_on_a_closed_one():
    case = open_case_in(CaseState.AWAITING_CUSTOMER)

    [closed] = apply(case, ComplaintWithdrawn(complaint_id=CID, time=hours(5), reason="sorted it myself"))

    assert isinstance(closed, ComplaintClosed)
    assert (closed.reason, closed.by, case.state) == ("withdrawn", "customer", CaseState.CLOSED)
    assert case.open_pause is None
    assert "sorted it myself" not in str(case.audit)
    assert apply(case, ComplaintWithdrawn(complaint_id=CID, time=hours(6))) == []


def test_a_customer_escalation_request_raises_the_tier_until_the_top():
    case = open_case_in(CaseState.INVESTIGATING)

    [escalated] = apply(case, EscalationRequested(complaint_id=CID, time=hours(5), reason="too slow"),
                        policy=CasePolicy(max_tier=2))
    again = apply(case, EscalationRequested(complaint_id=CID, time=hours(6), reason="still slow"),
                  policy=CasePolicy(max_tier=2))

    assert isinstance(escalated, CaseEscalated)
    assert (escalated.tier, escalated.trigger) == (2, "customer")
    assert again == []
    assert case.tier == 2


def test_rerouting_reassigns_the_case():
    case = open_case_in(CaseState.INVESTIGATING)
    rerouted = ComplaintRerouted(complaint_id=CID, time=hours(5), department="legal", team="legal-1",
                                 assignee=None, rules_version="2026.11.1", reason="complaint is about the team")

    [assigned] = apply(case, rerouted)

    assert isinstance(assigned, CaseAssigned)
    assert (case.department, case.team, case.assignee) == ("legal", "legal-1", None)
    assert (assigned.by, assigned.reason) == ("system", "complaint is about the team")
