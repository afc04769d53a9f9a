"""Shared contracts of the complaint platform: events, topics and their Kafka binding."""

from . import topics
from .analytics import AnalyticsEvent, SystemicIssueDetected
from .base import ComplaintEvent, Event
from .catalogue import ALL_EVENTS, EVENT_TOPIC, TOPIC_CLASSES, TOPIC_EVENTS
from .intake import (
    AccessCodeIssued,
    ComplaintReceived,
    ComplaintRecordExpired,
    ComplaintWithdrawn,
    CustomerMessageReceived,
    EscalationRequested,
    FeedbackReceived,
    IntakeEvent,
    PersonalDataErased,
    ReopeningRequested,
    ResolutionDecisionReceived,
)
from .kafka_binding import KafkaRecord, UndecodableEvent, UnknownEventType, from_kafka, to_kafka
from .notification import NotificationEvent, NotificationFailed, NotificationSent
from .resolution import (
    AssessmentCorrected,
    CaseAssigned,
    CaseDeadlinesChanged,
    CaseEscalated,
    CaseOpened,
    ComplaintClosed,
    ComplaintMerged,
    ComplaintReopened,
    ComplaintResolved,
    CorrectiveActionRaised,
    DeadlineBreached,
    DeadlineWarning,
    InformationRequested,
    InvestigationResumed,
    InvestigationStarted,
    PlanStep,
    PlanStepCompleted,
    PlanStepOverdue,
    PublicNoteAdded,
    RedressPaid,
    RegulatoryReportFiled,
    ResolutionEvent,
    ResolutionImplemented,
    ResolutionProposed,
    WorkloadChanged,
)
from .routing import (
    ComplaintRerouted,
    ComplaintRouted,
    ComplaintRoutingFailed,
    DeadlinesRevised,
    PossibleDuplicateDetected,
    RoutingEvent,
)
from .submissions import ComplaintSubmission, SubmissionEvent, SubmittedAttachment
from .types import (
    AttachmentRef,
    Category,
    Channel,
    Clock,
    ComplaintKind,
    CustomerContact,
    Deadline,
    DeadlineTerms,
    DeadlineUnit,
    Decision,
    Language,
    Money,
    Outcome,
    Priority,
    Regime,
    Remedy,
    RemedyKind,
)

__all__ = [name for name in dir() if not name.startswith("_")]
