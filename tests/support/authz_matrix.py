"""The authorization matrix as data, read from the table in docs/security.md ("HTTP: who may call what"): one row
per route, one cell per kind of caller. The table is the only copy; the matrix test checks the services against it.

Also here: the routes an app serves, what to send each route so that its access rule, not the shape of the request,
decides the answer (a body FastAPI rejects would answer 422 before a case's team is ever looked at), and the call as
each kind of caller.
"""

import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts

from tests.support.staff import bearer, staff_token

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"
SECTION = "## HTTP: who may call what"
SERVICES = ("intake", "routing", "resolution", "notification", "analytics")
"""What `every` in the service column stands for."""
ROLES = ("agent", "supervisor", "quality", "legal", "admin", "analyst", "compliance", "privacy")
CALLERS = ("no token", "customer", *ROLES, "no role")
RULES = frozenset({"open", "yes", "team", "dept", "code", "401", "403"})
ALLOWED = frozenset({"open", "yes", "team", "dept"})
OPEN_DOOR = "!"


@dataclass(frozen=True)
class Cell:
    rule: str
    """One of RULES: what the caller should get."""
    open_door: bool = False
    """The rule is the one intended, not enforced yet."""


@dataclass(frozen=True)
class Row:
    service: str
    method: str
    path: str
    cells: dict[str, Cell]

    @property
    def customer_route(self) -> bool:
        """Opened by the tracking number and access code: refused with 404 (saying nothing) rather than 401/403."""
        return any(cell.rule == "code" for cell in self.cells.values())


def _cell(text: str) -> Cell:
    rule = text.removesuffix(OPEN_DOOR)
    if rule not in RULES:
        raise ValueError(f"unknown cell {text!r} in the authorization matrix")
    return Cell(rule, open_door=text.endswith(OPEN_DOOR))


def _table(lines: list[str]) -> list[list[str]]:
    """The rows of the first table whose header starts with `| service |`, split into stripped cells."""
    start = next(i for i, line in enumerate(lines) if line.startswith("| service |"))
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip().strip("`") for cell in line.strip().strip("|").split("|")])
    return rows


def read_matrix(doc: Path = DOC) -> list[Row]:
    """Every row of the matrix, `every` spelt out as one row per service."""
    text = doc.read_text(encoding="utf-8")
    header, _, *body = _table(text[text.index(SECTION):].splitlines())
    if tuple(header) != ("service", "method", "path", *CALLERS):
        raise ValueError(f"the matrix's columns are {header}, expected service, method, path, {', '.join(CALLERS)}")
    rows = []
    for service, method, path, *cells in body:
        parsed = dict(zip(CALLERS, (_cell(c) for c in cells), strict=True))
        rows += [Row(s, method, path, parsed) for s in (SERVICES if service == "every" else (service,))]
    return rows


@dataclass(frozen=True)
class Sample:
    """A request a route accepts; `{name}` in strings is filled in with the ids the test set up."""

    json: dict[str, Any] | None = None
    form: dict[str, str] | None = None
    params: dict[str, str] = field(default_factory=dict)
    under: str = ""
    """Below a mounted app, the path of something it serves."""


STALE = 999_999
"""A version no case has: a staff action that is allowed answers 409 and changes nothing."""
PERIOD = {"period_start": "2026-03-01T00:00:00Z", "period_end": "2026-04-01T00:00:00Z"}
ACTION = {"version": STALE, "reason": "matrix"}
CASE = "/cases/{complaint_id}"
CAPA = "/corrective-actions/{action_id}"
AT = "2026-03-10T12:00:00Z"

