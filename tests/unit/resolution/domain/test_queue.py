"""The work queue: filters by team, assignee, state, priority and regime, nearest deadline first, within scope."""

from datetime import timedelta

from complaint_contracts.types import Priority, Regime
from resolution.domain.access import VisibleScope
from resolution.domain.queue import QueueFilter, work_queue
from resolution.domain.states import CaseState

from tests.unit.resolution.builders import MONDAY_9AM, open_case_in, service_deadline

EVERYTHING = VisibleScope(everything=True)


def case(name, *, due_in_days=None, state=CaseState.OPENED, **routed):
    deadlines = [service_deadline(MONDAY_9AM + timedelta(days=due_in_days))] if due_in_days is not None else []
    return open_case_in(state, complaint_id=f"c-{name}-0000", deadlines=deadlines, **routed)


def ids(cases):
    return [c.complaint_id.removeprefix("c-").removesuffix("-0000") for c in cases]


def test_nearest_deadline_comes_first_and_cases_without_one_come_last():
    cases = [case("none"), case("later", due_in_days=9), case("soon", due_in_days=2)]

    assert ids(work_queue(cases=cases, queue_filter=QueueFilter(), scope=EVERYTHING)) == ["soon", "later", "none"]


def test_equal_deadlines_put_the_higher_priority_first():
    cases = [case("medium", due_in_days=3), case("critical", due_in_days=3, priority=Priority.CRITICAL)]

    assert ids(work_queue(cases=cases, queue_filter=QueueFilter(), scope=EVERYTHING)) == ["critical", "medium"]


def test_a_met_deadline_no_longer_orders_the_queue():
    resolved = case("resolved", due_in_days=1, state=CaseState.RESOLVED)
    cases = [resolved, case("open", due_in_days=5)]

    assert resolved.next_due_at is None
    assert ids(work_queue(cases=cases, queue_filter=QueueFilter(), scope=EVERYTHING)) == ["open", "resolved"]


def test_filters_combine_and_empty_lists_mean_any():
    cases = [case("fca", regime=Regime.UK_FCA_DISP, priority=Priority.HIGH),
             case("fca-low", regime=Regime.UK_FCA_DISP, priority=Priority.LOW),
             case("plain", priority=Priority.HIGH, team="support-en-2"),
             case("fca-investigating", regime=Regime.UK_FCA_DISP, priority=Priority.HIGH,
                  state=CaseState.INVESTIGATING)]
    wanted = QueueFilter(regimes=[Regime.UK_FCA_DISP], priorities=[Priority.HIGH], states=[CaseState.OPENED])

    assert ids(work_queue(cases=cases, queue_filter=wanted, scope=EVERYTHING)) == ["fca"]
    assert ids(work_queue(cases=cases, queue_filter=QueueFilter(teams=["support-en-2"]), scope=EVERYTHING)) == [
        "plain"]


def test_filtering_by_assignee():
    cases = [case("mine", assignee="emp-0042"), case("theirs", assignee="emp-0077")]

    assert ids(work_queue(cases=cases, queue_filter=QueueFilter(assignees=["emp-0077"]), scope=EVERYTHING)) == [
        "theirs"]


def test_the_queue_is_cut_to_what_the_caller_may_see():
    cases = [case("own", team="support-en-1"), case("other-team", team="support-en-2"),
             case("other-department", team="billing-1", department="billing")]
    agent = VisibleScope(teams=frozenset({"support-en-1"}))
    supervisor = VisibleScope(departments=frozenset({"customer_support"}))

    assert ids(work_queue(cases=cases, queue_filter=QueueFilter(), scope=agent)) == ["own"]
    assert sorted(ids(work_queue(cases=cases, queue_filter=QueueFilter(), scope=supervisor))) == ["other-team", "own"]


def test_pages_follow_the_queue_order():
    cases = [case(f"day{n}", due_in_days=n) for n in (5, 1, 4, 2, 3)]

    page = work_queue(cases=cases, queue_filter=QueueFilter(offset=1, limit=2), scope=EVERYTHING)

    assert ids(page) == ["day2", "day3"]


def test_filtering_the_cases_nobody_owns_or_somebody_owns():
    cases = [case("owned", assignee="emp-0042"), case("unowned", due_in_days=1, assignee=None)]

    assert ids(work_queue(cases=cases, queue_filter=QueueFilter(unassigned=True), scope=EVERYTHING)) == ["unowned"]
    assert ids(work_queue(cases=cases, queue_filter=QueueFilter(unassigned=False), scope=EVERYTHING)) == ["owned"]
