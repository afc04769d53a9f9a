"""The case lifecycle as data: states, actions and which action may move a case from which state."""

from enum import StrEnum
from typing import NamedTuple


class CaseState(StrEnum):
    OPENED = "opened"
    INVESTIGATING = "investigating"
    AWAITING_CUSTOMER = "awaiting_customer"
    RESOLUTION_PROPOSED = "resolution_proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    IMPLEMENTING = "implementing"
    RESOLVED = "resolved"
    CLOSED = "closed"


class CaseAction(StrEnum):
    OPEN = "open"
    INVESTIGATE = "investigate"
    REQUEST_INFORMATION = "request_information"
    RESUME_INVESTIGATION = "resume_investigation"
    PROPOSE_RESOLUTION = "propose_resolution"
    ACCEPT_RESOLUTION = "accept_resolution"
    REJECT_RESOLUTION = "reject_resolution"
    RECORD_IMPLEMENTATION = "record_implementation"
    RESOLVE = "resolve"
    CLOSE = "close"
    CLOSE_NO_RESPONSE = "close_no_response"
    CLOSE_DUPLICATE = "close_duplicate"
    WITHDRAW = "withdraw"
    REOPEN = "reopen"
    ESCALATE = "escalate"
    REASSIGN = "reassign"
    ADD_INTERNAL_NOTE = "add_internal_note"
    ADD_PUBLIC_NOTE = "add_public_note"
    PAY_REDRESS = "pay_redress"
    RECORD_DEADLINE_ALERT = "record_deadline_alert"
    ATTACH_CORRECTIVE_ACTION = "attach_corrective_action"
    LINK_DUPLICATE = "link_duplicate"
    TAKE_MERGED = "take_merged"
    """The case carries on for a duplicate merged into it."""
    CORRECT_ASSESSMENT = "correct_assessment"
    COMPLETE_PLAN_STEP = "complete_plan_step"
    RECORD_PLAN_STEP_OVERDUE = "record_plan_step_overdue"
    RECORD_CONTACT = "record_contact"
    """What notification reported: the customer acknowledged, or a message no channel carried."""
    ADD_TASK = "add_task"
    COMPLETE_TASK = "complete_task"
    FILE_REGULATORY_REPORT = "file_regulatory_report"
    """Record a report filed with a regulator (it meets the reporting deadlines, not the final response)."""
    REVISE_DEADLINES = "revise_deadlines"
    """Routing counted the deadlines again (staff corrected the priority)."""
    ERASE_PERSONAL_DATA = "erase_personal_data"
    """The customer's personal data was erased (intake destroyed their keys): the case keeps its record."""


S = CaseState
FINISHED_STATES = frozenset({S.RESOLVED, S.CLOSED})
OPEN_STATES = frozenset(S) - FINISHED_STATES
PLAN_STATES = frozenset({S.ACCEPTED, S.IMPLEMENTING, S.RESOLVED})
"""States in which an agreed plan is carried out (its steps may outlast the final response)."""
"""States in which work is still owed to the customer (they count toward a team's workload)."""


class Transition(NamedTuple):
    sources: frozenset[CaseState]
    target: CaseState | None
    """None: the action keeps the case in the state it is in."""