SAMPLES: dict[tuple[str, str], Sample] = {
    ("GET", "/metrics"): Sample(under="/"),
    ("GET", "/docs-assets"): Sample(under="/swagger-ui.css"),
    ("POST", "/v1/complaints"): Sample(json={}),
    ("POST", "/v1/complaints/{tracking_number}/lookup"): Sample(form={"access_code": "{access_code}"}),
    ("POST", "/v1/complaints/{tracking_number}/messages"): Sample(json={"text": "Any news?"}),
    ("POST", "/v1/complaints/{tracking_number}/decision"): Sample(json={"proposal_id": "p-0", "decision": "accepted"}),
    ("POST", "/v1/complaints/{tracking_number}/feedback"): Sample(json={"satisfaction": 4}),
    ("POST", "/v1/complaints/{tracking_number}/withdrawal"): Sample(json={}),
    ("POST", "/v1/complaints/{tracking_number}/escalation"): Sample(json={"reason": "No answer"}),
    ("POST", "/v1/complaints/{tracking_number}/reopening"): Sample(json={"reason": "Still broken"}),
    ("POST", "/v1/access-code-requests"): Sample(json={"tracking_number": "{tracking_number}",
                                                       "email": "nobody@example.org"}),
    ("POST", "/v1/staff/complaints"): Sample(json={}),
    ("POST", "/v1/data-keys/lookups"): Sample(json={"key_ids": []}),
    ("POST", "/v1/data-keys/sealing-keys"): Sample(json={"source_system": "crm", "external_reference": "CRM-1",
                                                         "email": "nobody@example.org"}),
    ("POST", "/v1/erasure-requests"): Sample(json={"email": "nobody@example.org"}),
    ("POST", "/v1/data-subject-exports/lookups"): Sample(json={"email": "nobody@example.org"}),
    ("GET", "/v1/data-subjects/export"): Sample(params={"email": "nobody@example.org"}),
    ("POST", "/v1/data-subject-exports"): Sample(json={"complaint_ids": ["c-matrix-nobody-1"]}),
    ("POST", "/cases/search"): Sample(json={"text": "parcel"}),
    ("POST", "/cases/export"): Sample(json={}),
    ("POST", f"{CASE}/final-response/check"): Sample(json={"outcome": "upheld", "final_response": "Refunded."}),
    ("POST", f"{CASE}/notes"): Sample(json={**ACTION, "text": "Called the courier"}),
    ("POST", f"{CASE}/investigation"): Sample(json=ACTION),
    ("POST", f"{CASE}/information-requests"): Sample(json={**ACTION, "question": "Which order?"}),
    ("POST", f"{CASE}/investigation/resumption"): Sample(json=ACTION),
    ("POST", f"{CASE}/proposals"): Sample(json={**ACTION, "summary": "A refund", "remedies": [{"kind": "apology"}]}),
    ("POST", f"{CASE}/implementation"): Sample(json=ACTION),
    ("POST", f"{CASE}/plan-steps/{{step_id}}/completion"): Sample(json=ACTION),
    ("POST", f"{CASE}/resolution"): Sample(json={**ACTION, "outcome": "upheld", "final_response": "Refunded."}),
    ("POST", f"{CASE}/closure"): Sample(json=ACTION),
    ("POST", f"{CASE}/reopening"): Sample(json=ACTION),
    ("POST", f"{CASE}/escalation"): Sample(json=ACTION),
    ("POST", f"{CASE}/assignment"): Sample(json={**ACTION, "team": "{team}"}),
    ("POST", f"{CASE}/redress-payments"): Sample(json={
        **ACTION, "proposal_id": "p-0", "kind": "refund", "amount": {"amount": "1.00", "currency": "GBP"},
        "payment_reference": "pay-1"}),
    ("POST", f"{CASE}/assessment"): Sample(json={**ACTION, "reason": "Misread", "priority": "high"}),
    ("POST", f"{CASE}/regulatory-reports"): Sample(json={
        **ACTION, "report_type": "mdr_30_day", "reference": "MDR-1", "filed_at": AT}),
    ("POST", f"{CASE}/tasks/{{task_id}}/completion"): Sample(json={**ACTION, "outcome": "Called back"}),
    ("POST", f"{CASE}/duplicates"): Sample(json={**ACTION, "duplicate_of": "{other_complaint_id}"}),
    ("POST", f"{CASE}/merge"): Sample(json={**ACTION, "into": "{other_complaint_id}"}),
    ("POST", "/corrective-actions"): Sample(json={
        "complaint_ids": ["{complaint_id}"], "root_cause": "courier", "action": "Retrain", "owner": "emp-capa"}),
    ("POST", f"{CAPA}/assignment"): Sample(json={"version": STALE, "owner": "emp-capa"}),
    ("POST", f"{CAPA}/status"): Sample(json={"version": STALE, "status": "in_progress"}),
    ("POST", "/admin/clock"): Sample(json={"seconds": 0}),
    ("GET", "/v1/returns/{regime}"): Sample(params=PERIOD),
    ("GET", "/v1/transparency"): Sample(params=PERIOD),
}


def filled(value: Any, ids: dict[str, str]) -> Any:
    """The sample with the test's ids put in for `{name}`."""
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, dict):
        return {k: filled(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [filled(v, ids) for v in value]
    return value


@dataclass
class Stand:
    """A service's app as deployed, with the ids of what the test put in its stores."""

    app: FastAPI
    ids: dict[str, str]


_clients = itertools.count(1)


def routes_of(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path) of every route the app serves; a mounted app is one GET route, HEAD goes with GET."""
    return {(method, route.path) for route in iter_route_contexts(app.routes)
            for method in (route.methods or {"GET"}) - {"HEAD"}}


async def call(stand: Stand, row: Row, caller: str, *, team: str, department: str) -> httpx.Response:
    """The route called as the caller: a staff token of the role with these claims, the complaint's access code
    (customer), or neither."""
    ids = {**stand.ids, "access_code": stand.ids.get("access_code", "") if caller == "customer" else "NOT-THE-CODE"}
    sample = SAMPLES.get((row.method, row.path), Sample())
    headers = {"X-Access-Code": ids["access_code"]} if row.customer_route else {}
    if caller not in ("no token", "customer"):
        headers |= bearer(staff_token(sub="emp-matrix", role=[] if caller == "no role" else caller, team=team,
                                      department=department))
    # Each call from its own address: a client's failed look-ups and request budget must not decide another cell.
    n = next(_clients)
    transport = httpx.ASGITransport(app=stand.app, client=(f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://matrix") as client:
        return await client.request(row.method, filled(row.path, ids) + sample.under, headers=headers,
                                    params=sample.params, json=filled(sample.json, ids),
                                    data=filled(sample.form, ids))
