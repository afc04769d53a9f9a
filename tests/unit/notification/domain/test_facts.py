from datetime import timedelta

from complaint_contracts import CaseAssigned, Language, PublicNoteAdded, Regime
from notification.domain.facts import facts_from_received, record_facts


def test_received_starts_the_projection_with_contact_language_and_tracking_number(received_event):
    facts = record_facts(facts=None, event=received_event(language=Language.BE, jurisdiction="BY"))

    assert facts.tracking_number == "CMP-7K3Q-9XWA-F"
    assert facts.customer.email == "alesia@example.org"
    assert (facts.language, facts.jurisdiction) == (Language.BE, "BY")


def test_routing_adds_department_owner_regime_and_deadlines(received_event, routed_event):
    facts = record_facts(facts=facts_from_received(event=received_event()), event=routed_event())

    assert (facts.department, facts.team, facts.assignee) == ("customer_support", "support-en-1", "emp-0042")
    assert facts.regime is Regime.UK_FCA_DISP
    assert [d.name for d in facts.deadlines] == ["first_response", "final_response"]


def test_reassignment_and_rerouting_move_the_owner(facts, rerouted):
    moved = record_facts(facts=facts, event=rerouted)
    reassigned = record_facts(facts=moved, event=CaseAssigned(complaint_id=facts.complaint_id, team="legal-1",
                                                               assignee="emp-0500", by="emp-0001", reason="Lead"))

    assert (moved.department, moved.team, moved.assignee) == ("legal", "legal-1", None)
    assert (reassigned.team, reassigned.assignee) == ("legal-1", "emp-0500")


def test_events_before_receipt_leave_nothing_to_project(routed_event):
    assert record_facts(facts=None, event=routed_event()) is None


def test_a_redelivered_receipt_does_not_erase_routing(facts, received_event):
    assert record_facts(facts=facts, event=received_event()) == facts


def test_events_that_change_no_fact_leave_the_projection_as_is(facts):
    note = PublicNoteAdded(complaint_id=facts.complaint_id, note_id="n-1", text="Checked", by="emp-0042")
    assert record_facts(facts=facts, event=note) is facts


def test_a_redelivered_routing_after_a_reassignment_keeps_the_newer_owner(received_event, routed_event):
    routed = routed_event()
    routed_facts = record_facts(facts=facts_from_received(event=received_event()), event=routed)
    reassigned = record_facts(facts=routed_facts, event=CaseAssigned(
        complaint_id=routed.complaint_id, team="support-en-2", assignee="emp-0077", by="emp-0001",
        reason="Workload", time=routed.time + timedelta(hours=1)))

    again = record_facts(facts=reassigned, event=routed)

    assert (again.team, again.assignee) == ("support-en-2", "emp-0077")
    assert again.regime is routed.regime
