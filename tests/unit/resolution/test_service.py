"""The event-driven use cases over the fake store: opening cases, applying the customer's events (and waiting for
the case when they come first), the deadline scan, workloads and clock control."""

from datetime import timedelta

import pytest
from complaint_contracts.intake import ComplaintWithdrawn, EscalationRequested, ResolutionDecisionReceived
from complaint_contracts.types import Decision
from complaints_chassis.clock import Clock
from complaints_chassis.parking import Deferred
from resolution.domain.access import Principal, Role
from resolution.domain.commands import Reassign
from resolution.domain.errors import AccessDenied, ClockControlOff
from resolution.domain.policy import CasePolicy
from resolution.domain.states import CaseAction, CaseState
from resolution.service import CaseNotReady

from tests.unit.resolution.builders import (
    MONDAY_9AM,
    OneCalendar,
    make_received,
    make_routed,
    open_case_in,
    service_deadline,
)

CID = "c-late-refund-0001"
TEAM = "support-en-1"
ADMIN = Principal(subject="emp-admin", roles=frozenset({Role.ADMIN}))
SUPERVISOR = Principal(subject="emp-0007", roles=frozenset({Role.SUPERVISOR}),
                       departments=frozenset({"customer_support"}))


def names(events) -> list[str]:
    return [type(e).__name__ for e in events]


def withdrawal(complaint_id: str = CID, hours: float = 1) -> ComplaintWithdrawn:
    return ComplaintWithdrawn(complaint_id=complaint_id, time=MONDAY_9AM + timedelta(hours=hours))


async def test_a_routed_complaint_opens_its_case_once_and_announces_the_workloads(service, store, workloads):
    routed = make_routed()

    await service.open_cases(routed=[routed, routed])
    await service.open_cases(routed=[routed])

    case = store.cases[CID]
    assert (case.state, case.version, case.team, case.assignee) == (CaseState.OPENED, 1, TEAM, "emp-0042")
    assert names(store.published) == ["CaseOpened", "WorkloadChanged", "WorkloadChanged"]
    assert workloads.counts == {(TEAM, None): 1, (TEAM, "emp-0042"): 1}
    assert workloads.pending == {}
    # Opening is insert-only: what it caused goes out after each write, for a redelivery again (it may not have).
    assert service.opened.asked == [[CID], [CID]]


async def test_an_event_before_its_case_waits_and_applies_once_the_case_is_open(service, store):
    early = withdrawal()

    with pytest.raises(Deferred, match=CID):
        await service.react_to(events=[early])
    assert store.cases == {}

    await service.open_cases(routed=[make_routed()])
    await service.react_to(events=[early])  # the chassis retries the parked event
    await service.react_to(events=[early])  # and a redelivery changes nothing

    case = store.cases[CID]
    assert (case.state, case.close_reason, case.version) == (CaseState.CLOSED, "withdrawn", 2)
    assert [n for n in names(store.published) if n != "WorkloadChanged"] == ["CaseOpened", "ComplaintClosed"]


async def test_a_run_with_an_early_event_is_deferred_whole_and_its_other_events_apply_one_by_one(service, store):
    store.put(open_case_in(CaseState.INVESTIGATING))
    escalation = EscalationRequested(complaint_id=CID, time=MONDAY_9AM + timedelta(hours=5), reason="too slow")
    early = withdrawal("c-not-routed-yet-0001")

    with pytest.raises(Deferred, match="c-not-routed-yet-0001") as raised:
        await service.react_to(events=[escalation, early])
    assert store.cases[CID].tier == 1  # nothing half-done: the chassis parks the early event, applies the rest
    assert raised.value.waiting == {str(early.id)}

    await service.react_to(events=[escalation])
    with pytest.raises(Deferred):
        await service.react_to(events=[early])
    assert store.cases[CID].tier == 2


async def test_events_on_a_case_changed_meanwhile_are_retried(service, store):
    store.put(open_case_in(CaseState.INVESTIGATING))
    store.lose_next_save(CID, to_version=99)

    with pytest.raises(CaseNotReady):
        await service.react_to(events=[withdrawal(hours=5)])
    assert store.cases[CID].state is CaseState.INVESTIGATING


