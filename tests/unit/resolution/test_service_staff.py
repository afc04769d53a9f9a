"""The staff use cases over the fake store: viewing, the work queue, commands against a version, corrective
actions — each within what the employee may see and do."""

from datetime import timedelta

import pytest
from complaint_contracts.types import Outcome
from resolution.domain.access import Principal, Role
from resolution.domain.commands import AddNote, Close, ProposeResolution, Reassign, Resolve, StartInvestigation
from resolution.domain.errors import AccessDenied, CaseNotFound, IllegalTransition, VersionConflict
from resolution.domain.queue import QueueFilter
from resolution.domain.states import CaseState

from tests.unit.resolution.builders import (
    FCA_FINAL_RESPONSE,
    MONDAY_9AM,
    REFUND,
    make_received,
    open_case_in,
    regulatory_deadline,
    service_deadline,
)

CID = "c-late-refund-0001"
AGENT = Principal(subject="emp-0042", roles=frozenset({Role.AGENT}), teams=frozenset({"support-en-1"}))
STRANGER = Principal(subject="emp-0077", roles=frozenset({Role.AGENT}), teams=frozenset({"support-en-9"}))
QUALITY = Principal(subject="emp-0100", roles=frozenset({Role.QUALITY}))


def names(events) -> list[str]:
    return [type(e).__name__ for e in events if type(e).__name__ != "WorkloadChanged"]


async def test_a_command_is_applied_against_the_version_read_audited_and_announced(service, store):
    store.put(open_case_in(CaseState.INVESTIGATING))

    case = (await service.act(complaint_id=CID, principal=AGENT, version=2, reason="told the customer",
                              command=AddNote(text="We are on it", public=True))).case

    assert [(n.note_id, n.public) for n in case.notes] == [("n-1", True)]
    stored = store.cases[CID]
    assert stored.version == 3 and stored.audit[-1].by == "emp-0042" and stored.audit[-1].reason == "told the customer"
    assert names(store.published) == ["PublicNoteAdded"]


async def test_ids_of_what_commands_create_come_from_the_service(service, store):
    store.put(open_case_in(CaseState.INVESTIGATING))

    case = (await service.act(complaint_id=CID, principal=AGENT, version=2, reason="",
                              command=ProposeResolution(summary="Refund", remedies=[REFUND]))).case

    assert case.current_proposal_id == "p-1"


async def test_a_stale_version_is_refused_naming_the_current_one(service, store):
    store.put(open_case_in(CaseState.INVESTIGATING))

    with pytest.raises(VersionConflict) as refused:
        await service.act(complaint_id=CID, principal=AGENT, version=1, reason="", command=Close())
    assert refused.value.actual == 2


async def test_losing_a_race_for_the_same_version_is_a_version_conflict(service, store):
    store.put(open_case_in(CaseState.INVESTIGATING))
    store.lose_next_save(CID, to_version=3)

    with pytest.raises(VersionConflict) as refused:
        await service.act(complaint_id=CID, principal=AGENT, version=2, reason="",
                          command=AddNote(text="x", public=False))
    assert refused.value.actual == 3
    assert store.published == []


async def test_a_deadline_met_by_a_command_is_counted_once_whatever_the_retries(service, store, registry):
    store.put(open_case_in(CaseState.INVESTIGATING, deadlines=[service_deadline(MONDAY_9AM + timedelta(days=2)),
                                                                regulatory_deadline(MONDAY_9AM + timedelta(days=56))]))
    store.lose_next_save(CID, to_version=3)
    resolving = Resolve(outcome=Outcome.UPHELD, final_response=FCA_FINAL_RESPONSE)
    note = AddNote(text="Resolved as you asked", public=True)

    with pytest.raises(VersionConflict):  # someone else wrote the case first: nothing stored, nothing counted
        await service.act(complaint_id=CID, principal=AGENT, version=2, reason="", command=resolving)
    assert registry.get_sample_value("complaints_resolution_deadlines_met_total", {"clock": "service"}) == 0
    await service.act(complaint_id=CID, principal=AGENT, version=3, reason="", command=resolving)
    with pytest.raises(VersionConflict):  # the same request sent again
        await service.act(complaint_id=CID, principal=AGENT, version=3, reason="", command=resolving)
    await service.act(complaint_id=CID, principal=AGENT, version=4, reason="", command=note)  # met already

    assert store.cases[CID].state is CaseState.RESOLVED
    for clock in ("service", "regulatory"):
        assert registry.get_sample_value("complaints_resolution_deadlines_met_total", {"clock": clock}) == 1


