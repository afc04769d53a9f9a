"""Whether the customer was reached: the acknowledgement notification sent (or could not send), and the tasks that
put a person on it when no channel reaches them (a phone-only customer has no channel notification can use)."""

from datetime import datetime

from complaint_contracts.base import Event
from complaint_contracts.notification import NotificationSent
from pydantic import BaseModel, ConfigDict, Field

from .case import SYSTEM, Acting, AuditEntry, Case, check_action, record
from .case_parts import ACKNOWLEDGEMENT, Task, TaskKind, Unreached
from .errors import RuleViolation
from .policy import DEFAULT_POLICY, CasePolicy
from .states import CaseAction

NO_CHANNEL = "none"
"""The channel notification names when no channel carried a message."""


class Acknowledgement(BaseModel):
    """Notification's word that the acknowledgement of receipt went out. It is kept beside the case (an insert, the
    first word per complaint standing) and taken into the case whenever the case is read, so that hearing it never
    rewrites the case: the case's next save stores it with whatever else changed."""

    model_config = ConfigDict(frozen=True)

    complaint_id: str
    at: datetime = Field(description="When the acknowledgement was sent")
    channel: str = Field(description="The channel that carried it")
    causation_id: str = Field(description="Id of notification's event")


def acknowledgement_of(event: NotificationSent) -> Acknowledgement | None:
    """The acknowledgement an outcome of notification reports, if it is one sent to the customer."""
    if event.complaint_id is None or event.recipient_kind != "customer" or event.template != ACKNOWLEDGEMENT:
        return None
    return Acknowledgement(complaint_id=event.complaint_id, at=event.time, channel=str(event.channel),
                           causation_id=str(event.id))


def take_acknowledgement(case: Case, acknowledgement: Acknowledgement, *,
                         policy: CasePolicy = DEFAULT_POLICY) -> None:
    """Note in the case as read that the customer was sent the acknowledgement; it meets the acknowledgement
    deadlines (which another service keeps), and its audit entry takes its place by time. The version does not move:
    the stored case is unchanged until its next save, which stores this too (taking it again changes nothing)."""
    contact = case.contact
    if contact.acknowledged_at is not None:
        return
    contact.acknowledged_at, contact.acknowledged_by_channel = acknowledgement.at, acknowledgement.channel
    for deadline in case.deadlines:
        if deadline.met_at is None and (deadline.kept_elsewhere or deadline.name in policy.deadlines_kept_elsewhere):
            deadline.met_at = acknowledgement.at
    earlier = [entry for entry in case.audit if entry.at <= acknowledgement.at]
    case.audit.insert(len(earlier), AuditEntry(
        at=acknowledgement.at, by=SYSTEM, action=CaseAction.RECORD_CONTACT,
        reason="notification sent the acknowledgement", from_state=case.state, to_state=case.state,
        version=earlier[-1].version if earlier else case.version, detail={"acknowledged_by": acknowledgement.channel}))


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