async def test_a_deadline_met_by_an_event_is_counted_once_however_often_the_event_comes(service, store, registry):
    # Under a policy where the customer's acceptance meets a deadline (by default only staff actions meet them).
    service.policy = CasePolicy(deadline_milestones={"decision": frozenset({CaseAction.ACCEPT_RESOLUTION})})
    store.put(open_case_in(CaseState.RESOLUTION_PROPOSED,
                           deadlines=[service_deadline(MONDAY_9AM + timedelta(days=2), name="decision")]))
    accepted = ResolutionDecisionReceived(complaint_id=CID, time=MONDAY_9AM + timedelta(hours=5), proposal_id="p-1",
                                          decision=Decision.ACCEPTED)
    store.lose_next_save(CID, to_version=4)

    with pytest.raises(CaseNotReady):  # the case changed meanwhile: nothing stored, nothing counted
        await service.react_to(events=[accepted])
    await service.react_to(events=[accepted])  # the retry
    await service.react_to(events=[accepted])  # and a redelivery

    assert store.cases[CID].state is CaseState.ACCEPTED
    assert registry.get_sample_value("complaints_resolution_deadlines_met_total", {"clock": "service"}) == 1


async def test_reassigning_announces_the_workloads_of_both_teams(service, store, workloads):
    await service.open_cases(routed=[make_routed(assignee=None)])
    await service.record_received(received=[make_received()])

    await service.act(complaint_id=CID, principal=SUPERVISOR, version=1, reason="team is full",
                      command=Reassign(team="support-en-2"))

    assert workloads.counts == {(TEAM, None): 0, ("support-en-2", None): 1}
    assert names(store.published).count("WorkloadChanged") == 3


async def test_the_deadline_scan_warns_breaches_and_escalates_once_each(service, store, clock, registry):
    await service.open_cases(routed=[make_routed(deadlines=[service_deadline(MONDAY_9AM + timedelta(days=10),
                                                                             name="resolve")])])
    scans = []
    for days in (8, 3, 1):
        clock.advance(days=days)
        before = len(store.published)
        await service.scan_deadlines()
        scans.append([n for n in names(store.published[before:]) if n != "WorkloadChanged"])

    assert scans == [["DeadlineWarning"], ["DeadlineBreached", "CaseEscalated"], []]
    assert store.cases[CID].tier == 2 and store.next_alert_at[CID] is None
    assert registry.get_sample_value("complaints_resolution_open_cases",
                                     {"state": "opened", "priority": "medium"}) == 1
    assert registry.get_sample_value("complaints_resolution_escalations_total", {"trigger": "breach"}) == 1


async def test_a_case_whose_deadlines_the_calendar_cannot_place_is_looked_at_again_in_an_hour(service, store, clock):
    class NoCalendar:
        def working_time_between(self, start, end):
            raise LookupError("no calendar for 2026")

        def add_business_hours(self, start, duration):
            raise LookupError("no calendar for 2026")

    case = open_case_in(deadlines=[service_deadline(MONDAY_9AM + timedelta(days=1), name="resolve")])
    store.put(case, next_alert_at=MONDAY_9AM)
    service.calendars = OneCalendar(NoCalendar())
    clock.advance(hours=20)

    await service.scan_deadlines()

    assert store.next_alert_at[CID] == clock() + timedelta(hours=1)
    assert store.cases[CID].version == case.version


async def test_the_clock_moves_only_where_clock_control_is_on_and_only_for_admins(service, store):
    store.put(open_case_in(deadlines=[service_deadline(MONDAY_9AM + timedelta(days=1), name="resolve")]),
              next_alert_at=MONDAY_9AM + timedelta(hours=18))
    with pytest.raises(ClockControlOff):
        service.controlled_clock(principal=ADMIN)

    service.clock = service.clock_control = Clock(offset_seconds=(MONDAY_9AM - Clock()()).total_seconds())
    with pytest.raises(AccessDenied, match="only admins"):
        await service.shift_clock(principal=SUPERVISOR, seconds=3600)
    moved = await service.shift_clock(principal=ADMIN, seconds=2 * 86400)

    assert moved() - MONDAY_9AM >= timedelta(days=2)
    assert [a.kind.value for a in store.cases[CID].raised_alerts] == ["breach"]
