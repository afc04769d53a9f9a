"""Kafka entry points of routing: thin handlers (contract in, one call) registered on one consumer group."""

from complaint_contracts import topics
from complaint_contracts.intake import (
    ComplaintReceived,
    ComplaintRecordExpired,
    EscalationRequested,
    PersonalDataErased,
)
from complaint_contracts.resolution import AssessmentCorrected, CaseEscalated, WorkloadChanged
from complaints_chassis.consumer import EventConsumer

from ..deps import RoutingDeps
from ..domain.learning import correction_of

events = EventConsumer(group_id="routing",
                       description="New complaints to assess and route; escalations, workload changes and staff "
                                   "corrections of the assessment; erasures of personal data; complaint records "
                                   "at the end of their retention",
                       # Workloads, escalations and corrections may wait a second; new complaints never.
                       paced_topics=frozenset({topics.RESOLUTION}))


@events.on(ComplaintReceived)
async def on_complaint_received(received: list[ComplaintReceived], deps: RoutingDeps) -> None:
    await deps.service.route(received=received)


@events.on(CaseEscalated, EscalationRequested)
async def on_escalation(escalations: list[CaseEscalated | EscalationRequested], deps: RoutingDeps) -> None:
    await deps.service.reroute(escalations=escalations)


@events.on(WorkloadChanged)
async def on_workload_changed(changes: list[WorkloadChanged], deps: RoutingDeps) -> None:
    await deps.service.record_workload(changes=changes)


@events.on(AssessmentCorrected)
async def on_assessment_corrected(corrections: list[AssessmentCorrected], deps: RoutingDeps) -> None:
    await deps.service.record_corrections(corrections=[correction_of(event) for event in corrections])
    await deps.service.revise_deadlines(corrections=corrections)


@events.on(PersonalDataErased)
async def on_personal_data_erased(erasures: list[PersonalDataErased], deps: RoutingDeps) -> None:
    await deps.privacy.erase(erasures=erasures)


@events.on(ComplaintRecordExpired)
async def on_complaint_record_expired(expired: list[ComplaintRecordExpired], deps: RoutingDeps) -> None:
    await deps.privacy.expire(expired=expired)


CONSUMERS = [events]