TRANSITIONS: dict[CaseAction, Transition] = {
    # A case is opened once, from the routing decision; it is never an action on an existing case.
    CaseAction.OPEN: Transition(frozenset(), S.OPENED),
    CaseAction.INVESTIGATE: Transition(frozenset({S.OPENED, S.REJECTED}), S.INVESTIGATING),
    CaseAction.REQUEST_INFORMATION: Transition(
        frozenset({S.OPENED, S.INVESTIGATING, S.AWAITING_CUSTOMER}), S.AWAITING_CUSTOMER),
    CaseAction.RESUME_INVESTIGATION: Transition(frozenset({S.AWAITING_CUSTOMER}), S.INVESTIGATING),
    CaseAction.PROPOSE_RESOLUTION: Transition(
        frozenset({S.INVESTIGATING, S.RESOLUTION_PROPOSED, S.REJECTED}), S.RESOLUTION_PROPOSED),
    CaseAction.ACCEPT_RESOLUTION: Transition(frozenset({S.RESOLUTION_PROPOSED}), S.ACCEPTED),
    CaseAction.REJECT_RESOLUTION: Transition(frozenset({S.RESOLUTION_PROPOSED}), S.REJECTED),
    CaseAction.RECORD_IMPLEMENTATION: Transition(frozenset({S.ACCEPTED, S.IMPLEMENTING}), S.IMPLEMENTING),
    CaseAction.RESOLVE: Transition(frozenset({S.INVESTIGATING, S.REJECTED, S.IMPLEMENTING}), S.RESOLVED),
    CaseAction.CLOSE: Transition(frozenset({S.RESOLVED}), S.CLOSED),
    CaseAction.CLOSE_NO_RESPONSE: Transition(frozenset({S.AWAITING_CUSTOMER, S.RESOLUTION_PROPOSED}), S.CLOSED),
    CaseAction.CLOSE_DUPLICATE: Transition(frozenset({S.OPENED, S.INVESTIGATING, S.AWAITING_CUSTOMER}), S.CLOSED),
    CaseAction.WITHDRAW: Transition(OPEN_STATES, S.CLOSED),
    CaseAction.REOPEN: Transition(FINISHED_STATES, S.INVESTIGATING),
    CaseAction.ESCALATE: Transition(OPEN_STATES, None),
    CaseAction.REASSIGN: Transition(OPEN_STATES, None),
    CaseAction.ADD_INTERNAL_NOTE: Transition(frozenset(S), None),
    CaseAction.ADD_PUBLIC_NOTE: Transition(frozenset(S), None),
    CaseAction.PAY_REDRESS: Transition(frozenset({S.ACCEPTED, S.IMPLEMENTING, S.RESOLVED, S.CLOSED}), None),
    # A finished case still owes its reports to a regulator: their deadlines are watched until met.
    CaseAction.RECORD_DEADLINE_ALERT: Transition(frozenset(S), None),
    CaseAction.ATTACH_CORRECTIVE_ACTION: Transition(frozenset(S), None),
    CaseAction.LINK_DUPLICATE: Transition(frozenset(S), None),
    CaseAction.TAKE_MERGED: Transition(OPEN_STATES, None),
    CaseAction.CORRECT_ASSESSMENT: Transition(OPEN_STATES, None),
    CaseAction.COMPLETE_PLAN_STEP: Transition(PLAN_STATES, None),
    CaseAction.RECORD_PLAN_STEP_OVERDUE: Transition(PLAN_STATES, None),
    CaseAction.RECORD_CONTACT: Transition(frozenset(S), None),
    CaseAction.ADD_TASK: Transition(frozenset(S), None),
    CaseAction.COMPLETE_TASK: Transition(frozenset(S), None),
    # The duty to report runs from awareness of the event, whatever the customer's case has come to.
    CaseAction.FILE_REGULATORY_REPORT: Transition(frozenset(S), None),
    # A finished case may still owe a regulator a report whose deadline the corrected priority sets.
    CaseAction.REVISE_DEADLINES: Transition(frozenset(S), None),
    # Erasure (on request or at the end of retention) may come whatever the case has come to.
    CaseAction.ERASE_PERSONAL_DATA: Transition(frozenset(S), None),
}


def allowed_actions(state: CaseState) -> list[CaseAction]:
    """List the actions the lifecycle allows in a state, in declaration order."""
    return [action for action, transition in TRANSITIONS.items() if state in transition.sources]


def next_state(*, state: CaseState, action: CaseAction) -> CaseState | None:
    """Return the state an action leads to, or None when the action is not allowed in this state."""
    transition = TRANSITIONS[action]
    if state not in transition.sources:
        return None
    return transition.target or state
