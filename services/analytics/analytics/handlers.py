"""Kafka entry points of analytics: thin handlers (contract in, one call) registered on one consumer group."""

from complaint_contracts import (
    CaseEscalated,
    CaseOpened,
    ComplaintClosed,
    ComplaintReceived,
    ComplaintReopened,
    ComplaintRerouted,
    ComplaintResolved,
    ComplaintRouted,
    ComplaintWithdrawn,
    CorrectiveActionRaised,
    DeadlineBreached,
    EscalationRequested,
    FeedbackReceived,
    InformationRequested,
    NotificationSent,
    PublicNoteAdded,
    RedressPaid,
    ResolutionDecisionReceived,
    ResolutionProposed,
    SystemicIssueDetected,
)
from complaint_contracts.base import Event
from complaints_chassis.consumer import EventConsumer

from .deps import AnalyticsDeps

PROJECTED: tuple[type[Event], ...] = (
    ComplaintReceived, ResolutionDecisionReceived, FeedbackReceived, ComplaintWithdrawn, EscalationRequested,
    ComplaintRouted, ComplaintRerouted, NotificationSent, CaseOpened, InformationRequested, PublicNoteAdded,
    ResolutionProposed, ComplaintResolved, ComplaintClosed, ComplaintReopened, CaseEscalated, DeadlineBreached,
    RedressPaid, CorrectiveActionRaised, SystemicIssueDetected,
)
"""Every event that changes a fact (`projections.HANDLERS`); one handler keeps a batch in a single run."""


async def on_fact_event(received: list[Event], deps: AnalyticsDeps) -> None:
    await deps.service.project(received)


events = EventConsumer(group_id="analytics", description="Every service's events, for the read models")
events.on(*PROJECTED)(on_fact_event)

CONSUMERS = [events]
