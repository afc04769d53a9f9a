"""Staff commands that move a case along its lifecycle; each returns the events to publish."""

from datetime import datetime
from typing import Literal

from complaint_contracts.base import Event
from complaint_contracts.resolution import (
    ComplaintClosed,
    ComplaintResolved,
    InformationRequested,
    InvestigationResumed,
    InvestigationStarted,
    RedressPaid,
    ResolutionImplemented,
    ResolutionProposed,
)
from complaint_contracts.types import Decision, Language, Money, Outcome, Remedy, RemedyKind

from .case import Acting, Case, InformationRequest, IssuedResponse, Proposal, case_event, check_action, record
from .case_parts import PlanStep
from .complaint import ComplaintDetails
from .errors import FinalResponseIncomplete, RuleViolation
from .final_response import carries_referral, missing_final_response_content
from .plan import has_dated_plan, plan_contract
from .policy import DEFAULT_POLICY, CasePolicy
from .ports import BusinessCalendar
from .response_minimum import minimum_content_gaps
from .sla_clocks import pause_service_clock, resume_service_clock, service_deadlines
from .states import CaseAction, CaseState

CloseReason = Literal["resolved", "no_response", "duplicate"]
CLOSE_ACTIONS: dict[CloseReason, CaseAction] = {
    "resolved": CaseAction.CLOSE, "no_response": CaseAction.CLOSE_NO_RESPONSE, "duplicate": CaseAction.CLOSE_DUPLICATE}


def start_investigation(*, case: Case, acting: Acting,
                        policy: CasePolicy = DEFAULT_POLICY) -> list[InvestigationStarted]:
    """Start investigating (or start again after the customer rejected a proposal), and say who did and when."""
    check_action(case, action=CaseAction.INVESTIGATE, acting=acting)
    restarted = case.state is CaseState.REJECTED
    record(case, action=CaseAction.INVESTIGATE, acting=acting, policy=policy)
    return [case_event(InvestigationStarted, case, acting, started_at=acting.at, by=acting.by, restarted=restarted)]


def request_information(*, case: Case, acting: Acting, request_id: str, question: str,
                        respond_by: datetime | None = None,
                        policy: CasePolicy = DEFAULT_POLICY) -> list[InformationRequested]:
    """Ask the customer for information and pause the service SLA until they answer."""
    check_action(case, action=CaseAction.REQUEST_INFORMATION, acting=acting)
    pause_service_clock(case, at=acting.at, request_id=request_id)
    case.information_request_id = request_id
    case.information_requests.append(InformationRequest(request_id=request_id, question=question, asked_at=acting.at,
                                                        by=acting.by, respond_by=respond_by))
    record(case, action=CaseAction.REQUEST_INFORMATION, acting=acting, policy=policy, detail={"request_id": request_id})
    return [case_event(InformationRequested, case, acting, request_id=request_id, question=question,
                       respond_by=respond_by, by=acting.by)]


def resume_investigation(*, case: Case, acting: Acting, calendar: BusinessCalendar,
                         policy: CasePolicy = DEFAULT_POLICY) -> list[InvestigationResumed]:
    """Stop waiting for the customer and restart the service SLA with its deadlines moved by the pause."""
    check_action(case, action=CaseAction.RESUME_INVESTIGATION, acting=acting)
    request_id, case.information_request_id = case.information_request_id, None
    paused = resume_service_clock(case, at=acting.at, calendar=calendar)
    record(case, action=CaseAction.RESUME_INVESTIGATION, acting=acting, policy=policy,
           detail={"paused_seconds": f"{paused:.0f}"})
    return [case_event(InvestigationResumed, case, acting, request_id=request_id, paused_seconds=paused,
                       service_deadlines=service_deadlines(case), by=acting.by)]


def propose_resolution(*, case: Case, acting: Acting, proposal_id: str, summary: str, remedies: list[Remedy],
                       respond_by: datetime | None = None, plan: list[PlanStep] | None = None,
                       policy: CasePolicy = DEFAULT_POLICY) -> list[ResolutionProposed]:
    """Propose a resolution with remedies and the plan of what will be done by when; it supersedes any proposal
    still awaiting the customer."""
    check_action(case, action=CaseAction.PROPOSE_RESOLUTION, acting=acting)
    if case.proposal(proposal_id) is not None:
        raise RuleViolation(f"proposal {proposal_id} already exists on this case")
    if not remedies:
        raise RuleViolation("a proposal offers at least one remedy")
    steps = list(plan or [])
    case.proposals.append(Proposal(proposal_id=proposal_id, summary=summary, remedies=remedies,
                                   proposed_at=acting.at, by=acting.by, respond_by=respond_by, plan=steps))
    case.current_proposal_id = proposal_id
    case.redress.offer(proposal_id=proposal_id, remedies=remedies)
    record(case, action=CaseAction.PROPOSE_RESOLUTION, acting=acting, policy=policy,
           detail={"proposal_id": proposal_id})
    return [case_event(ResolutionProposed, case, acting, proposal_id=proposal_id, summary=summary, remedies=remedies,
                       respond_by=respond_by, by=acting.by, plan=plan_contract(steps))]


