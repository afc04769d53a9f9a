"""Kafka entry points of resolution: thin handlers (contract in, one call) registered on one consumer group."""

from complaint_contracts.intake import (
    ComplaintWithdrawn,
    CustomerMessageReceived,
    EscalationRequested,
    ResolutionDecisionReceived,
)
from complaint_contracts.routing import ComplaintRerouted, ComplaintRouted
from complaints_chassis.consumer import EventConsumer

from ..deps import ResolutionDeps
from ..domain.reactions import InboundEvent

events = EventConsumer(
    group_id="resolution",
    description="Routed complaints to open as cases, reroutings to reassign them; the customer's messages, "
                "decisions, withdrawals and escalation requests")


@events.on(ComplaintRouted)
async def on_complaint_routed(routed: list[ComplaintRouted], deps: ResolutionDeps) -> None:
    await deps.service.open_cases(routed=routed)


@events.on(ComplaintRerouted, CustomerMessageReceived, ResolutionDecisionReceived, ComplaintWithdrawn,
           EscalationRequested)
async def on_case_event(received: list[InboundEvent], deps: ResolutionDeps) -> None:
    await deps.service.react_to(events=received)


CONSUMERS = [events]
