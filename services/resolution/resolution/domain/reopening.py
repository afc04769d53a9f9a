"""Reopening a finished case: back to investigating, with running deadlines again.

The deadlines the final response met run again from the reopening, each by its own terms in the case's calendar
(as routing counted it from receipt): the service SLA as the policy says, the regulatory clock as its regime says —
most regimes treat the reopened complaint as one to answer again within the full period; FDA device reporting runs
from awareness of the event and is not restarted by the complaint's reopening."""

from datetime import datetime, timedelta

from complaint_contracts.base import Event
from complaint_contracts.resolution import ComplaintReopened
from complaint_contracts.types import Clock, Regime

from .case import Acting, Case, TrackedDeadline, case_event, check_action, record
from .errors import ReopenWindowClosed
from .policy import DEFAULT_POLICY, CasePolicy
from .ports import BusinessCalendar
from .revised_deadlines import deadlines_changed
from .states import CaseAction

REGULATORY_RESTARTS: dict[Regime, bool] = {
    Regime.NONE: True,
    Regime.UK_FCA_DISP: True,   # DISP 1.6: a reopened complaint is answered again within eight weeks
    Regime.UK_PSD: True,        # DISP 1.6.2A: again within 15 business days (35 in exceptional cases)
    Regime.EU_PSD2: True,       # PSD2 Art. 101: again within 15 business days
    Regime.US_CFPB: True,       # the company responds again within 15 days
    Regime.US_FDA_MDR: False,   # 21 CFR 803: reporting runs from awareness of the event, not from the complaint
}
"""Regime → whether its regulatory deadlines run again, in full, from the reopening."""


def finished_at(case: Case) -> datetime:
    """When the case finished (final response or closing)."""
    return case.resolved_at or case.closed_at or case.state_entered_at


def within_window(case: Case, *, at: datetime, window: timedelta) -> bool:
    """Tell whether `at` falls within `window` of the case finishing."""
    return at - finished_at(case) <= window


def reopen(*, case: Case, acting: Acting, calendar: BusinessCalendar, policy: CasePolicy = DEFAULT_POLICY,
           window: timedelta | None = None) -> list[Event]:
    """Reopen a resolved or closed case within the window (the staff window unless another is given), back to
    investigating, with the deadlines its final response met running again."""
    check_action(case, action=CaseAction.REOPEN, acting=acting)
    window = policy.reopen_window if window is None else window
    if not within_window(case, at=acting.at, window=window):
        raise ReopenWindowClosed(f"the case finished on {finished_at(case):%Y-%m-%d}, more than {window.days} days "
                                 "ago; it can no longer be reopened")
    restarted = restart_deadlines(case, at=acting.at, calendar=calendar, policy=policy)
    case.outcome = case.final_response = case.resolved_at = case.closed_at = case.close_reason = None
    case.reopen_count += 1
    record(case, action=CaseAction.REOPEN, acting=acting, policy=policy,
           detail={"deadlines_restarted": ",".join(f"{d.name}/{d.clock}" for d in restarted)})
    reopened = case_event(ComplaintReopened, case, acting, reason=acting.reason or "reopened", by=acting.by)
    # The customer's page and analytics follow the deadlines that run again (they held the ones the response met).
    return [reopened, deadlines_changed(case, acting, reason="the complaint was reopened")] if restarted else [reopened]


def restart_deadlines(case: Case, *, at: datetime, calendar: BusinessCalendar,
                      policy: CasePolicy = DEFAULT_POLICY) -> list[TrackedDeadline]:
    """Run again, from `at`, the deadlines the final response met that the policy and the regime restart."""
    restarted = []
    for deadline in case.deadlines:
        if deadline.met_at is None or not policy.alerts_on(deadline.name):
            continue
        milestone = policy.deadline_milestones.get(deadline.name)
        if milestone is not None and milestone != {CaseAction.RESOLVE}:
            continue  # met by first contact or another step, which is not owed again
        restarts = (policy.restart_service_sla_on_reopening if deadline.clock is Clock.SERVICE
                    else REGULATORY_RESTARTS.get(case.regime, True))
        if not restarts:
            continue
        deadline.due_at = _anew(deadline, at=at, calendar=calendar)
        if deadline.terms is not None:  # said to the customer as "from the reopening", not "from receipt"
            deadline.terms = deadline.terms.model_copy(update={"counted_from": at})
        # Alerts raised before the new start belong to the earlier round (deadlines.raised_since_start).
        deadline.started_at, deadline.shifted_seconds, deadline.met_at = at, 0.0, None
        restarted.append(deadline)
    return restarted


def _anew(deadline: TrackedDeadline, *, at: datetime, calendar: BusinessCalendar) -> datetime:
    """The deadline's span counted again from `at` by its own terms (in the case's calendar, as routing counted it
    from receipt: close of business for business days, working time for hours). A deadline published without terms
    runs for as long as it ran before: the working time on the service clock, the wall time on the regulatory one."""
    if deadline.terms is not None:
        return calendar.add_span(at, deadline.terms.amount, deadline.terms.unit)
    if deadline.clock is Clock.REGULATORY:
        return at + (deadline.due_at - deadline.started_at)
    working = calendar.working_time_between(deadline.started_at, deadline.due_at)
    working -= timedelta(seconds=deadline.shifted_seconds)
    return calendar.add_business_hours(at, max(working, timedelta(0)))
