"""Resolution's metrics: every clock's series exists from start-up, and a stored change counts the deadlines it met
by their clock."""

from datetime import timedelta

import pytest
from complaint_contracts.types import Clock, Outcome
from prometheus_client import CollectorRegistry
from resolution.adapters.metrics import ResolutionMetrics
from resolution.domain.changes import Before, CaseChange
from resolution.domain.lifecycle import resolve
from resolution.domain.policy import DEFAULT_POLICY
from resolution.domain.states import CaseState

from tests.unit.resolution.builders import (
    FCA_FINAL_RESPONSE,
    MONDAY_9AM,
    open_case_in,
    regulatory_deadline,
    service_deadline,
    staff,
)

SERIES = ("complaints_resolution_deadlines_met_total", "complaints_resolution_deadline_breaches_total",
          "complaints_resolution_deadline_warnings_total")


@pytest.mark.parametrize("name", SERIES)
@pytest.mark.parametrize("clock", list(Clock))
def test_every_clock_has_its_series_at_zero_from_start_up(name, clock):
    registry = CollectorRegistry()
    ResolutionMetrics(registry)

    assert registry.get_sample_value(name, {"clock": clock.value}) == 0


def test_a_stored_change_counts_the_deadlines_it_met_by_clock():
    registry = CollectorRegistry()
    metrics = ResolutionMetrics(registry)
    case = open_case_in(CaseState.INVESTIGATING, deadlines=[
        service_deadline(MONDAY_9AM + timedelta(days=2)), service_deadline(MONDAY_9AM + timedelta(days=2), "reply"),
        regulatory_deadline(MONDAY_9AM + timedelta(days=1)), regulatory_deadline(MONDAY_9AM, "late")])
    before = Before.of(case)
    events = resolve(case=case, acting=staff(5), outcome=Outcome.UPHELD, final_response=FCA_FINAL_RESPONSE)

    metrics.stored(CaseChange.of(case, list(events), before=before, next_alert_at=None, policy=DEFAULT_POLICY))

    met = {clock: registry.get_sample_value(SERIES[0], {"clock": clock.value}) for clock in Clock}
    assert met == {Clock.SERVICE: 2, Clock.REGULATORY: 1}  # the one due at opening was met late
