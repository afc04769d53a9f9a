"""Effectiveness: recurrences in the action's scope since implementation against the same time before."""

from datetime import timedelta

import pytest
from complaint_contracts.types import Category
from resolution.domain.case import Acting
from resolution.domain.complaint import details_from
from resolution.domain.corrective import CapaScope, action_raised
from resolution.domain.effectiveness import common_scope, effectiveness, measuring_windows
from resolution.domain.errors import RuleViolation

from tests.unit.resolution.builders import MONDAY_9AM, make_received, open_case_in

DELIVERY = CapaScope(category=Category.DELIVERY)


def action(scope=DELIVERY, implemented_days_ago=None):
    raised = action_raised(action_id="ca-1", complaint_ids=["c-1"], acting=Acting(by="q", at=MONDAY_9AM),
                           root_cause="r", action="a", owner="o", preventive=False, due_at=None, scope=scope)
    if implemented_days_ago is not None:
        raised.implemented_at = MONDAY_9AM - timedelta(days=implemented_days_ago)
    return raised


def test_the_windows_are_the_time_since_implementation_and_as_long_before():
    windows = measuring_windows(action(implemented_days_ago=10), now=MONDAY_9AM)

    assert (windows.before_start, windows.implemented_at, windows.until) == (
        MONDAY_9AM - timedelta(days=20), MONDAY_9AM - timedelta(days=10), MONDAY_9AM)


def test_the_check_says_whether_fewer_complaints_recurred():
    found = action(implemented_days_ago=30)
    windows = measuring_windows(found, now=MONDAY_9AM)

    better = effectiveness(found, windows=windows, before=12, recurrences=3)
    worse = effectiveness(found, windows=windows, before=3, recurrences=3)

    assert (better.fewer, better.before, better.recurrences, better.days_after) == (True, 12, 3, 30.0)
    assert better.summary.startswith("3 complaint(s) in scope in the 30 day(s) since implementation (3.0 per 30 days)")
    assert not worse.fewer and worse.summary.endswith("not fewer")


def test_no_check_before_implementation_or_without_a_scope():
    with pytest.raises(RuleViolation, match="once it is implemented"):
        measuring_windows(action(), now=MONDAY_9AM)
    with pytest.raises(RuleViolation, match="no category or product"):
        measuring_windows(action(scope=CapaScope(), implemented_days_ago=3), now=MONDAY_9AM)


def test_the_common_scope_is_what_every_linked_complaint_shares():
    same = [open_case_in(complaint_id=f"c-same-{n}-000") for n in range(2)]
    details = [details_from(make_received(complaint_id=c.complaint_id)) for c in same]

    assert common_scope(cases=same, details=details) == CapaScope(category=Category.BILLING,
                                                                  product="parcel-delivery")
    mixed = [*same, open_case_in(complaint_id="c-other-0000")]
    mixed[-1].category = Category.DELIVERY
    assert common_scope(cases=mixed, details=[*details, details_from(make_received(product="router"))]) == CapaScope()
