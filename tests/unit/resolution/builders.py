"""Builders for the resolution tests: a routed complaint, and a case driven to any state by the real commands."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from complaint_contracts.intake import ComplaintReceived
from complaint_contracts.routing import ComplaintRouted
from complaint_contracts.types import (
    Category,
    Channel,
    Clock,
    ComplaintKind,
    CustomerContact,
    Deadline,
    DeadlineTerms,
    DeadlineUnit,
    Decision,
    Money,
    Outcome,
    Priority,
    Regime,
    Remedy,
    RemedyKind,
)
from complaints_calendar import BusinessCalendar, CalendarData
from resolution.domain.case import SYSTEM, Acting, Case
from resolution.domain.case_parts import PlanStep
from resolution.domain.lifecycle import (
    close_case,
    propose_resolution,
    record_decision,
    record_implementation,
    request_information,
    resolve,
    start_investigation,
)
from resolution.domain.opening import open_case
from resolution.domain.states import CaseState

MONDAY_9AM = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
"""Opening time in London (GMT in early March)."""
REFUND = Remedy(kind=RemedyKind.REFUND, amount=Money(amount="49.99", currency="GBP"), description="LATE-REFUND")
FCA_FINAL_RESPONSE = (
    "This is our final response. We have refunded the delivery charge. If you remain unhappy you may refer your "
    "complaint to the Financial Ombudsman Service (www.financial-ombudsman.org.uk, 0800 023 4567) within six "
    "months of the date of this letter.")


def staff(hours: float = 0, *, by: str = "emp-0042", reason: str = "", version: int | None = None) -> Acting:
    """Acting of an agent, `hours` after Monday 9 am."""
    return Acting(by=by, at=MONDAY_9AM + timedelta(hours=hours), reason=reason, expected_version=version)


def make_routed(*, complaint_id: str = "c-late-refund-0001", regime: Regime = Regime.NONE,
                deadlines: list[Deadline] | None = None, team: str = "support-en-1",
                department: str = "customer_support", priority: Priority = Priority.MEDIUM,
                assignee: str | None = "emp-0042") -> ComplaintRouted:
    """A routing decision with memorable defaults."""
    return ComplaintRouted(
        complaint_id=complaint_id, time=MONDAY_9AM, department=department, team=team, assignee=assignee,
        rules_version="2026.11.1", kind=ComplaintKind.COMPLAINT, category=Category.BILLING, priority=priority,
        regime=regime, deadlines=deadlines or [])


def make_received(*, complaint_id: str = "c-late-refund-0001", tracking_number: str = "CMP-7K3Q-9XWA-F",
                  email: str | None = "alesia@example.org", phone: str | None = None, about_team: str | None = None,
                  about_employee: str | None = None, description: str = "The refund for my parcel never arrived.",
                  product: str = "parcel-delivery", title: str = "Refund not received",
                  **fields: object) -> ComplaintReceived:
    """Intake's receipt of the complaint, with memorable defaults."""
    contact = CustomerContact(name="Alesia Kuzmich", email=email, phone=phone,
                              preferred_channel=Channel.EMAIL if email else Channel.PHONE)
    return ComplaintReceived(
        complaint_id=complaint_id, tracking_number=tracking_number, time=MONDAY_9AM, received_at=MONDAY_9AM,
        channel=Channel.WEB, customer=contact, title=title, description=description,
        product=product, about_team=about_team, about_employee=about_employee, **fields)  # type: ignore[arg-type]


def service_deadline(due_at: datetime, name: str = "final_response") -> Deadline:
    return Deadline(name=name, clock=Clock.SERVICE, due_at=due_at, basis="service target",
                    terms=DeadlineTerms(amount=10, unit=DeadlineUnit.BUSINESS_DAYS, calendar="GB-ENG",
                                        time_zone="Europe/London", priority=Priority.MEDIUM))


def regulatory_deadline(due_at: datetime, name: str = "final_response") -> Deadline:
    return Deadline(name=name, clock=Clock.REGULATORY, due_at=due_at, basis="8 weeks from receipt (FCA DISP 1.6)")


def _investigate(case: Case, hour: float) -> None:
    start_investigation(case=case, acting=staff(hour))


def _ask(case: Case, hour: float) -> None:
    request_information(case=case, acting=staff(hour), request_id="r-1", question="Which order was it?")


REFUND_STEP = PlanStep(step_id="s-1", description="Refund the delivery charge to the card used",
                       due_at=MONDAY_9AM + timedelta(days=10), owner="emp-0042")
"""The one step of the plan proposed on the way to ACCEPTED and beyond."""


def _propose(case: Case, hour: float) -> None:
    propose_resolution(case=case, acting=staff(hour), proposal_id="p-1", summary="Refund the delivery charge",
                       remedies=[REFUND], plan=[REFUND_STEP.model_copy()])


def _accept(case: Case, hour: float) -> None:
    record_decision(case=case, acting=staff(hour), proposal_id="p-1", decision=Decision.ACCEPTED)


def _reject(case: Case, hour: float) -> None:
    record_decision(case=case, acting=staff(hour), proposal_id="p-1", decision=Decision.REJECTED)


def _implement(case: Case, hour: float) -> None:
    record_implementation(case=case, acting=staff(hour), details="refund sent")


def _resolve(case: Case, hour: float) -> None:
    resolve(case=case, acting=staff(hour), outcome=Outcome.UPHELD, final_response=FCA_FINAL_RESPONSE,
            root_cause="courier-handover")


def _close(case: Case, hour: float) -> None:
    close_case(case=case, acting=staff(hour), reason="resolved", calendar=ALWAYS_OPEN)


PATHS: dict[CaseState, list[Callable[[Case, float], None]]] = {
    CaseState.OPENED: [],
    CaseState.INVESTIGATING: [_investigate],
    CaseState.AWAITING_CUSTOMER: [_investigate, _ask],
    CaseState.RESOLUTION_PROPOSED: [_investigate, _propose],
    CaseState.ACCEPTED: [_investigate, _propose, _accept],
    CaseState.REJECTED: [_investigate, _propose, _reject],
    CaseState.IMPLEMENTING: [_investigate, _propose, _accept, _implement],
    CaseState.RESOLVED: [_investigate, _propose, _accept, _implement, _resolve],
    CaseState.CLOSED: [_investigate, _propose, _accept, _implement, _resolve, _close],
}
"""The shortest way from an opened case to each state."""


def _always_open_calendar() -> BusinessCalendar:
    every_day = {day: ["00:00-24:00"] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    return BusinessCalendar(CalendarData.model_validate({
        "code": "ALWAYS", "name": "round the clock", "time_zone": "UTC", "working_hours": every_day,
        "holidays": {year: {} for year in range(2024, 2036)}}))


ALWAYS_OPEN = _always_open_calendar()
"""A calendar in which every second is working time."""


@dataclass(frozen=True)
class OneCalendar:
    """Every case counted in the same calendar (the use cases' CaseCalendars, in tests)."""

    calendar: Any

    def for_case(self, case: Case) -> Any:
        return self.calendar


def open_case_in(state: CaseState = CaseState.OPENED, **routed: object) -> Case:
    """Open a case and drive it to `state` through the real commands, one hour per step after Monday 9 am."""
    case, _ = open_case(routed=make_routed(**routed), acting=Acting(by=SYSTEM, at=MONDAY_9AM))  # type: ignore[arg-type]
    for hour, step in enumerate(PATHS[state], start=1):
        step(case, hour)
    if case.state is not state:
        raise AssertionError(f"the path to {state} ended in {case.state}")
    return case
