"""Corrective and preventive actions: raised by quality on cases or proposed by analytics' systemic issues, listed,
assigned, moved along their lifecycle and checked for effectiveness."""

from collections.abc import Sequence
from datetime import datetime

from complaint_contracts.analytics import SystemicIssueDetected
from complaint_contracts.resolution import CorrectiveActionRaised

from ..domain.access import Permission, Principal, decide_access
from ..domain.case import Acting
from ..domain.changes import Before
from ..domain.corrective import (
    CapaScope,
    CapaStatus,
    CorrectiveAction,
    action_raised,
    assign_action,
    move_action,
    proposed_by_analytics,
    raise_corrective_action,
)
from ..domain.effectiveness import Effectiveness, common_scope, effectiveness, measuring_windows
from ..domain.errors import CaseNotFound, CorrectiveActionNotFound, VersionConflict
from .core import CaseWork, require, scope_of


async def raise_action(work: CaseWork, *, principal: Principal, complaint_ids: list[str], reason: str,
                       action_id: str | None, root_cause: str, action: str, owner: str, preventive: bool = False,
                       due_at: datetime | None = None, scope: CapaScope | None = None) -> CorrectiveActionRaised:
    """Attach a corrective or preventive action to cases quality may see, keep it for follow-up, announce it once."""
    found = await work.store.get_many(complaint_ids)
    missing = [cid for cid in complaint_ids if cid not in found]
    if missing:
        raise CaseNotFound("no case for complaint(s) " + ", ".join(missing))
    cases = [found[cid] for cid in dict.fromkeys(complaint_ids)]
    for case in cases:
        require(decide_access(principal=principal, permission=Permission.RAISE_CORRECTIVE_ACTION, case=scope_of(case)))
    befores = [Before.of(c) for c in cases]
    acting = Acting(by=principal.subject, at=work.clock(), reason=reason)
    action_id = action_id or work.new_id("ca")
    [event] = raise_corrective_action(cases=cases, acting=acting, action_id=action_id, root_cause=root_cause,
                                      action=action, owner=owner, preventive=preventive, due_at=due_at)
    if scope is None or (scope.category is None and scope.product is None):
        scope = common_scope(cases=cases, details=(await work.records.details_of(complaint_ids)).values())
    # Kept before the cases change: a retry with the same id finds it and re-announces nothing.
    await work.actions.insert(action_raised(action_id=action_id, complaint_ids=event.complaint_ids, acting=acting,
                                            root_cause=root_cause, action=action, owner=owner, preventive=preventive,
                                            due_at=due_at, scope=scope))
    changed = [(c, b) for c, b in zip(cases, befores, strict=True) if c.version != b.version]
    # The announcement rides with the first case that newly got the action: a retry re-announces nothing.
    changes = [work.change(c, [event] if i == 0 else [], before=b) for i, (c, b) in enumerate(changed)]
    conflicts = await work.write(changes, work.store.save)
    if conflicts:
        first = sorted(conflicts)[0]
        raise VersionConflict(expected=next(b.version for c, b in changed if c.complaint_id == first),
                              actual=await work.store.version_of(first) or 0)
    work.notify()
    return event


async def propose_from_issues(work: CaseWork, *, issues: Sequence[SystemicIssueDetected]) -> None:
    """Keep each systemic issue as a proposed corrective action (once per episode), with its complaints."""
    for issue in issues:
        await work.actions.insert(proposed_by_analytics(issue))


def _require_view(principal: Principal) -> None:
    require(decide_access(principal=principal, permission=Permission.VIEW_CORRECTIVE_ACTIONS))


async def list_actions(work: CaseWork, *, principal: Principal, status: CapaStatus | None, owner: str | None,
                       complaint_id: str | None, limit: int, after: str | None) -> list[CorrectiveAction]:
    """Corrective actions by id, filtered, one page after `after`."""
    _require_view(principal)
    return await work.actions.list(status=status, owner=owner, complaint_id=complaint_id, limit=limit, after=after)


async def _load(work: CaseWork, action_id: str) -> CorrectiveAction:
    found = await work.actions.get(action_id)
    if found is None:
        raise CorrectiveActionNotFound(f"no corrective action {action_id}")
    return found


async def get_action(work: CaseWork, *, principal: Principal, action_id: str) -> CorrectiveAction:
    """One corrective action, with its history (for those who follow actions, and for its owner)."""
    found = await _load(work, action_id)
    if principal.subject != found.owner:
        _require_view(principal)
    return found


async def assign(work: CaseWork, *, principal: Principal, action_id: str, version: int, owner: str,
                 due_at: datetime | None, note: str) -> CorrectiveAction:
    """Give the action an owner and a due date."""
    found = await _load(work, action_id)  # who may assign is the domain's rule
    assign_action(found, principal=principal, at=work.clock(), version=version, owner=owner, due_at=due_at, note=note)
    return await _save(work, found, version)


async def move(work: CaseWork, *, principal: Principal, action_id: str, version: int, status: CapaStatus,
               note: str) -> CorrectiveAction:
    """Move the action along its lifecycle (its owner works it; quality verifies it)."""
    found = await _load(work, action_id)  # who may move it (owner, quality) is the domain's rule
    move_action(found, principal=principal, at=work.clock(), version=version, status=status, note=note)
    return await _save(work, found, version)


async def check_effectiveness(work: CaseWork, *, principal: Principal, action_id: str) -> Effectiveness:
    """Count recurrences in the action's category/product since implementation, against the time before."""
    found = await get_action(work, principal=principal, action_id=action_id)
    windows = measuring_windows(found, now=work.clock())
    counts = []
    for since, until in ((windows.before_start, windows.implemented_at), (windows.implemented_at, windows.until)):
        among = (await work.records.received_ids(product=found.scope.product, since=since, until=until)
                 if found.scope.product else None)
        if among is not None and found.scope.category is None:
            counts.append(len(among))
        else:
            counts.append(await work.store.count_opened(category=found.scope.category, since=since, until=until,
                                                        among=among))
    return effectiveness(found, windows=windows, before=counts[0], recurrences=counts[1])


async def _save(work: CaseWork, action: CorrectiveAction, version: int) -> CorrectiveAction:
    if not await work.actions.save(action, expected_version=version):
        current = await work.actions.get(action.action_id)
        raise VersionConflict(expected=version, actual=current.version if current else 0)
    return action
