"""The case page: the complaint and customer, the conversation, the timeline, deadlines, routing's explanation,
duplicates, and a form for each action resolution allows now."""

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ...deps import Deps, Staff, WebDeps
from ...domain import desk_labels as labels
from ...domain.desk_actions import PLAN_ROWS, REMEDY_ROWS, available
from ...domain.desk_clock import time_left
from ...domain.desk_confirmations import CONFIRMATIONS
from ...domain.desk_refusals import Refusal, Refused
from ...domain.desk_regulatory import has_reporting_duty, report_types
from ...domain.desk_timeline import REASONS, timeline
from ...domain.staff import SignedInStaff
from . import apis

router = APIRouter()


@router.get("/cases/{complaint_id}")
async def case_page(request: Request, deps: Deps, staff: Staff, complaint_id: str,
                    done: Annotated[str, Query(max_length=40)] = "",
                    template: Annotated[str, Query(max_length=100)] = "") -> Response:
    return await render_case(request, deps, staff, complaint_id, done=done, template_id=template)


async def render_case(request: Request, deps: WebDeps, staff: SignedInStaff, complaint_id: str, *,
                      done: str = "", template_id: str = "", refusal: Refusal | None = None, action: str = "",
                      values: Mapping[str, str] | None = None, check: dict[str, Any] | None = None,
                      status_code: int = 200) -> Response:
    """The page; after a refused action, with the refusal next to that action's form and what was typed kept."""
    resolution = apis.resolution(deps, staff)
    try:
        case = await resolution.case(complaint_id)
    except Refused as refused:
        return deps.pages.render(request, "error.html", {"status": refused.refusal.status},
                                 status_code=refused.refusal.status)
    forms = available(case.get("allowed_actions", []))
    reporting_duty = has_reporting_duty(case.get("deadlines", []))
    if not reporting_duty:
        forms.discard("regulatory-report")  # resolution refuses a report that meets no deadline
    templates = await resolution.response_templates(complaint_id) if "resolve" in forms else []
    routing = apis.routing(deps, staff)
    departments, teams = await routing.organisation() if forms & {"assessment", "reassign"} else ([], [])
    values = dict(values or {})
    chosen = next((t for t in templates if t["template_id"] == template_id), None)
    if chosen and "final_response" not in values:
        values |= {"final_response": chosen["text"], "outcome": chosen["outcome"]}
    now = datetime.now(UTC)
    zone = ZoneInfo(deps.settings.time_zone)
    deadlines = [d | {"left": time_left(d["due_at"], now, met_at=d.get("met_at"))} for d in case.get("deadlines", [])]
    context = {
        "case": case, "complaint": case.get("complaint"), "forms": forms, "templates": templates,
        "decision": await routing.decision(complaint_id),
        "departments": _choices(departments, case.get("department")), "teams": _choices(teams, case.get("team")),
        "deadlines": sorted(deadlines, key=lambda d: (d["name"], d["clock"])),
        "next_left": time_left(case.get("next_due_at"), now),
        "done": CONFIRMATIONS.get(done), "refusal": refusal, "action": action, "values": values, "check": check,
        "labels": labels, "remedy_rows": range(1, REMEDY_ROWS + 1), "plan_rows": range(1, PLAN_ROWS + 1),
        "open_steps": {s["step_id"]: s["description"] for p in case.get("proposals", [])
                       if p.get("decision") == "accepted" for s in p.get("plan", []) if not s.get("completed_at")},
        "errors": lambda key, name: refusal.about(name) if refusal and action == key else [],
        "value": lambda key, name, default="": values.get(name, default) if action == key else default,
        "accepted_proposals": [p for p in case.get("proposals", []) if p.get("decision") == "accepted"],
        "timeline": timeline(case.get("audit", []), reader=staff.sub), "timeline_reasons": REASONS,
        "tracking_numbers": {d["complaint_id"]: d["tracking_number"] for d in case.get("duplicates", [])
                             if d.get("tracking_number")},
        "original": next((d for d in case.get("duplicates", []) if d.get("relation") == "duplicate_of"), None),
        "reporting_duty": reporting_duty, "report_types": report_types(case.get("regulatory_reports", [])),
        "time_zone": deps.settings.time_zone, "latest_filing": now.astimezone(zone).strftime("%Y-%m-%dT%H:%M"),
    }
    return deps.pages.render(request, "desk/case.html", context, status_code=status_code)


def _choices(names: list[str], current: str | None) -> dict[str, str]:
    """Names to choose from, the case's own among them even when the rules in force no longer name it; none when
    routing named none (the form then asks for the name as text)."""
    if not names:
        return {}
    return {name: name for name in sorted({*names, *([current] if current else [])})}
