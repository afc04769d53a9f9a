"""The search as a MongoDB query: the filter within the scope, the complaints the keys found, and after the cursor."""

from datetime import timedelta

from resolution.adapters.case_queries import after_query, filter_query, search_query
from resolution.domain.access import VisibleScope
from resolution.domain.queue import NO_DEADLINE, QueueFilter
from resolution.domain.search import SortPosition

from tests.unit.resolution.builders import MONDAY_9AM

TEAM = VisibleScope(teams=frozenset({"support-en-1"}))


def test_the_filter_names_each_criterion_and_the_scope():
    query = filter_query(QueueFilter(categories=["delivery"], breached=True,
                                     due_before=MONDAY_9AM + timedelta(hours=4)), TEAM)

    assert query == {"category": {"$in": ["delivery"]}, "breached": True,
                     "queue_due_at": {"$lte": MONDAY_9AM + timedelta(hours=4), "$lt": NO_DEADLINE},
                     "$or": [{"team": {"$in": ["support-en-1"]}}, {"department": {"$in": []}}]}
    assert filter_query(QueueFilter(breached=False), VisibleScope(everything=True)) == {"breached": {"$ne": True}}


def test_unowned_cases_are_those_whose_owner_is_null_and_the_filter_keeps_a_list_of_owners():
    everything = VisibleScope(everything=True)

    assert filter_query(QueueFilter(unassigned=True), everything) == {"assignee": {"$eq": None}}
    assert filter_query(QueueFilter(unassigned=False, assignees=["emp-1"]), everything) == {
        "assignee": {"$in": ["emp-1"], "$ne": None}}


def test_a_page_after_a_position_is_strictly_after_it_in_the_queue_order():
    position = SortPosition(due=MONDAY_9AM, rank=1, opened=MONDAY_9AM, complaint_id="c-1")

    query = search_query(QueueFilter(unassigned=True), VisibleScope(everything=True), after=position)

    assert query == {"$and": [{"assignee": {"$eq": None}}, after_query(position)]}
    assert search_query(QueueFilter(), VisibleScope(everything=True), after=None) == {}
    assert after_query(position)["$or"][-1] == {"queue_due_at": MONDAY_9AM, "priority_rank": 1,
                                                 "opened_at": MONDAY_9AM, "_id": {"$gt": "c-1"}}
