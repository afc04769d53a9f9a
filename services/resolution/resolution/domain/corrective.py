"""Corrective and preventive actions: quality ties a root cause and an action to one or many cases."""

from datetime import datetime

from complaint_contracts.resolution import SOURCE, CorrectiveActionRaised

from .case import Acting, Case, record
from .errors import RuleViolation
from .states import CaseAction


def raise_corrective_action(*, cases: list[Case], acting: Acting, action_id: str, root_cause: str, action: str,
                            owner: str, preventive: bool = False,
                            due_at: datetime | None = None) -> list[CorrectiveActionRaised]:
    """Attach the action to each case (once) and return the event that announces it."""
    if not cases:
        raise RuleViolation("a corrective action addresses at least one case")
    if not root_cause.strip() or not action.strip():
        raise RuleViolation("a corrective action needs a root cause and what will be done")
    complaint_ids = list(dict.fromkeys(case.complaint_id for case in cases))
    for case in cases:
        if action_id in case.corrective_action_ids:
            continue
        case.corrective_action_ids.append(action_id)
        if root_cause and case.root_cause is None:
            case.root_cause = root_cause
        record(case, action=CaseAction.ATTACH_CORRECTIVE_ACTION, acting=acting, detail={"action_id": action_id})
    return [CorrectiveActionRaised(
        source=SOURCE, time=acting.at, causation_id=acting.causation_id, action_id=action_id,
        complaint_ids=complaint_ids, root_cause=root_cause, action=action, preventive=preventive, owner=owner,
        due_at=due_at, by=acting.by)]
