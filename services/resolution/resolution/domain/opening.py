"""Opening a case from the routing decision."""

from datetime import datetime

from complaint_contracts.resolution import CaseOpened
from complaint_contracts.routing import ComplaintRouted

from .case import Acting, AuditEntry, Case, TrackedDeadline, case_event
from .policy import DEFAULT_POLICY, CasePolicy
from .states import CaseAction, CaseState


def open_case(*, routed: ComplaintRouted, acting: Acting, received_at: datetime | None = None,
              policy: CasePolicy = DEFAULT_POLICY) -> tuple[Case, list[CaseOpened]]:
    """Open a case for a routed complaint; its clocks start at receipt (or at routing when receipt is unknown)."""
    clocks_started = received_at or routed.time
    case = Case(
        complaint_id=routed.complaint_id, correlation_id=routed.correlation_id or routed.complaint_id,
        department=routed.department, team=routed.team, assignee=routed.assignee, kind=routed.kind,
        category=routed.category, priority=routed.priority, regime=routed.regime, state_entered_at=acting.at,
        opened_at=acting.at, version=1,
        deadlines=[TrackedDeadline(name=d.name, clock=d.clock, due_at=d.due_at, basis=d.basis,
                                   terms=d.terms, started_at=clocks_started,
                                   kept_elsewhere=d.name in policy.deadlines_kept_elsewhere)
                   for d in routed.deadlines],
        applied_event_keys=[routed.dedupe_key], watermarks={routed.source: routed.time},
        received_at=received_at, rules_version=routed.rules_version, rules_fired=list(routed.rules_fired),
        flags=list(routed.flags),
    )
    case.audit.append(AuditEntry(at=acting.at, by=acting.by, action=CaseAction.OPEN, reason=acting.reason,
                                 from_state=CaseState.OPENED, to_state=CaseState.OPENED, version=case.version,
                                 detail={"rules_version": routed.rules_version}))
    return case, [case_event(CaseOpened, case, acting, team=case.team, assignee=case.assignee)]
