"""What resolution's staff API answers, as the desk's tests fake it."""

from datetime import UTC, datetime, timedelta
from typing import Any

CASE_ID = "c-0001"
NOW = datetime.now(UTC)


def line(**overrides: Any) -> dict[str, Any]:
    return {"complaint_id": CASE_ID, "tracking_number": "CMP-AAAA-BBBB-C", "title": "Refund not received",
            "state": "investigating", "priority": "high", "category": "billing", "kind": "complaint",
            "department": "customer_support", "team": "support-en", "assignee": "emp-0001", "regime": "none",
            "tier": 1, "version": 3, "opened_at": (NOW - timedelta(days=2)).isoformat(),
            "next_due_at": (NOW + timedelta(hours=5)).isoformat()} | overrides


def case(**overrides: Any) -> dict[str, Any]:
    return line() | {
        "allowed_actions": ["request_information", "propose_resolution", "resolve", "escalate", "reassign",
                            "correct_assessment",
                            "add_internal_note", "add_public_note", "link_duplicate", "close_duplicate"],
        "acknowledgement": "acknowledged", "state_entered_at": NOW.isoformat(), "personal_data_withheld": False,
        "complaint": {"complaint_id": CASE_ID, "tracking_number": "CMP-AAAA-BBBB-C", "title": "Refund not received",
                      "description": "I returned the parcel on 3 March.", "channel": "web", "language": "en",
                      "jurisdiction": "GB", "received_at": NOW.isoformat(),
                      "customer": {"name": "Jane Doe", "email": "jane@example.org", "vulnerable": True},
                      "about": {"store": "minsk-07"},
                      "attachments": [{"attachment_id": "att-1", "name": "receipt.pdf",
                                       "media_type": "application/pdf", "size_bytes": 1234}]},
        "conversation": [
            {"entry_id": "e1", "complaint_id": CASE_ID, "at": (NOW - timedelta(days=2)).isoformat(),
             "by": "customer", "kind": "customer_message", "public": True, "text": "Where is my money?"},
            {"entry_id": "e2", "complaint_id": CASE_ID, "at": (NOW - timedelta(days=1)).isoformat(),
             "by": "emp-0001", "kind": "internal_note", "public": False, "text": "Checked with the warehouse."}],
        "audit": [{"action": "investigate", "at": (NOW - timedelta(days=1)).isoformat(), "by": "emp-0001",
                   "from_state": "opened", "to_state": "investigating", "reason": "", "version": 2}],
        "deadlines": [
            {"name": "final_response", "clock": "service", "basis": "5 days", "started_at": NOW.isoformat(),
             "due_at": (NOW + timedelta(hours=5)).isoformat()},
            {"name": "final_response", "clock": "regulatory", "basis": "8 weeks", "started_at": NOW.isoformat(),
             "due_at": (NOW - timedelta(hours=3)).isoformat()}],
        "duplicates": [{"complaint_id": "c-0002", "tracking_number": "CMP-DDDD-EEEE-F", "relation": "duplicate_of",
                        "reason": "same order", "similarity": 0.9, "linked_at": NOW.isoformat()}],
        "rules_fired": ["language en → support-en"], "redress_totals": [], "proposals": [],
    } | overrides


def decision() -> dict[str, Any]:
    return {"complaint_id": CASE_ID, "status": "routed", "rules_fired": ["billing words → billing category"],
            "needs_human_check": False, "flags": [], "rules_version": "1", "decided_at": NOW.isoformat()}


def rules() -> dict[str, Any]:
    """Routing's rules in force, as much of them as the desk reads (the departments and teams to choose from)."""
    return {"departments": {"customer_support": "First line", "quality": "Product defects", "legal": "Legal"},
            "teams": [{"id": "support-en", "department": "customer_support", "tier": 1},
                      {"id": "quality-2", "department": "quality", "tier": 2}]}


def problem(status: int, type_: str, detail: str = "", **extra: Any) -> dict[str, Any]:
    return {"type": type_, "title": "Refused", "status": status, "detail": detail} | extra
