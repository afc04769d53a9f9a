"""The use cases, as the entry points (handlers, API, deadline scan) call them: one facade over the modules of
`usecases/` (inbound events, reading and finding cases, staff actions, corrective actions, the deadline scan), each
change one stored write with its events."""

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta

from complaint_contracts.analytics import SystemicIssueDetected
from complaint_contracts.intake import ComplaintReceived, ComplaintRecordExpired, PersonalDataErased
from complaint_contracts.resolution import CorrectiveActionRaised
from complaint_contracts.routing import ComplaintRouted, PossibleDuplicateDetected
from complaint_contracts.types import Language, Outcome
from complaints_chassis.clock import Clock

from .domain.access import Principal
from .domain.case_file import CaseFile
from .domain.commands import StaffCommand
from .domain.conversation import CustomerEvent
from .domain.corrective import CapaScope, CapaStatus, CorrectiveAction
from .domain.effectiveness import Effectiveness
from .domain.queue import QueueFilter
from .domain.reactions import InboundEvent
from .domain.response_templates import ResponseTemplate
from .domain.search import CaseLine, CaseSearch
from .usecases import (
    case_reading,
    corrective_actions,
    deadline_scan,
    finding,
    inbound,
    personal_data,
    record_expiry,
    staff_actions,
    workload_counts,
)
from .usecases.case_reading import DraftCheck
from .usecases.core import CaseNotReady, CaseWork, random_id
from .usecases.finding import Export, SearchPage
from .usecases.personal_data import KeptRecords

__all__ = ["CaseNotReady", "ResolutionService", "random_id"]


