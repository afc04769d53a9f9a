"""The work queue: tabs (my cases, my team, due soon, breached, unassigned) and the search with its filters.

Search terms may be e-mail addresses or phone numbers, so the search is a POST and its next page too (the cursor
travels in the form, never in the URL).
"""

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from ...deps import Deps, Staff
from ...domain.desk_clock import time_left
from ...domain.desk_confirmations import QUEUE_CONFIRMATIONS
from ...domain.desk_labels import CATEGORIES, PRIORITIES, STATES
from ...domain.desk_metrics import ANALYST_ROLES
from ...domain.desk_privacy import PRIVACY_ROLES
from ...domain.desk_queue import PAGE_SIZE, TAB_KEYS, TABS, SearchForm, queue_params
from ...domain.desk_refusals import Refused
from . import apis

router = APIRouter()
Text = Annotated[str, Form(max_length=320)]
NO_PAGES: dict[str, int | None] = {"previous": None, "next": None}
"""A search pages with its cursor instead."""


@router.get("")
async def queue(request: Request, deps: Deps, staff: Staff, tab: Annotated[str, Query(max_length=20)] = "mine",
                offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
                done: Annotated[str, Query(max_length=20)] = "") -> Response:
    tab = tab if tab in TAB_KEYS else "mine"
    try:
        page = await apis.resolution(deps, staff).queue(queue_params(tab, staff, offset=offset))
    except Refused as refused:
        if staff.has_role(*PRIVACY_ROLES):  # works no cases: their desk is the privacy page
            return RedirectResponse("/desk/privacy", status_code=303)
        if staff.has_role(*ANALYST_ROLES):  # reads figures, not cases: their desk is the operations overview
            return RedirectResponse("/desk/operations", status_code=303)
        return _render(request, deps, tab=tab, lines=[], total=None, paging=NO_PAGES, search=SearchForm(),
                       refusal=refused.refusal, status_code=refused.refusal.status)
    items, total = page["items"], page["total"]
    paging = {"previous": max(offset - PAGE_SIZE, 0) if offset > 0 else None,
              "next": offset + PAGE_SIZE if offset + PAGE_SIZE < total else None}
    return _render(request, deps, tab=tab, lines=items, total=total, paging=paging, search=SearchForm(),
                   done=QUEUE_CONFIRMATIONS.get(done))


@router.post("/search")
async def search(request: Request, deps: Deps, staff: Staff, terms: Text = "", state: Text = "", priority: Text = "",
                 category: Text = "", cursor: Annotated[str, Form(max_length=500)] = "") -> Response:
    form = SearchForm(terms=terms, state=state, priority=priority, category=category, cursor=cursor)
    try:
        found = await apis.resolution(deps, staff).search(form.body())
    except Refused as refused:
        return _render(request, deps, tab="search", lines=[], total=None, paging=NO_PAGES, search=form,
                       refusal=refused.refusal, status_code=refused.refusal.status)
    return _render(request, deps, tab="search", lines=found["items"], total=None, paging=NO_PAGES, search=form,
                   next_cursor=found.get("next_cursor"), truncated=found.get("truncated", False))


def _render(request: Request, deps: Deps, *, tab: str, lines: list[dict[str, Any]], total: int | None,
            paging: dict[str, int | None], search: SearchForm, status_code: int = 200, **extra: Any) -> Response:
    now = datetime.now(UTC)
    rows = [line | {"left": time_left(line.get("next_due_at"), now)} for line in lines]
    context = {"tab": tab, "tabs": TABS, "rows": rows, "total": total, "paging": paging, "search": search,
               "states": STATES, "priorities": PRIORITIES, "categories": CATEGORIES, "refusal": None,
               "next_cursor": None, "truncated": False, "done": None} | extra
    return deps.pages.render(request, "desk/home.html", context, status_code=status_code)
