"""Deadlines routing counted again after staff corrected the priority: the case takes them, keeping what was met
and moving the service ones by the pauses so far (routing counts from receipt and knows nothing of pauses)."""

from datetime import datetime, timedelta

from complaint_contracts.resolution import CaseDeadlinesChanged
from complaint_contracts.routing import DeadlinesRevised
from complaint_contracts.types import Clock, Deadline

from .case import Acting, Case, TrackedDeadline, case_event, record
from .policy import DEFAULT_POLICY, CasePolicy
from .ports import BusinessCalendar
from .states import CaseAction


def take_revised_deadlines(*, case: Case, revised: DeadlinesRevised, acting: Acting, calendar: BusinessCalendar,
                           policy: CasePolicy = DEFAULT_POLICY) -> list[CaseDeadlinesChanged]:
    """Track the revised deadlines instead of the case's: one met already stays met (and on the record), one the
    corrected priority no longer sets stops counting unless it was met; announce what is due now. Routing counts
    from receipt: a deadline a reopening restarted runs by the revised terms from the reopening."""
    tracked = {d.name: d for d in case.deadlines}
    started = case.received_at or case.opened_at
    deadlines = []
    for deadline in revised.deadlines:
        before = tracked.pop(deadline.name, None)
        if before is not None and before.met_at is not None:
            deadlines.append(before)
            continue
        restarted = before.started_at if before is not None and before.started_at > started else None
        if restarted is not None:  # by a reopening
            if deadline.terms is None:  # nothing to count again by: it runs on as the reopening set it
                deadlines.append(before)
                continue
            deadline = deadline.model_copy(update={
                "due_at": calendar.add_span(restarted, deadline.terms.amount, deadline.terms.unit),
                "terms": deadline.terms.model_copy(update={"counted_from": restarted})})
        deadlines.append(_tracked(deadline, started=before.started_at if before else started,
                                  paused=_paused_since(case, restarted), calendar=calendar, policy=policy))
    case.deadlines = deadlines + [d for d in tracked.values() if d.met_at is not None]
    record(case, action=CaseAction.REVISE_DEADLINES, acting=acting, policy=policy,
           detail={"priority": f"{revised.previous_priority} -> {revised.priority}",
                   "rules_version": revised.rules_version})
    return [deadlines_changed(case, acting, reason=revised.reason)]


def _paused_since(case: Case, since: datetime | None) -> float:
    """Working seconds of the pauses that ended, those begun before `since` (an earlier round) left out."""
    return sum(p.working_seconds for p in case.pauses
               if p.ended_at is not None and (since is None or p.started_at >= since))


def deadlines_changed(case: Case, acting: Acting, *, reason: str) -> CaseDeadlinesChanged:
    """Announce every unmet deadline of the case as it tracks it now."""
    unmet = [Deadline(name=d.name, clock=d.clock, due_at=d.due_at, basis=d.basis, terms=d.terms)
             for d in case.deadlines if d.met_at is None]
    return case_event(CaseDeadlinesChanged, case, acting, deadlines=unmet, reason=reason)


def _tracked(deadline: Deadline, *, started: datetime, paused: float, calendar: BusinessCalendar,
             policy: CasePolicy) -> TrackedDeadline:
    moved = deadline.clock is Clock.SERVICE and paused > 0
    due = calendar.add_business_hours(deadline.due_at, timedelta(seconds=paused)) if moved else deadline.due_at
    return TrackedDeadline(name=deadline.name, clock=deadline.clock, due_at=due, basis=deadline.basis,
                           terms=deadline.terms, started_at=started, shifted_seconds=paused if moved else 0.0,
                           kept_elsewhere=deadline.name in policy.deadlines_kept_elsewhere)
