"""The two clocks of a complaint: service-level targets in business hours, and regulatory deadlines."""

from datetime import datetime

from complaint_contracts.types import Clock, Deadline, DeadlineTerms, DeadlineUnit, Priority, Regime
from complaints_calendar import BusinessCalendar

from .regulatory import REGULATORY_CLOCKS, Unit
from .rule_set import RuleSet
from .rules import Target


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
        _service_deadline(name, target, terms=_service_terms(target, priority=priority, rule_set=rule_set,
                                                            calendar=calendar),
                          received_at=received_at, calendar=calendar)
        for name, target in targets.items()
    ]


def _service_deadline(name: str, target: Target, *, terms: DeadlineTerms, received_at: datetime,
                      calendar: BusinessCalendar) -> Deadline:
    return Deadline(name=name, clock=Clock.SERVICE, due_at=calendar.add_span(received_at, terms.amount, terms.unit),
                    basis=f"{terms.priority} priority: {target.describe()} from receipt ({_counted(target)}), "
                          f"{calendar.code} business calendar, {calendar.zone.key} (rules {terms.rules_version})",
                    terms=terms)


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
            due_at=calendar.add_span(received_at, clock.amount, _UNITS[clock.unit]),
            basis=f"{counted} ({clock.source}): {clock.meaning}",
            terms=DeadlineTerms(amount=clock.amount, unit=_UNITS[clock.unit], calendar=calendar.code,
                                time_zone=calendar.zone.key, source=clock.source)))
    return deadlines


def deadlines_at(*, priority: Priority, regime: Regime, received_at: datetime, rule_set: RuleSet,
                 calendar: BusinessCalendar) -> list[Deadline]:
    """Every deadline of a complaint at a priority: the service targets, then the regime's clocks that apply."""
    return (service_deadlines(priority=priority, received_at=received_at, rule_set=rule_set, calendar=calendar)
            + regulatory_deadlines(regime=regime, priority=priority, received_at=received_at, calendar=calendar))
