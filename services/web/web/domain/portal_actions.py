"""The status page's forms: what each sends to intake, which field shows which of intake's complaints, and what
the page says once it is done."""

from collections.abc import Mapping, Sequence
from typing import Any

from .portal_filing import UploadedFile
from .portal_problems import N_

FIELDS = {
    "reply": {"text": "reply-text", "attachments": "reply-files", "in_reply_to": "reply-text"},
    "decision": {"reason": "decision-reason", "proposal_id": "decision-reason", "decision": "decision-reason"},
    "feedback": {"satisfaction": "feedback-satisfaction", "comment": "feedback-comment"},
    "withdrawal": {"reason": "withdrawal-reason"},
    "escalation": {"reason": "escalation-reason"},
    "reopening": {"reason": "reopening-reason"},
}
"""Per form: intake's field → the form field's id (every form's fields have ids of their own on the one page)."""
FALLBACK = {"reply": "reply-text", "decision": "decision-reason", "feedback": "feedback-satisfaction",
            "withdrawal": "withdrawal-reason", "escalation": "escalation-reason", "reopening": "reopening-reason"}

DONE = {
    "reply": N_("Thank you. We have received your message."),
    "accepted": N_("Thank you. You have accepted the proposal; we will now carry it out."),
    "rejected": N_("You have rejected the proposal. We will look at your complaint again."),
    "feedback": N_("Thank you for your feedback."),
    "withdrawal": N_("You have withdrawn your complaint."),
    "escalation": N_("You have asked for escalation. A senior colleague will look at your complaint."),
    "reopening": N_("You have asked to reopen your complaint. We will be in touch."),
}
"""What the status page says after each action (`?done=` names it: no personal data in the URL)."""


def action_body(action: str, values: Mapping[str, str], files: Sequence[UploadedFile]) -> dict[str, Any]:
    """The request body of one action from its form's fields (blank ones left out for intake to name)."""
    given = {key: value.strip() for key, value in values.items()}
    if action == "reply":
        body: dict[str, Any] = {"text": given.get("text", "")}
        if given.get("in_reply_to"):
            body["in_reply_to"] = given["in_reply_to"]
        if files:
            body["attachments"] = [f.as_json() for f in files]
        return body
    if action == "decision":
        body = {"proposal_id": given.get("proposal_id", ""), "decision": given.get("decision", "")}
        return body | ({"reason": given["reason"]} if given.get("reason") else {})
    if action == "feedback":
        body = {"satisfaction": int(given["satisfaction"])} if given.get("satisfaction", "").isdigit() else {}
        return body | ({"comment": given["comment"]} if given.get("comment") else {})
    if action in ("escalation", "reopening"):
        return {"reason": given.get("reason", "")}
    return {"reason": given["reason"]} if given.get("reason") else {}


def done_key(action: str, values: Mapping[str, str]) -> str:
    """Which of `DONE` to say after the action."""
    return values.get("decision", "accepted") if action == "decision" else action