class ResolutionService(CaseWork):
    """Resolution's use cases (the state they share is CaseWork's)."""

    async def open_cases(self, *, routed: Sequence[ComplaintRouted]) -> None:
        """Open a case per routed complaint; a complaint that has its case already ignores the redelivery."""
        await inbound.open_cases(self, routed=routed)

    async def record_received(self, *, received: Sequence[ComplaintReceived]) -> None:
        """Keep what each complaint says, beside its case (whichever comes first)."""
        await inbound.record_received(self, received=received)

    async def hear_customer(self, *, events: Sequence[CustomerEvent]) -> None:
        """Keep everything the customer wrote and let the cases react to it."""
        await inbound.hear_customer(self, events=events)

    async def react_to(self, *, events: Sequence[InboundEvent]) -> None:
        """Apply routing's and notification's events to their cases, each once."""
        await inbound.react_to(self, events=events)

    async def link_detected_duplicates(self, *, detected: Sequence[PossibleDuplicateDetected]) -> None:
        """Link the duplicates routing detected, on both cases."""
        await inbound.link_detected(self, detected=detected)

    async def erase_personal_data(self, *, erased: Sequence[PersonalDataErased]) -> None:
        """Drop the customer's personal data from everything kept about the complaints; keep their record."""
        await personal_data.erase_personal_data(self, erased=erased)

    async def expire_records(self, *, expired: Sequence[ComplaintRecordExpired]) -> None:
        """Delete everything kept about complaints whose record retention ended (closed cases only)."""
        await record_expiry.expire_records(self, expired=expired)

    async def kept_records(self, *, complaint_ids: Collection[str]) -> dict[str, KeptRecords]:
        """Every record kept about each of the complaints (an access request)."""
        return await personal_data.kept_records(self, complaint_ids=complaint_ids)

    async def view(self, *, complaint_id: str, principal: Principal) -> CaseFile:
        """The case file, if the employee may see the case."""
        return await case_reading.view(self, complaint_id=complaint_id, principal=principal)

    async def customer_history(self, *, complaint_id: str, principal: Principal) -> list[CaseLine]:
        """The customer's other complaints the employee may see."""
        return await case_reading.customer_history(self, complaint_id=complaint_id, principal=principal)

    async def response_templates(self, *, complaint_id: str, principal: Principal, language: Language | None,
                                 outcome: Outcome | None) -> list[ResponseTemplate]:
        """The final-response templates for the case, filled in from it."""
        return await case_reading.response_templates(self, complaint_id=complaint_id, principal=principal,
                                                     language=language, outcome=outcome)

    async def check_final_response(self, *, complaint_id: str, principal: Principal, outcome: Outcome,
                                   text: str) -> DraftCheck:
        """What a draft final response lacks, before it is sent."""
        return await case_reading.check_final_response(self, complaint_id=complaint_id, principal=principal,
                                                       outcome=outcome, text=text)

    async def work_queue(self, *, principal: Principal, queue_filter: QueueFilter) -> tuple[list[CaseLine], int]:
        """One page of the work queue within what the employee may see, and how many it selects."""
        return await finding.work_queue(self, principal=principal, queue_filter=queue_filter)

    async def search(self, *, principal: Principal, search: CaseSearch) -> SearchPage:
        """One page of a search within what the employee may see."""
        return await finding.search(self, principal=principal, search=search)

    async def export(self, *, principal: Principal, search: CaseSearch) -> Export:
        """The search's cases as CSV (audited)."""
        return await finding.export(self, principal=principal, search=search)

    async def act(self, *, complaint_id: str, principal: Principal, version: int, reason: str,
                  command: StaffCommand) -> CaseFile:
        """Carry out a staff command against the version the employee read."""
        return await staff_actions.act(self, complaint_id=complaint_id, principal=principal, version=version,
                                       reason=reason, command=command)

    async def link_duplicate(self, *, complaint_id: str, principal: Principal, version: int, reason: str,
                             original_id: str, assign_to_original_owner: bool = False) -> CaseFile:
        """Link the case to the complaint it duplicates (and optionally give it to that one's owner)."""
        return await staff_actions.link_duplicate(self, complaint_id=complaint_id, principal=principal,
                                                  version=version, reason=reason, original_id=original_id,
                                                  assign_to_original_owner=assign_to_original_owner)

    async def merge_duplicate(self, *, complaint_id: str, principal: Principal, version: int, reason: str,
                              into: str) -> CaseFile:
        """Close the case as merged into the original, which carries on."""
        return await staff_actions.merge_duplicate(self, complaint_id=complaint_id, principal=principal,
                                                   version=version, reason=reason, into=into)

    async def raise_corrective_action(self, *, principal: Principal, complaint_ids: list[str], reason: str,
                                      action_id: str | None, root_cause: str, action: str, owner: str,
                                      preventive: bool = False, due_at: datetime | None = None,
                                      scope: CapaScope | None = None) -> CorrectiveActionRaised:
        """Attach a corrective or preventive action to cases and keep it for follow-up; announce it once."""
        return await corrective_actions.raise_action(
            self, principal=principal, complaint_ids=complaint_ids, reason=reason, action_id=action_id,
            root_cause=root_cause, action=action, owner=owner, preventive=preventive, due_at=due_at, scope=scope)

    async def propose_corrective_actions(self, *, issues: Sequence[SystemicIssueDetected]) -> None:
        """Keep analytics' systemic issues as proposed corrective actions."""
        await corrective_actions.propose_from_issues(self, issues=issues)

    async def corrective_actions(self, *, principal: Principal, status: CapaStatus | None, owner: str | None,
                                 complaint_id: str | None, limit: int, after: str | None) -> list[CorrectiveAction]:
        """A page of corrective actions."""
        return await corrective_actions.list_actions(self, principal=principal, status=status, owner=owner,
                                                     complaint_id=complaint_id, limit=limit, after=after)

    async def corrective_action(self, *, principal: Principal, action_id: str) -> CorrectiveAction:
        """One corrective action with its history."""
        return await corrective_actions.get_action(self, principal=principal, action_id=action_id)

    async def assign_corrective_action(self, *, principal: Principal, action_id: str, version: int, owner: str,
                                       due_at: datetime | None, note: str) -> CorrectiveAction:
        """Give a corrective action an owner and a due date."""
        return await corrective_actions.assign(self, principal=principal, action_id=action_id, version=version,
                                               owner=owner, due_at=due_at, note=note)

    async def move_corrective_action(self, *, principal: Principal, action_id: str, version: int,
                                     status: CapaStatus, note: str) -> CorrectiveAction:
        """Move a corrective action along its lifecycle."""
        return await corrective_actions.move(self, principal=principal, action_id=action_id, version=version,
                                             status=status, note=note)

    async def corrective_action_effectiveness(self, *, principal: Principal, action_id: str) -> Effectiveness:
        """Recurrences since the action was implemented, against the time before."""
        return await corrective_actions.check_effectiveness(self, principal=principal, action_id=action_id)

    async def scan_deadlines(self) -> None:
        """One round of the deadline scan."""
        await deadline_scan.scan_deadlines(self)

    async def settle_workloads_in_doubt(self, *, older_than: timedelta = workload_counts.IN_DOUBT_AFTER) -> None:
        """Settle the open-case moves whose writers stopped before settling them (the scan does it every round)."""
        await workload_counts.settle_in_doubt(self, older_than=older_than)

    async def count_workloads_if_missing(self) -> bool:
        """Count the workloads from the cases unless they are counted already; True when it counted."""
        return await workload_counts.count_if_missing(self)

    async def rebuild_workloads(self) -> None:
        """Count every workload afresh from the cases and announce them, and the open cases per state and priority
        (exact while no case changes)."""
        await workload_counts.rebuild(self)
        await workload_counts.rebuild_open_cases(self)

    def controlled_clock(self, *, principal: Principal) -> Clock:
        """The service clock, for an admin, where clock control is switched on."""
        return deadline_scan.controlled_clock(self, principal=principal)

    async def shift_clock(self, *, principal: Principal, seconds: float) -> Clock:
        """Move the service clock (tests and demos) and scan the deadlines at once."""
        return await deadline_scan.shift_clock(self, principal=principal, seconds=seconds)
