from datetime import timedelta
from uuid import uuid4

from complaint_contracts import (
    CaseAssigned,
    ComplaintClosed,
    ComplaintReopened,
    Language,
    PublicNoteAdded,
    Regime,
)
from notification.domain.facts import erased_facts, facts_from_received, record_facts, written_over


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


def routed_then_reassigned(received, routed):
    """The facts after routing, then a reassignment an hour later."""
    routed_facts = record_facts(facts=facts_from_received(event=received), event=routed)
    return record_facts(facts=routed_facts, event=CaseAssigned(
        complaint_id=routed.complaint_id, team="support-en-2", assignee="emp-0077", by="emp-0001",
        reason="Workload", time=routed.time + timedelta(hours=1)))


def test_a_redelivered_routing_after_a_reassignment_keeps_the_newer_owner(received_event, routed_event):
    routed = routed_event()
    reassigned = routed_then_reassigned(received_event(), routed)

    again = record_facts(facts=reassigned, event=routed)

    assert (again.team, again.assignee) == ("support-en-2", "emp-0077")
    assert again.regime is routed.regime


def test_routing_decides_once_so_a_re_sent_decision_cannot_move_the_owner_back(received_event, routed_event):
    routed = routed_event()
    reassigned = routed_then_reassigned(received_event(), routed)

    re_sent = routed.model_copy(update={"id": uuid4(), "time": routed.time + timedelta(hours=2)})

    assert record_facts(facts=reassigned, event=re_sent) is reassigned


def test_the_owner_is_dated_from_when_they_took_the_case_not_from_repeats(facts):
    took_it = facts.owner_since
    repeat = CaseAssigned(complaint_id=facts.complaint_id, team=facts.team, assignee=facts.assignee, by="emp-0001",
                          reason="Confirmed", time=took_it + timedelta(hours=3))
    moved = CaseAssigned(complaint_id=facts.complaint_id, team=facts.team, assignee="emp-0077", by="emp-0001",
                         reason="Workload", time=took_it + timedelta(hours=4))

    assert record_facts(facts=facts, event=repeat).owner_since == took_it
    assert record_facts(facts=facts, event=moved).owner_since == moved.time


def test_only_a_reopening_after_a_resolution_or_closing_starts_a_new_cycle(facts):
    by = {"complaint_id": facts.complaint_id, "by": "emp-0042"}
    start = facts.received_at
    premature = ComplaintReopened(reason="Not done", time=start + timedelta(days=1), **by)
    closed = ComplaintClosed(reason="resolved", time=start + timedelta(days=2), **by)
    reopened = ComplaintReopened(reason="Refund bounced", time=start + timedelta(days=3), **by)
    repeated = ComplaintReopened(reason="Refund bounced", time=start + timedelta(days=4), **by)

    folded = facts
    for event in (premature, closed, reopened, repeated, reopened):
        folded = record_facts(facts=folded, event=event)

    assert folded.reopened_at == (reopened.time,)
    assert (folded.cycle_at(closed.time), folded.cycle_at(reopened.time), folded.cycle_at(repeated.time)) == (0, 1, 1)


def test_a_proposal_keeps_its_plan_for_the_confirmation_and_a_re_sent_one_changes_nothing(facts, trigger_events):
    proposed = trigger_events["resolution_proposed"]

    known = record_facts(facts=facts, event=proposed)

    assert [s.step_id for s in known.plans["pr-1"]] == ["s-2", "s-1"]
    assert record_facts(facts=known, event=proposed.model_copy(update={"id": uuid4()})) is known


def test_an_issued_access_code_is_remembered_as_a_time_never_as_the_code(facts, trigger_events):
    issued = trigger_events["access_code"]

    known = record_facts(facts=facts, event=issued)

    assert known.access_code_issued_at == issued.time
    assert issued.access_code not in known.model_dump_json()


def test_facts_stored_over_newer_ones_are_the_last_writers_numbered_after_them(facts):
    ours = facts.model_copy(update={"team": "team-late-1", "revision": 1})
    stored = facts.model_copy(update={"team": "team-other-1", "revision": 3})

    written = written_over(ours, stored=stored)

    assert (written.team, written.revision, written.customer) == ("team-late-1", 3, facts.customer)


def test_facts_stored_over_erased_ones_stay_erased_and_keep_what_the_run_learnt(facts):
    ours = facts.model_copy(update={"team": "team-late-1", "revision": 1})
    stored = erased_facts(facts.model_copy(update={"revision": 2}))

    written = written_over(ours, stored=stored)

    assert written.personal_data_erased and written.customer.email is None and written.customer.name is None
    assert (written.team, written.revision) == ("team-late-1", 2)


def test_the_revision_read_is_kept_through_erasure_and_never_written_out(facts):
    read = facts.model_copy(update={"revision": 4})

    assert erased_facts(read).revision == 4
    assert "revision" not in read.model_dump(mode="json")
