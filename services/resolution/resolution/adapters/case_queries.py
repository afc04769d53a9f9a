"""The work queue's and the search's selections as MongoDB queries over the case documents (the in-memory twin is
domain/queue.py and domain/search.py)."""

from typing import Any

from pymongo import ASCENDING

from ..domain.access import VisibleScope
from ..domain.queue import NO_DEADLINE, QueueFilter
from ..domain.search import SortPosition

QUEUE_ORDER = [("queue_due_at", ASCENDING), ("priority_rank", ASCENDING), ("opened_at", ASCENDING)]
SEARCH_ORDER = [*QUEUE_ORDER, ("_id", ASCENDING)]
"""The queue's order with the id last: one place per case, so a page cursor is exact."""


def filter_query(queue_filter: QueueFilter, scope: VisibleScope) -> dict[str, Any]:
    """The filter's criteria within what the caller may see."""
    query: dict[str, Any] = {}
    for name, values in (("team", queue_filter.teams), ("department", queue_filter.departments),
                         ("assignee", queue_filter.assignees), ("state", queue_filter.states),
                         ("priority", queue_filter.priorities), ("regime", queue_filter.regimes),
                         ("category", queue_filter.categories)):
        if values:
            query[name] = {"$in": [str(v) for v in values]}
    if queue_filter.due_before is not None:
        # On the queue's own first key (a case without a deadline sorts at NO_DEADLINE): `queue_all` serves it.
        query["queue_due_at"] = {"$lte": queue_filter.due_before, "$lt": NO_DEADLINE}
    if queue_filter.breached is not None:
        query["breached"] = True if queue_filter.breached else {"$ne": True}
    if queue_filter.unassigned is not None:
        # Beside any list of assignees (`$in`): an owner equal to null also matches a document without the field.
        owner = query.get("assignee", {})
        query["assignee"] = owner | ({"$eq": None} if queue_filter.unassigned else {"$ne": None})
    if not scope.everything:
        query["$or"] = [{"team": {"$in": sorted(scope.teams)}}, {"department": {"$in": sorted(scope.departments)}}]
    return query


def after_query(position: SortPosition) -> dict[str, Any]:
    """Cases that come after the position in SEARCH_ORDER."""
    due, rank, opened, cid = position.due, position.rank, position.opened, position.complaint_id
    return {"$or": [{"queue_due_at": {"$gt": due}},
                    {"queue_due_at": due, "priority_rank": {"$gt": rank}},
                    {"queue_due_at": due, "priority_rank": rank, "opened_at": {"$gt": opened}},
                    {"queue_due_at": due, "priority_rank": rank, "opened_at": opened, "_id": {"$gt": cid}}]}


def search_query(queue_filter: QueueFilter, scope: VisibleScope, *, after: SortPosition | None) -> dict[str, Any]:
    """The whole selection of a search page with no words or keys (a search among candidates reads them by id)."""
    selection = filter_query(queue_filter, scope)
    return selection if after is None else {"$and": [selection, after_query(after)]}
