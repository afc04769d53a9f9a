"""The deadline scan: which warnings and breaches are due now, each raised at most once per case and deadline."""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import NamedTuple

from complaint_contracts.base import Event
from complaint_contracts.resolution import DeadlineBreached, DeadlineWarning
from complaint_contracts.types import Clock

from .alerts import raised_since_start
from .case import SYSTEM, Acting, AlertKind, Case, RaisedAlert, TrackedDeadline, case_event, record
from .policy import DEFAULT_POLICY, CasePolicy
from .ports import BusinessCalendar
from .sla_clocks import elapsed_fraction
from .staffing import escalate
from .states import CaseAction


class DueAlert(NamedTuple):
    deadline: TrackedDeadline
    kind: AlertKind
    elapsed_fraction: float


def watched(case: Case, policy: CasePolicy = DEFAULT_POLICY) -> list[TrackedDeadline]:
    """The unmet deadlines the scan warns about and breaches: all of an open case's; of a finished one, those only a
    report to a regulator meets (that duty outlives the customer's case, unless the case was merged into another,
    which carries the duty on)."""
    if case.is_open:
        kept = case.deadlines
    elif case.merged_into is None:
        kept = [d for d in case.deadlines if d.name in policy.deadlines_met_by_reports]
    else:
        kept = []
    return [d for d in kept if d.met_at is None and policy.alerts_on(d.name)]


def due_alerts(*, case: Case, now: datetime, calendar: BusinessCalendar,
               policy: CasePolicy = DEFAULT_POLICY) -> list[DueAlert]:
    """List the warnings and breaches due on the case now that it has not raised before."""
    raised = raised_since_start(case)
    paused_since = case.open_pause.started_at if case.open_pause else None
    due: list[DueAlert] = []
    for deadline in watched(case, policy):
        if deadline.clock is Clock.SERVICE and paused_since is not None:
            continue  # the pause will move this deadline later; it cannot fall due while paused
        fraction = elapsed_fraction(deadline, now=now, calendar=calendar, paused_since=paused_since)
        if now >= deadline.due_at:
            kind = AlertKind.BREACH
        elif fraction >= policy.warn_fraction:
            kind = AlertKind.WARNING
        else:
            continue
        if (deadline.name, deadline.clock, kind) not in raised:
            due.append(DueAlert(deadline=deadline, kind=kind, elapsed_fraction=fraction))
    return due


def raise_deadline_alerts(*, case: Case, now: datetime, calendar: BusinessCalendar,
                          policy: CasePolicy = DEFAULT_POLICY) -> list[Event]:
    """Record the due alerts on the case and return their events; a service-SLA breach escalates one tier."""
    alerts = due_alerts(case=case, now=now, calendar=calendar, policy=policy)
    if not alerts:
        return []
    acting = Acting(by=SYSTEM, at=now, reason="deadline scan")
    events: list[Event] = []
    for alert in alerts:
        d = alert.deadline
        case.raised_alerts.append(RaisedAlert(deadline=d.name, clock=d.clock, kind=alert.kind, at=now))
        if alert.kind is AlertKind.WARNING:
            events.append(case_event(DeadlineWarning, case, acting, deadline=d.name, clock=d.clock, due_at=d.due_at,
                                     basis=d.basis, terms=d.terms, elapsed_fraction=round(alert.elapsed_fraction, 4)))
        else:
            events.append(case_event(DeadlineBreached, case, acting, deadline=d.name, clock=d.clock, due_at=d.due_at,
                                     basis=d.basis, terms=d.terms))
    record(case, action=CaseAction.RECORD_DEADLINE_ALERT, acting=acting, policy=policy,
           detail={f"{a.deadline.name}/{a.deadline.clock}": a.kind.value for a in alerts})
    breached_service = [a for a in alerts if a.kind is AlertKind.BREACH and a.deadline.clock is Clock.SERVICE]
    if breached_service and case.tier < policy.max_tier:
        names = ", ".join(a.deadline.name for a in breached_service)
        breach = acting.model_copy(update={"reason": f"service deadline breached: {names}"})
        events.extend(escalate(case=case, acting=breach, trigger="breach", policy=policy))
    return events


def next_alert_at(*, case: Case, calendar: BusinessCalendar, policy: CasePolicy = DEFAULT_POLICY) -> datetime | None:
    """Earliest moment a warning or breach not yet raised falls due (the deadline scan looks at the case then)."""
    raised = raised_since_start(case)
    paused = case.open_pause is not None
    moments: list[datetime] = []
    for d in watched(case, policy):
        if paused and d.clock is Clock.SERVICE:
            continue  # a paused service deadline moves on resume, and the resume rewrites this moment
        if (d.name, d.clock, AlertKind.BREACH) in raised:
            continue
        moments.append(d.due_at)
        if (d.name, d.clock, AlertKind.WARNING) not in raised:
            moments.append(_warning_moment(d, calendar=calendar, fraction=policy.warn_fraction))
    return min(moments, default=None)


def _warning_moment(deadline: TrackedDeadline, *, calendar: BusinessCalendar, fraction: float) -> datetime:
    if deadline.clock is Clock.REGULATORY:
        return deadline.started_at + (deadline.due_at - deadline.started_at) * fraction
    shifted = timedelta(seconds=deadline.shifted_seconds)
    total = calendar.working_time_between(deadline.started_at, deadline.due_at) - shifted
    if total <= timedelta(0):
        return deadline.due_at
    return min(calendar.add_business_hours(deadline.started_at, shifted + total * fraction), deadline.due_at)


class ScannedCase(NamedTuple):
    case: Case
    events: list[Event]


def scan_deadlines(*, cases: Iterable[Case], now: datetime, calendar: BusinessCalendar,
                   policy: CasePolicy = DEFAULT_POLICY) -> list[ScannedCase]:
    """Raise the due alerts on each case; return only the cases that changed, with their events."""
    scanned = (ScannedCase(case, raise_deadline_alerts(case=case, now=now, calendar=calendar, policy=policy))
               for case in cases)
    return [result for result in scanned if result.events]

