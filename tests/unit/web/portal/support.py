"""What the portal's unit tests share: intake's answers as its documents shape them."""

from typing import Any

import respx
from fastapi.testclient import TestClient

from tests.unit.web.conftest import INTAKE, form

TN = "CMP-7K3Q-9XWA-F"
CODE = "7K3Q-9XWA-F2MB-HT4C"
PROBLEM = {"content-type": "application/problem+json"}


def status_page(**overrides: Any) -> dict[str, Any]:
    page: dict[str, Any] = {
        "tracking_number": TN, "language": "en", "status": "in_progress", "status_text": "We are looking into it",
        "stage": "investigation", "what_happens_next": "We will write to you by the deadline",
        "handled_by": "Customer support", "escalation_requested": False, "reopening_requested": False,
        "merged_into": None, "open_question": None, "open_proposal": None, "plan": [],
        "deadlines": [{"name": "Final response", "due_at": "2099-03-01T12:00:00Z",
                       "basis": "8 weeks from receipt (FCA DISP 1.6)", "clock": "regulatory"}],
        "actions": [{"action": "reply", "label": "Write to us"}, {"action": "withdraw", "label": "Withdraw"},
                    {"action": "ask_escalation", "label": "Ask for escalation"}],
        "timeline": [{"at": "2025-01-02T10:00:00Z", "milestone": "received", "title": "We received your complaint"},
                     {"at": "2025-01-02T10:01:00Z", "milestone": "acknowledged", "title": "We acknowledged it",
                      "text": "Thank you for telling us"}],
        "process": [{"stage": "receipt", "title": "Receipt", "description": "We record it", "state": "done"},
                    {"stage": "investigation", "title": "Investigation", "description": "We look into it",
                     "state": "current"}],
    }
    return page | overrides


def problem(status: int, **members: Any) -> dict[str, Any]:
    return {"type": "/problems/x", "title": "t", "status": status, "detail": "English detail not shown"} | members


def open_complaint(client: TestClient, apis: respx.MockRouter, page: dict[str, Any] | None = None) -> respx.Route:
    """Look the complaint up with its code, so that the browser session keeps it; the status route for more."""
    route = apis.get(f"{INTAKE}/v1/complaints/{TN}").respond(json=page or status_page())
    answer = client.post("/track", data=form(client, tracking_number=TN.lower(), access_code=CODE),
                         follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == f"/track/{TN}"
    return route

