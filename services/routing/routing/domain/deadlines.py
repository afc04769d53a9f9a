"""The two clocks of a complaint: service-level targets in business hours, and regulatory deadlines."""

from datetime import datetime, timedelta

from complaint_contracts.types import Clock, Deadline, DeadlineTerms, DeadlineUnit, Priority, Regime
from complaints_calendar import BusinessCalendar

from .regulatory import REGULATORY_CLOCKS, RegulatoryClock, Unit
from .rule_set import RuleSet
from .rules import Target


def _due(target: Target, *, start: datetime, calendar: BusinessCalendar) -> datetime:
    if target.business_hours is not None:
        return calendar.add_business_hours(start, timedelta(hours=target.business_hours))
    return calendar.add_business_days(start, target.business_days or 0)


def _counted(target: Target) -> str:
    if target.business_hours is not None:
        return "working time only: out of hours the clock starts at the next opening"
    return "close of business on the last day, counted from the day after the local date of receipt"


def _service_terms(target: Target, *, priority: Priority, rule_set: RuleSet,
                   calendar: BusinessCalendar) -> DeadlineTerms:
    if target.business_hours is not None:
        amount, unit = target.business_hours, DeadlineUnit.BUSINESS_HOURS
    else:
        amount, unit = float(target.business_days or 0), DeadlineUnit.BUSINESS_DAYS
    return DeadlineTerms(amount=amount, unit=unit,
                         calendar=calendar.code, time_zone=calendar.zone.key, priority=priority,
                         rules_version=rule_set.version)


_UNITS = {Unit.BUSINESS_DAYS: DeadlineUnit.BUSINESS_DAYS, Unit.CALENDAR_DAYS: DeadlineUnit.CALENDAR_DAYS,
          Unit.CALENDAR_WEEKS: DeadlineUnit.CALENDAR_WEEKS}


def service_deadlines(*, priority: Priority, received_at: datetime, rule_set: RuleSet,
                      calendar: BusinessCalendar) -> list[Deadline]:
    """Acknowledge, first-response and resolve targets for a priority, in the calendar's business time."""
    level = rule_set.service_levels[priority]
    targets = {"acknowledge": level.acknowledge, "first_response": level.first_response, "resolve": level.resolve}
    return [
        Deadline(name=name, clock=Clock.SERVICE, due_at=_due(target, start=received_at, calendar=calendar),
                 basis=f"{priority} priority: {target.describe()} from receipt ({_counted(target)}), "
                       f"{calendar.code} business calendar, {calendar.zone.key} (rules {rule_set.version})",
                 terms=_service_terms(target, priority=priority, rule_set=rule_set, calendar=calendar))
        for name, target in targets.items()
    ]


def _regulatory_due(clock: RegulatoryClock, *, received_at: datetime, calendar: BusinessCalendar) -> datetime:
    if clock.unit is Unit.BUSINESS_DAYS:
        return calendar.add_business_days(received_at, clock.amount)
    if clock.unit is Unit.CALENDAR_WEEKS:
        return calendar.add_calendar_weeks(received_at, clock.amount)
    return calendar.add_calendar_days(received_at, clock.amount)


def regulatory_deadlines(*, regime: Regime, priority: Priority, received_at: datetime,
                         calendar: BusinessCalendar) -> list[Deadline]:
    """Deadlines the regime sets, counted from receipt; they never pause."""
    deadlines = []
    for clock in REGULATORY_CLOCKS[regime]:
        if clock.only_when_critical and priority is not Priority.CRITICAL:
            continue
        counted = (f"close of business on business day {clock.amount} after the local date of receipt (whatever the "
                   f"hour), {calendar.code} calendar, {calendar.zone.key}"
                   if clock.unit is Unit.BUSINESS_DAYS
                   else f"{clock.amount} {clock.unit} from receipt, same local time in {calendar.zone.key}")
        deadlines.append(Deadline(
            name=clock.name, clock=Clock.REGULATORY,
            due_at=_regulatory_due(clock, received_at=received_at, calendar=calendar),
            basis=f"{counted} ({clock.source}): {clock.meaning}",
            terms=DeadlineTerms(amount=clock.amount, unit=_UNITS[clock.unit], calendar=calendar.code,
                                time_zone=calendar.zone.key, source=clock.source)))
    return deadlines


def deadlines_at(*, priority: Priority, regime: Regime, received_at: datetime, rule_set: RuleSet,
                 calendar: BusinessCalendar) -> list[Deadline]:
    """Every deadline of a complaint at a priority: the service targets, then the regime's clocks that apply."""
    return (service_deadlines(priority=priority, received_at=received_at, rule_set=rule_set, calendar=calendar)
            + regulatory_deadlines(regime=regime, priority=priority, received_at=received_at, calendar=calendar))
