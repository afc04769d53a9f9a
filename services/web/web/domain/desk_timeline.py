"""The case's audit trail in words: what happened, who did it, the state it moved from and to, and why.

Messages are marked for translation and translated by the page; a code nobody has put into words yet is shown
readable (see `desk_labels.label`), and a reason someone typed is shown as typed.
"""

from dataclasses import dataclass, field
from typing import Any

from .desk_labels import CATEGORIES, KINDS, N_, PRIORITIES, REPORT_TYPES, STATES, label

WHAT = {
    "open": N_("Case opened"), "investigate": N_("Investigation started"),
    "request_information": N_("Information requested from the customer"),
    "resume_investigation": N_("Investigation resumed"), "propose_resolution": N_("Resolution proposed"),
    "accept_resolution": N_("The customer accepted the proposal"),
    "reject_resolution": N_("The customer rejected the proposal"),
    "record_implementation": N_("Implementation recorded"), "resolve": N_("Resolved with a final response"),
    "close": N_("Case closed"), "close_no_response": N_("Closed: the customer never answered"),
    "close_duplicate": N_("Closed as a duplicate and merged"), "withdraw": N_("Withdrawn by the customer"),
    "reopen": N_("Case reopened"), "escalate": N_("Escalated"), "reassign": N_("Reassigned"),
    "add_internal_note": N_("Internal note added"), "add_public_note": N_("Note to the customer added"),
    "pay_redress": N_("Payment recorded"), "record_deadline_alert": N_("Deadline alert"),
    "attach_corrective_action": N_("Corrective action attached"), "link_duplicate": N_("Duplicate linked"),
    "take_merged": N_("A duplicate was merged into this case"), "correct_assessment": N_("Assessment corrected"),
    "revise_deadlines": N_("Deadlines revised"),
    "complete_plan_step": N_("Plan step done"), "record_plan_step_overdue": N_("Plan step overdue"),
    "record_contact": N_("Contact with the customer recorded"), "add_task": N_("Task added"),
    "complete_task": N_("Task done"), "file_regulatory_report": N_("Report to the regulator recorded"),
    "erase_personal_data": N_("Personal data erased"),
}
"""Resolution's case actions, as what happened."""
WHO = {"system": N_("the system"), "customer": N_("the customer"), "analytics": N_("analytics")}
"""Actors that are not members of staff (those are shown by their employee id)."""
REASONS = {
    "routed": N_("routed by the rules"), "deadline scan": N_("found by the deadline check"),
    "plan step overdue": N_("a plan step is overdue"), "duplicate": N_("a duplicate"),
    "withdrawn": N_("withdrawn"), "the customer withdrew the complaint": N_("the customer withdrew the complaint"),
    "the customer asked for escalation": N_("the customer asked for escalation"),
    "the customer asked to reopen the complaint": N_("the customer asked to reopen the complaint"),
    "the customer asked to reopen after the window": N_("the customer asked to reopen after the window"),
    "notification sent the acknowledgement": N_("the acknowledgement was sent"),
    "a message did not reach the customer": N_("a message did not reach the customer"),
    "the customer answered the information request": N_("the customer answered the information request"),
    "the customer accepted the proposal": N_("the customer accepted the proposal"),
    "the customer rejected the proposal": N_("the customer rejected the proposal"),
    "personal data erased at the customer's request": N_("at the customer's request"),
    "personal data erased at the end of its retention period": N_("at the end of its retention period"),
}
"""Reasons the services write themselves; anything else was typed by a person and is shown as it is."""
NAMING = {"department corrected to ": (N_("the department was corrected to %(name)s"), "name")}
"""Reasons the services write with a name at the end (the name stays as written)."""


def reason_words(reason: str) -> tuple[str, dict[str, str]]:
    """The reason as a message to translate with its parameters, or as typed with none (`reason_is_word` says)."""
    for start, (message, parameter) in NAMING.items():
        if reason.startswith(start) and len(reason) > len(start):
            return message, {parameter: reason[len(start):]}
    return REASONS.get(reason, reason), {}


ASSESSED = {"kind": (N_("Kind"), KINDS), "category": (N_("Category"), CATEGORIES),
            "priority": (N_("Priority"), PRIORITIES), "department": (N_("Department"), {})}
"""Fields a correction of the assessment (and the deadlines it revised) record as `old -> new` in the detail."""
CHANGING = frozenset({"correct_assessment", "revise_deadlines"})


def _changes(detail: dict[str, Any]) -> tuple[tuple[str, str, str], ...]:
    changes = []
    for name, (heading, words) in ASSESSED.items():
        old, arrow, new = str(detail.get(name, "")).partition(" -> ")
        if arrow:
            changes.append((heading, label(words, old) if words else old, label(words, new) if words else new))
    return tuple(changes)


@dataclass(frozen=True)
class Happening:
    """One audit entry as the timeline shows it (messages still to be translated, except `typed_reason`)."""

    at: str
    what: str
    by: str
    by_you: bool
    by_word: bool
    """`by` is a message to translate (an actor that is not a member of staff)."""
    moved: tuple[str, str] | None
    """The states it moved from and to; None when the state stayed."""
    reason: str
    reason_is_word: bool
    reason_parameters: dict[str, str] = field(default_factory=dict)
    """Values for the reason's placeholders (a name the service wrote, shown as written)."""
    about: str = ""
    """What the entry concerns, as a message to translate (e.g. the type of a report to the regulator)."""
    about_typed: str = ""
    """What the entry concerns as someone typed it (e.g. the report's reference)."""
    changes: tuple[tuple[str, str, str], ...] = ()
    """Fields the entry changed: (field, old, new), messages to translate (a department stays as named)."""


def happening(entry: dict[str, Any], *, reader: str) -> Happening:
    by = str(entry.get("by", ""))
    reason = str(entry.get("reason") or "")
    from_state, to_state = entry.get("from_state"), entry.get("to_state")
    moved = (label(STATES, from_state), label(STATES, to_state)) if from_state != to_state else None
    detail = entry.get("detail") or {}
    report = entry.get("action") == "file_regulatory_report"
    changing = entry.get("action") in CHANGING
    if entry.get("action") == "revise_deadlines":
        reason = ""  # routing's English words; the change of priority is said below
    words, parameters = reason_words(reason)
    return Happening(at=str(entry.get("at", "")), what=label(WHAT, entry.get("action")), by=WHO.get(by, by),
                     by_you=by == reader, by_word=by in WHO, moved=moved, reason=words,
                     reason_is_word=reason in REASONS or bool(parameters), reason_parameters=parameters,
                     about=label(REPORT_TYPES, detail.get("report_type")) if report else "",
                     about_typed=str(detail.get("reference") or "") if report else "",
                     changes=_changes(detail) if changing else ())


def timeline(audit: list[dict[str, Any]], *, reader: str) -> list[Happening]:
    """The audit entries in words, oldest first like the conversation."""
    return [happening(entry, reader=reader) for entry in audit]
