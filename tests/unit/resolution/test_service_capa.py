"""Corrective actions over the fake stores: raised on cases and kept for follow-up, proposed by analytics, assigned,
worked, verified, and checked for recurrences."""

from datetime import timedelta

import pytest
from complaint_contracts.analytics import SystemicIssueDetected
from complaint_contracts.types import Category
from resolution.domain.access import Principal, Role
from resolution.domain.corrective import CapaScope, CapaStatus
from resolution.domain.errors import AccessDenied, CorrectiveActionNotFound, VersionConflict

from tests.unit.resolution.builders import MONDAY_9AM, make_received, open_case_in

QUALITY = Principal(subject="emp-0100", roles=frozenset({Role.QUALITY}))
OWNER = Principal(subject="emp-0042", roles=frozenset({Role.AGENT}), teams=frozenset({"support-en-1"}))
AGENT = Principal(subject="emp-0077", roles=frozenset({Role.AGENT}), teams=frozenset({"support-en-1"}))


async def test_a_raised_action_is_kept_with_the_scope_its_complaints_share(service, store, actions):
    for cid in ("c-one-parcel-0001", "c-two-parcel-0002"):
        store.put(open_case_in(complaint_id=cid))
        await service.record_received(received=[make_received(complaint_id=cid)])

    event = await service.raise_corrective_action(
        principal=QUALITY, complaint_ids=["c-one-parcel-0001", "c-two-parcel-0002"], reason="", action_id="ca-7",
        root_cause="courier-handover", action="Change courier", owner="emp-0042")

    kept = await service.corrective_action(principal=QUALITY, action_id="ca-7")
    assert event.action_id == "ca-7" and kept.status is CapaStatus.OPEN
    assert kept.scope == CapaScope(category=Category.BILLING, product="parcel-delivery")
    assert kept.complaint_ids == ["c-one-parcel-0001", "c-two-parcel-0002"]
    assert [a.action_id for a in await service.corrective_actions(
        principal=QUALITY, status=None, owner="emp-0042", complaint_id="c-two-parcel-0002", limit=10,
        after=None)] == ["ca-7"]


async def test_a_systemic_issue_is_proposed_once_then_assigned_worked_verified_and_measured(service, store, clock):
    issue = SystemicIssueDetected(issue_id="iss-1", dimension="category", value="billing", window_start=MONDAY_9AM,
                                  window_end=MONDAY_9AM + timedelta(days=1), observed=9, expected=2.0,
                                  test="Poisson", complaint_ids=["c-a-0000001"], time=MONDAY_9AM)
    await service.propose_corrective_actions(issues=[issue, issue])
    for day in (-3, -1):  # two billing complaints in the days before implementation, one after
        store.put(open_case_in(complaint_id=f"c-before{-day}-0000").model_copy(
            update={"opened_at": MONDAY_9AM + timedelta(days=day)}))
    store.put(open_case_in(complaint_id="c-after-00000").model_copy(
        update={"opened_at": MONDAY_9AM + timedelta(days=2)}))

    action = await service.assign_corrective_action(principal=QUALITY, action_id="ca-iss-1", version=1,
                                                    owner="emp-0042", due_at=None, note="")
    action = await service.move_corrective_action(principal=OWNER, action_id="ca-iss-1", version=action.version,
                                                  status=CapaStatus.IN_PROGRESS, note="")
    action = await service.move_corrective_action(principal=OWNER, action_id="ca-iss-1", version=action.version,
                                                  status=CapaStatus.IMPLEMENTED, note="new checks")
    clock.at = MONDAY_9AM + timedelta(days=3)
    check = await service.corrective_action_effectiveness(principal=QUALITY, action_id="ca-iss-1")
    verified = await service.move_corrective_action(principal=QUALITY, action_id="ca-iss-1", version=action.version,
                                                    status=CapaStatus.VERIFIED_EFFECTIVE, note=check.summary)

    assert (check.before, check.recurrences, check.fewer) == (2, 1, True)
    assert verified.status is CapaStatus.VERIFIED_EFFECTIVE and verified.history[-1].note == check.summary
    with pytest.raises(VersionConflict):
        await service.move_corrective_action(principal=QUALITY, action_id="ca-iss-1", version=1,
                                             status=CapaStatus.IN_PROGRESS, note="")


async def test_agents_see_no_corrective_actions_and_a_missing_one_is_named(service):
    with pytest.raises(AccessDenied):
        await service.corrective_actions(principal=AGENT, status=None, owner=None, complaint_id=None, limit=10,
                                         after=None)
    with pytest.raises(CorrectiveActionNotFound, match="ca-none"):
        await service.corrective_action(principal=QUALITY, action_id="ca-none")
