"""Finding cases: the work queue, the search (by tracking number, the customer's e-mail or phone, words of the
complaint and its messages, and the queue's filters; nearest deadline first behind a cursor), and the audited
CSV export of a search."""

from collections.abc import Mapping, Sequence

from pydantic import BaseModel

from ..domain.access import CaseScope, Permission, Principal, VisibleScope, decide_access, visible_scope
from ..domain.complaint import ComplaintDetails
from ..domain.erasure import shown_title
from ..domain.errors import AccessDenied
from ..domain.export import MAX_ROWS, ExportRecord, export_row, to_csv
from ..domain.queue import CaseSummary, QueueFilter
from ..domain.search import CaseLine, CaseSearch, SortPosition, encode_cursor
from .core import CaseWork

SEARCH_CANDIDATES = 5000
"""Complaints one search considers by key and word; more, and the caller is asked to narrow it."""


class SearchPage(BaseModel):
    items: list[CaseLine]
    next_cursor: str | None
    truncated: bool
    """More complaints matched the keys and words than one search considers: narrow it."""


class Export(BaseModel):
    csv: str
    rows: int
    truncated: bool


def _lines(summaries: Sequence[CaseSummary], details: Mapping[str, ComplaintDetails]) -> list[CaseLine]:
    return [CaseLine(**dict(s), tracking_number=details[s.complaint_id].tracking_number,
                     title=shown_title(details[s.complaint_id])) if s.complaint_id in details else CaseLine(**dict(s))
            for s in summaries]


async def lines_of(work: CaseWork, summaries: Sequence[CaseSummary]) -> list[CaseLine]:
    """Queue lines with their complaint's tracking number and title."""
    return _lines(summaries, await work.records.details_of([s.complaint_id for s in summaries]))


async def work_queue(work: CaseWork, *, principal: Principal,
                     queue_filter: QueueFilter) -> tuple[list[CaseLine], int]:
    """One page of the cases the filter selects among those the employee may see, and how many it selects."""
    page, total = await work.store.queue(queue_filter=queue_filter.at(work.clock()),
                                         scope=visible_scope(principal=principal))
    return await lines_of(work, page), total


def _roles(principal: Principal) -> str:
    return ", ".join(sorted(principal.roles)) or "no role"


def _search_scope(principal: Principal, search: CaseSearch, permission: Permission) -> VisibleScope:
    scope = visible_scope(principal=principal, permission=permission)
    if search.keys.personal:
        # Looking a customer up by their contact details is seeing personal data: only where that is allowed.
        personal = visible_scope(principal=principal, permission=Permission.VIEW_PERSONAL_DATA)
        if personal.empty:
            raise AccessDenied(f"{_roles(principal)} may not look customers up by their contact details")
        scope = scope.narrowed(personal)
    return scope


async def _candidates(work: CaseWork, search: CaseSearch) -> tuple[set[str] | None, bool]:
    """The complaints the search's keys and words find (None: no key given, any complaint), and whether more
    matched than one search considers."""
    if not search.keys.given:
        return None, False
    found = await work.records.find(keys=search.keys, limit=SEARCH_CANDIDATES)
    return found.complaint_ids, found.truncated


async def _page(work: CaseWork, search: CaseSearch, scope: VisibleScope,
                candidates: set[str] | None) -> list[CaseSummary]:
    if candidates is not None and not candidates:
        return []
    return await work.store.search(search=search, scope=scope, candidates=candidates)


async def search(work: CaseWork, *, principal: Principal, search: CaseSearch) -> SearchPage:
    """One page of the search within what the employee may see."""
    scope = _search_scope(principal, search, Permission.VIEW)
    search = search.model_copy(update={"filter": search.filter.at(work.clock())})
    candidates, truncated = await _candidates(work, search)
    page = await _page(work, search, scope, candidates)
    cursor = encode_cursor(SortPosition.after(page[-1])) if len(page) == search.limit else None
    return SearchPage(items=await lines_of(work, page), next_cursor=cursor, truncated=truncated)


async def export(work: CaseWork, *, principal: Principal, search: CaseSearch) -> Export:
    """Every case the search finds within what the employee may export, as CSV (contact details only in rows whose
    personal data they may see); the export is audited."""
    if visible_scope(principal=principal, permission=Permission.EXPORT).empty:
        raise AccessDenied(f"{_roles(principal)} may not export cases")
    scope = _search_scope(principal, search, Permission.EXPORT)
    search = search.model_copy(update={"filter": search.filter.at(work.clock())})
    candidates, truncated = await _candidates(work, search)
    rows: list[tuple[dict[str, str], bool]] = []  # each row, and whether it carries the customer's details
    search = search.model_copy(update={"limit": 500})
    while True:
        page = await _page(work, search, scope, candidates)
        details = await work.records.details_of([s.complaint_id for s in page])
        for line in _lines(page, details):
            personal = decide_access(principal=principal, permission=Permission.VIEW_PERSONAL_DATA,
                                     case=CaseScope(team=line.team, department=line.department)).allowed
            rows.append((export_row(line, details.get(line.complaint_id), personal=personal),
                         personal and line.complaint_id in details))
        more = len(page) == search.limit
        if not more or len(rows) >= MAX_ROWS:
            break
        search = search.model_copy(update={"after": SortPosition.after(page[-1])})
    truncated = truncated or len(rows) > MAX_ROWS or (more and len(rows) == MAX_ROWS)
    rows = rows[:MAX_ROWS]
    personal_rows = sum(1 for _, personal in rows if personal)
    await work.exports.record(ExportRecord(
        at=work.clock(), by=principal.subject, roles=sorted(principal.roles), filters=_filters_named(search),
        keys_used=[k for k in ("tracking_number", "email", "phone", "words") if getattr(search.keys, k)],
        rows=len(rows), personal_rows=personal_rows, truncated=truncated))
    return Export(csv=to_csv([row for row, _ in rows], personal=personal_rows > 0), rows=len(rows),
                  truncated=truncated)


def _filters_named(search: CaseSearch) -> dict[str, list[str]]:
    chosen = search.filter.model_dump(mode="json", exclude={"offset", "limit"}, exclude_defaults=True)
    return {name: [str(v) for v in (value if isinstance(value, list) else [value])] for name, value in chosen.items()}
