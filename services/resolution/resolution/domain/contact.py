"""Whether the customer was reached: the acknowledgement notification sent (or could not send), and the tasks that
put a person on it when no channel reaches them (a phone-only customer has no channel notification can use)."""

from complaint_contracts.base import Event

from .case import Acting, Case, check_action, record
from .case_parts import Task, TaskKind, Unreached
from .errors import RuleViolation
from .policy import DEFAULT_POLICY, CasePolicy
from .states import CaseAction

ACKNOWLEDGEMENT = "acknowledgement"
"""Notification's template for the acknowledgement of receipt."""
NO_CHANNEL = "none"
"""The channel notification names when no channel carried a message."""


def record_acknowledged(*, case: Case, acting: Acting, channel: str,
                        policy: CasePolicy = DEFAULT_POLICY) -> list[Event]:
    """Note that the customer was sent the acknowledgement; it meets the acknowledgement deadlines (which another
    service keeps). A finished case, or one acknowledged already, is left alone."""
    if case.contact.acknowledged_at is not None or not case.is_open:
        return []
    check_action(case, action=CaseAction.RECORD_CONTACT, acting=acting)
    case.contact.acknowledged_at, case.contact.acknowledged_by_channel = acting.at, channel
    for deadline in case.deadlines:
        if deadline.met_at is None and deadline.name in policy.deadlines_kept_elsewhere:
            deadline.met_at = acting.at
    record(case, action=CaseAction.RECORD_CONTACT, acting=acting, policy=policy,
           detail={"acknowledged_by": channel})
    return []


def record_unreached(*, case: Case, acting: Acting, template: str, reason: str, notification_id: str, task_id: str,
                     policy: CasePolicy = DEFAULT_POLICY) -> list[Event]:
    """Note a message no channel carried, and give the case's owner a task to call the customer (one open task
    at a time)."""
    if any(u.notification_id == notification_id for u in case.contact.unreached):
        return []
    check_action(case, action=CaseAction.RECORD_CONTACT, acting=acting)
    case.contact.unreached.append(Unreached(template=template, reason=reason, at=acting.at,
                                            notification_id=notification_id))
    if not open_tasks(case, kind=TaskKind.CALL_CUSTOMER):
        what = "the acknowledgement" if template == ACKNOWLEDGEMENT else f"the {template.replace('_', ' ')} message"
        case.tasks.append(Task(task_id=task_id, kind=TaskKind.CALL_CUSTOMER, created_at=acting.at,
                               owner=case.assignee or case.team,
                               reason=f"{what} did not reach the customer ({reason}): call them"))
    record(case, action=CaseAction.RECORD_CONTACT, acting=acting, policy=policy,
           detail={"unreached": template, "reason": reason})
    return []


def acknowledgement_status(case: Case) -> str:
    """What the case says about the acknowledgement of receipt, in words."""
    contact = case.contact
    if contact.acknowledged_at is not None:
        return f"acknowledged by {contact.acknowledged_by_channel} on {contact.acknowledged_at:%Y-%m-%d %H:%M} UTC"
    failed = [u for u in contact.unreached if u.template == ACKNOWLEDGEMENT]
    if failed:
        return f"not acknowledged: {failed[-1].reason}"
    return "acknowledgement not confirmed yet"


def open_tasks(case: Case, *, kind: TaskKind | None = None) -> list[Task]:
    """The tasks not done yet (of one kind, if given)."""
    return [t for t in case.tasks if t.done_at is None and kind in (None, t.kind)]


def add_task(*, case: Case, acting: Acting, task_id: str, kind: TaskKind, reason: str,
             policy: CasePolicy = DEFAULT_POLICY) -> list[Event]:
    """Give the case's owner a task."""
    check_action(case, action=CaseAction.ADD_TASK, acting=acting)
    case.tasks.append(Task(task_id=task_id, kind=kind, reason=reason, created_at=acting.at,
                           owner=case.assignee or case.team))
    record(case, action=CaseAction.ADD_TASK, acting=acting, policy=policy, detail={"task_id": task_id, "kind": kind})
    return []


def complete_task(*, case: Case, acting: Acting, task_id: str, outcome: str,
                  policy: CasePolicy = DEFAULT_POLICY) -> list[Event]:
    """Mark a task done, saying how it went."""
    check_action(case, action=CaseAction.COMPLETE_TASK, acting=acting)
    task = next((t for t in case.tasks if t.task_id == task_id), None)
    if task is None:
        raise RuleViolation(f"the case has no task {task_id}", field="task_id")
    if task.done_at is not None:
        raise RuleViolation(f"task {task_id} was done on {task.done_at:%Y-%m-%d}", field="task_id")
    task.done_at, task.done_by, task.outcome = acting.at, acting.by, outcome
    record(case, action=CaseAction.COMPLETE_TASK, acting=acting, policy=policy, detail={"task_id": task_id})
    return []

