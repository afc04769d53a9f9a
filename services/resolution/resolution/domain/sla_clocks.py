"""The two deadline clocks: the service SLA pauses while the customer is asked for something; the regulatory one
never does (wall time)."""

from datetime import datetime, timedelta

from complaint_contracts.types import Clock, Deadline

from .case import Case, Pause, TrackedDeadline
from .ports import BusinessCalendar


def calendar_code(case: Case) -> str | None:
    """The calendar routing counted the case's deadlines in (the customer's jurisdiction; one for all of them), or
    None when none of its deadlines says (published before deadlines carried their terms)."""
    return next((d.terms.calendar for d in case.deadlines if d.terms is not None), None)


def pause_service_clock(case: Case, *, at: datetime, request_id: str | None) -> None:
    """Start a pause of the service SLA, unless one is already running."""
    if case.open_pause is None:
        case.pauses.append(Pause(started_at=at, request_id=request_id))


def resume_service_clock(case: Case, *, at: datetime, calendar: BusinessCalendar) -> float:
    """End the running pause and move every unmet service deadline later by the working time it lasted."""
    pause = case.open_pause
    if pause is None:
        return 0.0
    paused = calendar.working_time_between(pause.started_at, at)
    pause.ended_at, pause.working_seconds = at, paused.total_seconds()
    for deadline in case.deadlines:
        if deadline.clock is Clock.SERVICE and deadline.met_at is None:
            deadline.due_at = calendar.add_business_hours(deadline.due_at, paused)
            deadline.shifted_seconds += paused.total_seconds()
    return paused.total_seconds()


def elapsed_fraction(deadline: TrackedDeadline, *, now: datetime, calendar: BusinessCalendar,
                     paused_since: datetime | None) -> float:
    """Share of a deadline's time used by now: working time net of pauses for the SLA, wall time for regulators."""
    if deadline.clock is Clock.REGULATORY:
        total = (deadline.due_at - deadline.started_at).total_seconds()
        used = (now - deadline.started_at).total_seconds()
    else:
        counted_until = min(paused_since, now) if paused_since is not None else now
        shifted = timedelta(seconds=deadline.shifted_seconds)
        total = (calendar.working_time_between(deadline.started_at, deadline.due_at) - shifted).total_seconds()
        used = (calendar.working_time_between(deadline.started_at, counted_until) - shifted).total_seconds()
    if total <= 0:
        return 1.0 if now >= deadline.due_at else 0.0
    return max(used, 0.0) / total


def service_deadlines(case: Case) -> list[Deadline]:
    """The case's unmet service-SLA deadlines as contract values (their current due times)."""
    return [Deadline(name=d.name, clock=d.clock, due_at=d.due_at, basis=d.basis, terms=d.terms)
            for d in case.deadlines if d.clock is Clock.SERVICE and d.met_at is None]
