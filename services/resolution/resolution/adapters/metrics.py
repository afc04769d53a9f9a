"""Resolution's own metrics (bounded labels: states, priorities, clocks, triggers — never ids)."""

from collections.abc import Iterable
from datetime import timedelta

from complaint_contracts.base import Event
from complaint_contracts.resolution import CaseEscalated, DeadlineBreached, DeadlineWarning
from complaint_contracts.types import Clock, Priority
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from ..domain.changes import CaseChange
from ..domain.states import OPEN_STATES, CaseState

_HOUR, _DAY = 3600.0, 86400.0


class ResolutionMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.open_cases = Gauge("complaints_resolution_open_cases", "Open cases by state and priority",
                                ["state", "priority"], registry=registry)
        self.breaches = Counter("complaints_resolution_deadline_breaches_total", "Deadlines breached, by clock",
                                ["clock"], registry=registry)
        self.warnings = Counter("complaints_resolution_deadline_warnings_total", "Deadline warnings, by clock",
                                ["clock"], registry=registry)
        self.met = Counter("complaints_resolution_deadlines_met_total",
                           "Deadlines met before they fell due (never breached), by clock", ["clock"],
                           registry=registry)
        self.escalations = Counter("complaints_resolution_escalations_total", "Cases escalated, by trigger",
                                   ["trigger"], registry=registry)
        self.time_in_state = Histogram(
            "complaints_resolution_time_in_state_seconds", "Time a case spent in a state before leaving it",
            ["state"], registry=registry,
            buckets=(60.0, _HOUR, 4 * _HOUR, _DAY, 3 * _DAY, 7 * _DAY, 14 * _DAY, 28 * _DAY, 56 * _DAY))
        for clock in Clock:  # from start-up: the breach alert's increase() must see the first breach after a restart
            self.breaches.labels(clock=clock.value)
            self.warnings.labels(clock=clock.value)
            self.met.labels(clock=clock.value)

    def stored(self, change: CaseChange) -> None:
        """Account for a change that reached the store: time spent in the state it left, deadlines met, alerts,
        escalations. Only a stored change counts, so a redelivery or a lost race counts nothing."""
        before, case = change.before, change.case
        if before is not None and case.state != before.state:
            self.left_state(before.state, case.state_entered_at - before.entered_at)
        for deadline in change.deadlines_met:
            self.met.labels(clock=deadline.clock.value).inc()
        self.record_events(change.events)

    def record_events(self, events: Iterable[Event]) -> None:
        """Count the alerts and escalations among stored events."""
        for event in events:
            if isinstance(event, DeadlineBreached):
                self.breaches.labels(clock=event.clock.value).inc()
            elif isinstance(event, DeadlineWarning):
                self.warnings.labels(clock=event.clock.value).inc()
            elif isinstance(event, CaseEscalated):
                self.escalations.labels(trigger=event.trigger).inc()

    def left_state(self, state: CaseState, after: timedelta) -> None:
        self.time_in_state.labels(state=state.value).observe(max(after.total_seconds(), 0.0))

    def set_open_cases(self, counts: dict[tuple[str, str], int]) -> None:
        """Set every (open state, priority) pair, zero where the store counted none."""
        for state in OPEN_STATES:
            for priority in Priority:
                self.open_cases.labels(state=state.value, priority=priority.value).set(
                    counts.get((state.value, priority.value), 0))