async def test_an_illegal_action_names_the_state(service, store):
    store.put(open_case_in(CaseState.CLOSED))

    with pytest.raises(IllegalTransition, match="closed"):
        await service.act(complaint_id=CID, principal=AGENT, version=7, reason="", command=StartInvestigation())


async def test_a_command_that_changes_nothing_writes_nothing(service, store):
    store.put(open_case_in(CaseState.INVESTIGATING))
    await service.record_received(received=[make_received()])
    supervisor = Principal(subject="emp-0007", roles=frozenset({Role.SUPERVISOR}),
                           departments=frozenset({"customer_support"}))

    case = (await service.act(complaint_id=CID, principal=supervisor, version=2, reason="",
                              command=Reassign(team="support-en-1", assignee="emp-0042"))).case

    assert case.version == store.cases[CID].version == 2
    assert store.published == []


async def test_employees_see_and_act_only_within_their_scope(service, store):
    store.put(open_case_in(CaseState.INVESTIGATING))

    with pytest.raises(AccessDenied, match="may not view"):
        await service.view(complaint_id=CID, principal=STRANGER)
    with pytest.raises(AccessDenied, match="may not reassign"):
        await service.act(complaint_id=CID, principal=AGENT, version=2, reason="", command=Reassign(team="x"))
    with pytest.raises(CaseNotFound):
        await service.view(complaint_id="c-nobody-0000", principal=AGENT)
    assert (await service.view(complaint_id=CID, principal=QUALITY)).case.complaint_id == CID


async def test_the_work_queue_is_cut_to_what_the_employee_may_see(service, store):
    for n, team in enumerate(("support-en-1", "support-en-1", "support-en-9")):
        store.put(open_case_in(complaint_id=f"c-queue-{n}", team=team))

    mine, total = await service.work_queue(principal=AGENT, queue_filter=QueueFilter(limit=1))
    everything, everyone = await service.work_queue(principal=QUALITY, queue_filter=QueueFilter())

    assert (len(mine), total, everyone) == (1, 2, 3)
    assert {c.team for c in everything} == {"support-en-1", "support-en-9"}


async def test_a_corrective_action_is_announced_once_whatever_the_retries(service, store):
    for cid in ("c-courier-0001", "c-courier-0002"):
        store.put(open_case_in(CaseState.INVESTIGATING, complaint_id=cid))

    async def raise_it(action_id):
        return await service.raise_corrective_action(
            principal=QUALITY, complaint_ids=["c-courier-0001", "c-courier-0002"], reason="pattern",
            action_id=action_id, root_cause="courier-handover", action="Photograph handovers", owner="logistics")

    raised = await raise_it(None)
    await raise_it(raised.action_id)

    assert raised.action_id == "ca-1" and raised.complaint_ids == ["c-courier-0001", "c-courier-0002"]
    assert names(store.published) == ["CorrectiveActionRaised"]
    assert all(store.cases[cid].corrective_action_ids == ["ca-1"] for cid in raised.complaint_ids)


async def test_a_corrective_action_needs_existing_cases_and_the_quality_role(service, store):
    store.put(open_case_in(CaseState.INVESTIGATING))

    with pytest.raises(CaseNotFound, match="c-nobody-0000"):
        await service.raise_corrective_action(principal=QUALITY, complaint_ids=[CID, "c-nobody-0000"], reason="",
                                              action_id=None, root_cause="x", action="y", owner="z")
    with pytest.raises(AccessDenied):
        await service.raise_corrective_action(principal=AGENT, complaint_ids=[CID], reason="", action_id=None,
                                              root_cause="x", action="y", owner="z")
