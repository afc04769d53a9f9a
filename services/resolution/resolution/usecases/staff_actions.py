"""Staff commands on a case against the version they read, and the commands that touch two cases: linking a
duplicate (and giving it to the original's owner) and merging it into the original."""

from complaint_contracts.base import Event

from ..domain.access import Permission, Principal, decide_action
from ..domain.case import Acting, Case
from ..domain.case_file import CaseFile
from ..domain.changes import Before
from ..domain.commands import StaffCommand
from ..domain.duplicates import link_duplicates, merge
from ..domain.objectivity import check_objectivity
from ..domain.staffing import reassign
from ..domain.states import CaseAction
from .case_reading import file_of
from .core import CaseWork, require, scope_of


async def act(work: CaseWork, *, complaint_id: str, principal: Principal, version: int, reason: str,
              command: StaffCommand) -> CaseFile:
    """Carry out a staff command on a case the employee may act on, against the version they read."""
    case = await work.case_for(complaint_id, principal)
    require(decide_action(principal=principal, action=command.action, case=scope_of(case)))
    before = Before.of(case)
    acting = Acting(by=principal.subject, at=work.clock(), reason=reason, expected_version=version)
    events = command.apply(case, acting, await work.command_context(complaint_id))
    if case.version != before.version:
        await work.save_one(work.change(case, list(events), before=before))
        work.notify()
    return await file_of(work, case, principal)


async def link_duplicate(work: CaseWork, *, complaint_id: str, principal: Principal, version: int, reason: str,
                         original_id: str, assign_to_original_owner: bool = False) -> CaseFile:
    """Link the case to the complaint it duplicates, on both cases; optionally give it to the original's owner
    (a reassignment: supervisors, and never to whom the complaint is about)."""
    duplicate = await work.case_for(complaint_id, principal, Permission.WORK)
    original = await work.case_for(original_id, principal)
    befores = Before.of(duplicate), Before.of(original)
    acting = Acting(by=principal.subject, at=work.clock(), reason=reason, expected_version=version)
    link_duplicates(duplicate=duplicate, original=original, acting=acting,
                    reason=reason or f"duplicate of {original_id}", policy=work.policy)
    events: list[Event] = []
    if assign_to_original_owner:
        require(decide_action(principal=principal, action=CaseAction.REASSIGN, case=scope_of(duplicate)))
        details = await work.records.details(complaint_id)
        check_objectivity(about=details.about if details else None, team=original.team, assignee=original.assignee)
        events += reassign(case=duplicate, acting=acting.model_copy(update={"expected_version": None}),
                           team=original.team, assignee=original.assignee, department=original.department,
                           policy=work.policy)
    await _save_pair(work, first=(original, befores[1], []), then=(duplicate, befores[0], events))
    return await file_of(work, duplicate, principal)


async def merge_duplicate(work: CaseWork, *, complaint_id: str, principal: Principal, version: int, reason: str,
                          into: str) -> CaseFile:
    """Close the case as merged into the original, which carries on (both must be the employee's to work)."""
    duplicate = await work.case_for(complaint_id, principal, Permission.WORK)
    original = await work.case_for(into, principal, Permission.WORK)
    befores = Before.of(duplicate), Before.of(original)
    tracking = await work.records.details(into)
    acting = Acting(by=principal.subject, at=work.clock(), reason=reason, expected_version=version)
    events = merge(duplicate=duplicate, original=original, acting=acting, calendar=work.calendars.for_case(duplicate),
                   original_tracking_number=tracking.tracking_number if tracking else None, policy=work.policy)
    await _save_pair(work, first=(original, befores[1], []), then=(duplicate, befores[0], events))
    return await file_of(work, duplicate, principal)


async def _save_pair(work: CaseWork, *, first: tuple[Case, Before, list[Event]],
                     then: tuple[Case, Before, list[Event]]) -> None:
    """Write two cases one after the other (each only if unchanged since read): the other case first, so that a
    conflict there leaves the one acted on untouched, and a retry completes what is missing."""
    for case, before, events in (first, then):
        if case.version != before.version:
            await work.save_one(work.change(case, events, before=before))
    work.notify()
