"""Casework over the fake stores: objectivity on reassignment, duplicates linked and merged on both cases,
corrections announced for routing to learn from, plan steps done and overdue, the customer unreached."""

from datetime import timedelta

import pytest
from complaint_contracts.notification import NotificationFailed
from complaint_contracts.routing import PossibleDuplicateDetected
from complaints_chassis.parking import Deferred
from resolution.domain.access import Principal, Role
from resolution.domain.case_parts import TaskKind
from resolution.domain.commands import CompletePlanStep, CompleteTask, CorrectAssessment, Reassign
from resolution.domain.errors import ObjectivityConflict, RuleViolation
from resolution.domain.states import CaseState

from tests.unit.resolution.builders import MONDAY_9AM, REFUND_STEP, make_received, make_routed, open_case_in

CID, ORIGINAL = "c-late-refund-0001", "c-first-parcel-0000"
AGENT = Principal(subject="emp-0042", roles=frozenset({Role.AGENT}), teams=frozenset({"support-en-1"}))
SUPERVISOR = Principal(subject="emp-0007", roles=frozenset({Role.SUPERVISOR}),
                       departments=frozenset({"customer_support"}))


def names(events):
    return [type(e).__name__ for e in events if type(e).__name__ != "WorkloadChanged"]


async def test_reassigning_to_whom_the_complaint_is_about_is_refused_naming_the_rule(service, store):
    store.put(open_case_in(CaseState.INVESTIGATING))
    await service.record_received(received=[make_received(about_team="courier-desk", about_employee="emp-0099")])

    with pytest.raises(ObjectivityConflict, match="team courier-desk"):
        await service.act(complaint_id=CID, principal=SUPERVISOR, version=2, reason="",
                          command=Reassign(team="courier-desk"))
    with pytest.raises(ObjectivityConflict):
        await service.act(complaint_id=CID, principal=SUPERVISOR, version=2, reason="",
                          command=Reassign(team="support-en-2", assignee="emp-0099"))
    file = await service.act(complaint_id=CID, principal=SUPERVISOR, version=2, reason="",
                             command=Reassign(team="support-en-2", assignee="emp-0077"))

    assert (file.case.team, file.complaint.about.team, file.complaint.about.employee) == (
        "support-en-2", "courier-desk", "emp-0099")


async def test_routing_s_duplicates_are_linked_on_both_cases_with_their_tracking_numbers(service, store):
    store.put(open_case_in(complaint_id=ORIGINAL))
    detected = PossibleDuplicateDetected(complaint_id=CID, duplicate_of=ORIGINAL, similarity=0.91,
                                         reason="same customer, same words", time=MONDAY_9AM)
    with pytest.raises(Deferred):
        await service.link_detected_duplicates(detected=[detected])
    store.put(open_case_in())
    await service.record_received(received=[make_received(complaint_id=ORIGINAL, tracking_number="CMP-FIRST")])

    await service.link_detected_duplicates(detected=[detected, detected])
    file = await service.view(complaint_id=CID, principal=AGENT)

    assert [(d.complaint_id, d.tracking_number, d.similarity) for d in file.duplicates] == [
        (ORIGINAL, "CMP-FIRST", 0.91)]
    assert [d.relation for d in store.cases[ORIGINAL].duplicates] == ["has_duplicate"]


async def test_a_duplicate_goes_to_the_original_s_owner_and_is_merged_into_it(service, store):
    store.put(open_case_in(complaint_id=ORIGINAL, team="support-en-2", assignee="emp-0077"))
    store.put(open_case_in(CaseState.INVESTIGATING))
    await service.record_received(received=[make_received(), make_received(complaint_id=ORIGINAL,
                                                                           tracking_number="CMP-FIRST")])

    linked = await service.link_duplicate(complaint_id=CID, principal=SUPERVISOR, version=2, reason="same parcel",
                                          original_id=ORIGINAL, assign_to_original_owner=True)
    merged = await service.merge_duplicate(complaint_id=CID, principal=SUPERVISOR, version=linked.case.version,
                                           reason="same parcel", into=ORIGINAL)

    assert (linked.case.team, linked.case.assignee) == ("support-en-2", "emp-0077")
    assert (merged.case.state, merged.case.merged_into) == (CaseState.CLOSED, ORIGINAL)
    assert store.cases[ORIGINAL].merged_from == [CID] and store.cases[ORIGINAL].state is CaseState.OPENED
    merged_event = next(e for e in store.published if type(e).__name__ == "ComplaintMerged")
    assert (merged_event.complaint_id, merged_event.merged_into_tracking_number) == (CID, "CMP-FIRST")
    assert names(store.published) == ["CaseAssigned", "ComplaintClosed", "ComplaintMerged"]


async def test_an_agent_may_link_but_not_hand_the_duplicate_over(service, store):
    store.put(open_case_in(complaint_id=ORIGINAL, team="support-en-2"))
    store.put(open_case_in(CaseState.INVESTIGATING))

    with pytest.raises(Exception, match="may not view"):
        await service.link_duplicate(complaint_id=CID, principal=AGENT, version=2, reason="", original_id=ORIGINAL)


async def test_a_correction_is_published_with_old_and_new_values(service, store):
    store.put(open_case_in(CaseState.INVESTIGATING))

    await service.act(complaint_id=CID, principal=AGENT, version=2, reason="A lost parcel, not billing",
                      command=CorrectAssessment(category="delivery"))

    [corrected] = [e for e in store.published if type(e).__name__ == "AssessmentCorrected"]
    assert [(c.field, c.old, c.new) for c in corrected.changes] == [("category", "billing", "delivery")]
    assert (corrected.corrected_by, corrected.reason) == ("emp-0042", "A lost parcel, not billing")


async def test_plan_steps_are_announced_when_done_and_their_owner_warned_when_late(service, store, clock):
    store.put(open_case_in(CaseState.ACCEPTED), next_alert_at=REFUND_STEP.due_at)
    clock.at = REFUND_STEP.due_at + timedelta(hours=1)

    await service.scan_deadlines()
    await service.scan_deadlines()
    file = await service.act(complaint_id=CID, principal=AGENT, version=store.cases[CID].version, reason="",
                             command=CompletePlanStep(step_id="s-1", note="Refunded to the card"))

    assert names(store.published) == ["PlanStepOverdue", "PlanStepCompleted"]
    assert store.next_alert_at[CID] is None
    with pytest.raises(RuleViolation):
        await service.act(complaint_id=CID, principal=AGENT, version=file.case.version, reason="",
                          command=CompletePlanStep(step_id="s-1"))


async def test_a_customer_no_channel_reaches_gets_a_call_from_the_case_s_owner(service, store):
    await service.open_cases(routed=[make_routed()])
    failed = NotificationFailed(complaint_id=CID, notification_id="n-1", template="acknowledgement", channel="none",
                                recipient_kind="customer", trigger_event_id="t-1", permanent=True, attempts=1,
                                reason="no channel reaches the customer", time=MONDAY_9AM)

    await service.react_to(events=[failed, failed])
    file = await service.view(complaint_id=CID, principal=AGENT)
    [task] = file.case.tasks
    done = await service.act(complaint_id=CID, principal=AGENT, version=file.case.version, reason="",
                             command=CompleteTask(task_id=task.task_id, outcome="Called; complaint acknowledged"))

    assert file.acknowledgement == "not acknowledged: no channel reaches the customer"
    assert (task.kind, task.owner) == (TaskKind.CALL_CUSTOMER, "emp-0042")
    assert done.case.tasks[0].done_by == "emp-0042"
