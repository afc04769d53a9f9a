"""The open-case counts equal the open cases whatever the casework, its redeliveries and where it stops; a store
without counts is counted once, from its cases."""

import asyncio
from collections import Counter

from complaint_contracts.resolution import WorkloadChanged
from hypothesis import given, settings

from tests.unit.resolution.builders import MONDAY_9AM, make_routed, open_case_in
from tests.unit.resolution.fake_records import FakeComplaintRecords
from tests.unit.resolution.fakes import FakeCaseStore, FakeWorkloadCounters, FixedClock
from tests.unit.resolution.workload_program import STEPS, Program, Stops, casework


@settings(max_examples=300, deadline=None)
@given(steps=STEPS)
async def test_the_counts_equal_a_recount_after_any_casework(steps):
    store, stops, clock = FakeCaseStore(), Stops(), FixedClock(MONDAY_9AM)
    workloads, by_state = FakeWorkloadCounters(store.published), FakeWorkloadCounters([], announces=False)
    service = casework(store=store, workloads=workloads, records=FakeComplaintRecords(), clock=clock, stops=stops,
                       open_case_counts=by_state)

    await Program(service, clock, stops, prefix="p").run(steps)
    await service.settle_workloads_in_doubt()

    assert workloads.nonzero() == store.recount()
    assert by_state.nonzero() == store.recount_by_state(), "the gauge's counts too, stops and all"
    announced = {(e.team, e.assignee): e.open_cases for e in store.published if isinstance(e, WorkloadChanged)}
    assert announced == {key: workloads.counts[key] for key in announced}


async def test_a_write_stopped_before_its_moves_are_settled_is_counted_by_the_scan(store, workloads, records, clock):
    stops = Stops()
    service = casework(store=store, workloads=workloads, records=records, clock=clock, stops=stops)

    await Program(service, clock, stops, prefix="s").run([(("open", 0, ("team-a", "emp-1"), 0), "after_write")])
    assert workloads.nonzero() == {} and len(workloads.pending) == 1

    await service.scan_deadlines()

    assert workloads.nonzero() == {("team-a", None): 1, ("team-a", "emp-1"): 1} == store.recount()
    assert workloads.pending == {}


async def test_a_store_without_counts_is_counted_from_its_cases_once(service, store, workloads):
    store.put(open_case_in(complaint_id="c-kettle-0001", team="team-a", assignee="emp-1"))
    store.put(open_case_in(complaint_id="c-kettle-0002", team="team-a", assignee=None))

    assert await service.count_workloads_if_missing() is True
    await service.open_cases(routed=[make_routed(complaint_id="c-kettle-0003", team="team-a", assignee="emp-1")])
    assert await service.count_workloads_if_missing() is False

    assert workloads.nonzero() == {("team-a", None): 3, ("team-a", "emp-1"): 2} == store.recount()


async def test_the_open_case_gauge_follows_the_cases_without_counting_them(service, store, open_case_counts,
                                                                          registry):
    store.put(open_case_in(complaint_id="c-kettle-0001", team="team-a"))  # before the counts were kept
    assert await service.count_workloads_if_missing() is True
    await service.open_cases(routed=[make_routed(complaint_id="c-kettle-0002", team="team-a")])
    uncounted = open_case_in(complaint_id="c-kettle-0003", team="team-a")
    store.put(uncounted)  # not through a write: the scan must not count the cases itself

    await service.scan_deadlines()

    expected = Counter(store.recount_by_state()) - Counter({(uncounted.state.value, uncounted.priority.value): 1})
    assert open_case_counts.nonzero() == dict(expected) and sum(expected.values()) == 2
    for (state, priority), n in expected.items():
        assert registry.get_sample_value("complaints_resolution_open_cases",
                                         {"state": state, "priority": priority}) == n


async def test_the_moves_are_registered_before_the_case_is_written_however_slow_the_registration(
        service, store, workloads):
    # Registering goes with the other look-ups before the write; the write must still wait for it, or a process
    # stopped just after the write would leave an opened case that no count and no scan ever sees.
    register, insert, pending_at_write = workloads.register, store.insert, []

    async def slow_register(moves):
        await asyncio.sleep(0.01)
        await register(moves)

    async def watched_insert(changes):
        pending_at_write.append(len(workloads.pending))
        return await insert(changes)

    workloads.register, store.insert = slow_register, watched_insert

    await service.open_cases(routed=[make_routed(complaint_id="c-kettle-0004", team="team-a", assignee="emp-1")])

    assert pending_at_write == [1]
    assert workloads.nonzero() == {("team-a", None): 1, ("team-a", "emp-1"): 1} == store.recount()