def record_decision(*, case: Case, acting: Acting, proposal_id: str, decision: Decision,
                    policy: CasePolicy = DEFAULT_POLICY) -> list[Event]:
    """Record the customer's decision on the current proposal; the customer's own event is the announcement."""
    action = CaseAction.ACCEPT_RESOLUTION if decision is Decision.ACCEPTED else CaseAction.REJECT_RESOLUTION
    check_action(case, action=action, acting=acting)
    if proposal_id != case.current_proposal_id:
        raise RuleViolation(f"proposal {proposal_id} is not the one awaiting a decision ({case.current_proposal_id})")
    if decision is Decision.ACCEPTED:
        case.redress.accept(proposal_id=proposal_id)
    else:
        case.redress.decline(proposal_id=proposal_id)
    proposal = case.proposal(proposal_id)
    if proposal is not None:
        proposal.decision, proposal.decided_at = decision, acting.at
    record(case, action=action, acting=acting, policy=policy, detail={"proposal_id": proposal_id})
    return []


def record_implementation(*, case: Case, acting: Acting, details: str = "",
                          policy: CasePolicy = DEFAULT_POLICY) -> list[ResolutionImplemented]:
    """Record that (part of) the accepted resolution was carried out."""
    check_action(case, action=CaseAction.RECORD_IMPLEMENTATION, acting=acting)
    proposal_id = case.current_proposal_id or ""
    record(case, action=CaseAction.RECORD_IMPLEMENTATION, acting=acting, policy=policy,
           detail={"proposal_id": proposal_id})
    return [case_event(ResolutionImplemented, case, acting, proposal_id=proposal_id, details=details, by=acting.by)]


def pay_redress(*, case: Case, acting: Acting, proposal_id: str, kind: RemedyKind, amount: Money,
                payment_reference: str, policy: CasePolicy = DEFAULT_POLICY) -> list[RedressPaid]:
    """Record a redress payment; refuse one not accepted or above what is still payable."""
    check_action(case, action=CaseAction.PAY_REDRESS, acting=acting)
    case.redress.pay(proposal_id=proposal_id, kind=kind, amount=amount, reference=payment_reference,
                     paid_at=acting.at, by=acting.by)
    record(case, action=CaseAction.PAY_REDRESS, acting=acting, policy=policy,
           detail={"proposal_id": proposal_id, "payment_reference": payment_reference})
    return [case_event(RedressPaid, case, acting, proposal_id=proposal_id, kind=kind, amount=amount,
                       payment_reference=payment_reference, by=acting.by)]


def resolve(*, case: Case, acting: Acting, outcome: Outcome, final_response: str, root_cause: str | None = None,
            policy: CasePolicy = DEFAULT_POLICY, complaint: ComplaintDetails | None = None) -> list[ComplaintResolved]:
    """Issue the final response: refuse one that lacks its regime's mandatory content (and, where the policy
    enforces it, the ISO 10002 minimum); otherwise record what of that minimum it lacks."""
    check_action(case, action=CaseAction.RESOLVE, acting=acting)
    missing = missing_final_response_content(regime=case.regime, text=final_response)
    gaps = minimum_content_gaps(text=final_response, outcome=outcome, regime=case.regime,
                                language=complaint.language if complaint else Language.EN,
                                jurisdiction=complaint.jurisdiction if complaint else None,
                                dated_plan=has_dated_plan(case))
    if policy.minimum_content == "enforce":
        missing += gaps
    if missing:
        raise FinalResponseIncomplete(missing=missing)
    case.outcome, case.final_response, case.root_cause = outcome, final_response, root_cause
    case.resolved_at = acting.at
    case.final_responses.append(IssuedResponse(outcome=outcome, text=final_response, issued_at=acting.at,
                                               by=acting.by, gaps=gaps))
    record(case, action=CaseAction.RESOLVE, acting=acting, policy=policy, detail={"outcome": outcome.value})
    return [case_event(ComplaintResolved, case, acting, outcome=outcome, final_response=final_response,
                       root_cause=root_cause, by=acting.by,
                       referral_included=carries_referral(regime=case.regime, text=final_response))]


def close_case(*, case: Case, acting: Acting, reason: CloseReason, calendar: BusinessCalendar,
               policy: CasePolicy = DEFAULT_POLICY) -> list[ComplaintClosed]:
    """Close a resolved case, or one the customer never answered, or a duplicate."""
    return _close(case=case, acting=acting, action=CLOSE_ACTIONS[reason], reason=reason, calendar=calendar,
                  policy=policy)


def withdraw(*, case: Case, acting: Acting, calendar: BusinessCalendar,
             policy: CasePolicy = DEFAULT_POLICY) -> list[ComplaintClosed]:
    """Close the case because the customer withdrew the complaint."""
    return _close(case=case, acting=acting, action=CaseAction.WITHDRAW, reason="withdrawn", calendar=calendar,
                  policy=policy)


def _close(*, case: Case, acting: Acting, action: CaseAction, reason: str, calendar: BusinessCalendar,
           policy: CasePolicy) -> list[ComplaintClosed]:
    check_action(case, action=action, acting=acting)
    if case.state is CaseState.AWAITING_CUSTOMER:
        resume_service_clock(case, at=acting.at, calendar=calendar)
        case.information_request_id = None
    case.closed_at, case.close_reason = acting.at, reason
    record(case, action=action, acting=acting, policy=policy, detail={"reason": reason})
    return [case_event(ComplaintClosed, case, acting, reason=reason, by=acting.by)]
