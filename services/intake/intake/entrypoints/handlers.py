"""Kafka entry points of intake: thin handlers (contract in, one call) registered on one consumer group."""

from complaint_contracts import (
    CaseAssigned,
    CaseEscalated,
    CaseOpened,
    ComplaintClosed,
    ComplaintReopened,
    ComplaintRerouted,
    ComplaintResolved,
    ComplaintRouted,
    ComplaintSubmission,
    Event,
    InformationRequested,
    NotificationSent,
    PublicNoteAdded,
    RedressPaid,
    ResolutionImplemented,
    ResolutionProposed,
    topics,
)
from complaint_contracts.resolution import (
    CaseDeadlinesChanged,
    ComplaintMerged,
    InvestigationResumed,
    InvestigationStarted,
    PlanStepCompleted,
)
from complaints_chassis.consumer import EventConsumer

from ..deps import IntakeDeps

PROGRESS_EVENTS = (ComplaintRouted, ComplaintRerouted, CaseOpened, InvestigationStarted, InformationRequested,
                   InvestigationResumed, CaseDeadlinesChanged,
                   ResolutionProposed, ResolutionImplemented, RedressPaid, ComplaintResolved, ComplaintClosed,
                   ComplaintReopened, CaseEscalated, PublicNoteAdded, NotificationSent, ComplaintMerged,
                   PlanStepCompleted, CaseAssigned)
"""Other services' events the customer's status page shows, and those that name the team owning a complaint (whose
members may download its evidence)."""


async def on_complaint_submission(submissions: list[ComplaintSubmission], deps: IntakeDeps) -> None:
    """Record complaints other systems submitted."""
    await deps.filing.accept_submissions(submissions=submissions)


async def on_progress(events: list[Event], deps: IntakeDeps) -> None:
    """Follow the complaint's progress on the customer's timeline, and who owns it."""
    await deps.customers.follow(events=events)


events = EventConsumer(group_id="intake",
                       description="Internal submissions, and the progress the customer status page shows",
                       # The timeline may show progress a second late; submissions are never held back.
                       paced_topics=frozenset({topics.ROUTING, topics.RESOLUTION, topics.NOTIFICATION}))
events.on(ComplaintSubmission)(on_complaint_submission)
events.on(*PROGRESS_EVENTS)(on_progress)

CONSUMERS = [events]
