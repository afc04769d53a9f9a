"""Kafka entry points of resolution: thin handlers (contract in, one call) registered on one consumer group."""

from complaint_contracts import topics
from complaint_contracts.analytics import SystemicIssueDetected
from complaint_contracts.intake import (
    ComplaintReceived,
    ComplaintRecordExpired,
    ComplaintWithdrawn,
    CustomerMessageReceived,
    EscalationRequested,
    FeedbackReceived,
    PersonalDataErased,
    ReopeningRequested,
    ResolutionDecisionReceived,
)
from complaint_contracts.notification import NotificationFailed, NotificationSent
from complaint_contracts.routing import ComplaintRerouted, ComplaintRouted, DeadlinesRevised, PossibleDuplicateDetected
from complaints_chassis.consumer import EventConsumer

from ..deps import ResolutionDeps
from ..domain.conversation import CustomerEvent
from ..domain.reactions import InboundEvent

events = EventConsumer(
    group_id="resolution",
    description="Received complaints to keep beside their cases; routed complaints to open as cases, reroutings to "
                "reassign them, duplicates to link; everything the customer writes (messages, decisions, feedback, "
                "withdrawals, escalation and reopening requests); whether notification reached the customer; "
                "analytics' systemic issues as proposed corrective actions; erasures of customers' personal data; "
                "complaint records at the end of their retention",
    # Delivery outcomes and systemic issues may wait a second; received and routed complaints and what the customer
    # writes never.
    paced_topics=frozenset({topics.NOTIFICATION, topics.ANALYTICS}))


@events.on(ComplaintReceived)
async def on_complaint_received(received: list[ComplaintReceived], deps: ResolutionDeps) -> None:
    await deps.service.record_received(received=received)


@events.on(ComplaintRouted)
async def on_complaint_routed(routed: list[ComplaintRouted], deps: ResolutionDeps) -> None:
    await deps.service.open_cases(routed=routed)


@events.on(CustomerMessageReceived, ResolutionDecisionReceived, FeedbackReceived, ComplaintWithdrawn,
           EscalationRequested, ReopeningRequested)
async def on_customer_event(received: list[CustomerEvent], deps: ResolutionDeps) -> None:
    await deps.service.hear_customer(events=received)


@events.on(ComplaintRerouted, DeadlinesRevised, NotificationSent, NotificationFailed)
async def on_case_event(received: list[InboundEvent], deps: ResolutionDeps) -> None:
    await deps.service.react_to(events=received)


@events.on(PossibleDuplicateDetected)
async def on_possible_duplicate(detected: list[PossibleDuplicateDetected], deps: ResolutionDeps) -> None:
    await deps.service.link_detected_duplicates(detected=detected)


@events.on(SystemicIssueDetected)
async def on_systemic_issue(issues: list[SystemicIssueDetected], deps: ResolutionDeps) -> None:
    await deps.service.propose_corrective_actions(issues=issues)


@events.on(PersonalDataErased)
async def on_personal_data_erased(erased: list[PersonalDataErased], deps: ResolutionDeps) -> None:
    await deps.service.erase_personal_data(erased=erased)


@events.on(ComplaintRecordExpired)
async def on_complaint_record_expired(expired: list[ComplaintRecordExpired], deps: ResolutionDeps) -> None:
    await deps.service.expire_records(expired=expired)


CONSUMERS = [events]
