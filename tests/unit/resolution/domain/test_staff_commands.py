"""Escalation tiers, reassignment, notes, proposals and corrective actions."""

from datetime import timedelta

import pytest
from complaint_contracts.types import Money, RemedyKind
from resolution.domain.corrective import raise_corrective_action
from resolution.domain.errors import RedressRefused, RuleViolation
from resolution.domain.lifecycle import pay_redress, propose_resolution
from resolution.domain.policy import CasePolicy
from resolution.domain.staffing import add_note, escalate, reassign
from resolution.domain.states import CaseAction, CaseState

from tests.unit.resolution.builders import MONDAY_9AM, REFUND, open_case_in, service_deadline, staff


def test_escalation_climbs_one_tier_at_a_time_and_stops_at_the_top():
    case = open_case_in(CaseState.INVESTIGATING)
    policy = CasePolicy(max_tier=3)

    tiers = [escalate(case=case, acting=staff(h), policy=policy)[0].tier for h in (3, 4)]

    assert tiers == [2, 3]
    with pytest.raises(RuleViolation, match="highest tier"):
        escalate(case=case, acting=staff(5), policy=policy)


def test_reassigning_to_the_same_owner_changes_nothing():
    case = open_case_in(CaseState.INVESTIGATING)
    version = case.version

    assert reassign(case=case, acting=staff(3), team=case.team, assignee=case.assignee) == []
    assert case.version == version


def test_an_internal_note_is_kept_but_not_announced():
    case = open_case_in(CaseState.INVESTIGATING)

    assert add_note(case=case, acting=staff(3), note_id="n-1", text="Courier lost it", public=False) == []
    assert [(n.note_id, n.public) for n in case.notes] == [("n-1", False)]


def test_a_public_note_meets_the_first_response_deadline():


    case = open_case_in(CaseState.INVESTIGATING,
                        deadlines=[service_deadline(MONDAY_9AM + timedelta(days=1), name="first_response")])

    add_note(case=case, acting=staff(3), note_id="n-1", text="We are on it", public=True)

    assert case.deadlines[0].met_at == staff(3).at


def test_a_note_id_is_used_once():
    case = open_case_in(CaseState.INVESTIGATING)
    add_note(case=case, acting=staff(3), note_id="n-1", text="first", public=False)

    with pytest.raises(RuleViolation, match="already exists"):
        add_note(case=case, acting=staff(4), note_id="n-1", text="second", public=False)


def test_a_proposal_id_is_used_once():
    case = open_case_in(CaseState.RESOLUTION_PROPOSED)

    with pytest.raises(RuleViolation, match="already exists"):
        propose_resolution(case=case, acting=staff(5), proposal_id="p-1", summary="again", remedies=[REFUND])


def test_paying_redress_announces_it_and_refuses_overpayment():
    case = open_case_in(CaseState.IMPLEMENTING)

    [paid] = pay_redress(case=case, acting=staff(6), proposal_id="p-1", kind=RemedyKind.REFUND,
                         amount=Money(amount="49.99", currency="GBP"), payment_reference="PAY-1")

    assert (paid.amount.amount, paid.payment_reference) == (REFUND.amount.amount, "PAY-1")
    with pytest.raises(RedressRefused):
        pay_redress(case=case, acting=staff(7), proposal_id="p-1", kind=RemedyKind.REFUND,
                    amount=Money(amount="0.01", currency="GBP"), payment_reference="PAY-2")


def test_a_corrective_action_covers_many_cases_once_each():
    first = open_case_in(CaseState.CLOSED, complaint_id="c-courier-0001")
    second = open_case_in(CaseState.INVESTIGATING, complaint_id="c-courier-0002")

    [raised] = raise_corrective_action(cases=[first, second, first], acting=staff(30, by="emp-quality-1"),
                                       action_id="ca-1", root_cause="courier-handover",
                                       action="Switch courier for fragile goods", owner="emp-ops-7", preventive=True)

    assert raised.complaint_ids == ["c-courier-0001", "c-courier-0002"]
    assert (raised.subject, raised.preventive, raised.by) == ("ca-1", True, "emp-quality-1")
    assert first.corrective_action_ids == second.corrective_action_ids == ["ca-1"]
    assert [e.action for e in first.audit].count(CaseAction.ATTACH_CORRECTIVE_ACTION) == 1
    assert second.root_cause == "courier-handover"


@pytest.mark.parametrize(("cases", "root_cause"), [([], "courier-handover"), (None, " ")])
def test_a_corrective_action_needs_cases_and_a_root_cause(cases, root_cause):
    chosen = cases if cases is not None else [open_case_in(CaseState.OPENED)]

    with pytest.raises(RuleViolation):
        raise_corrective_action(cases=chosen, acting=staff(3), action_id="ca-1", root_cause=root_cause,
                                action="Retrain", owner="emp-ops-7")
