"""Messages to the customer, one builder per triggering event (None: this event calls for no customer message)."""

from collections.abc import Callable
from typing import Any

from complaint_contracts import (
    AccessCodeIssued,
    CaseEscalated,
    ComplaintClosed,
    ComplaintKind,
    ComplaintReopened,
    ComplaintResolved,
    ComplaintRouted,
    Decision,
    InformationRequested,
    PublicNoteAdded,
    RedressPaid,
    ResolutionDecisionReceived,
    ResolutionImplemented,
    ResolutionProposed,
)
from complaint_contracts.resolution import ComplaintMerged, PlanStepCompleted
from complaints_calendar import CalendarBook
from pydantic import SecretStr

from .business_time import business_time, counted_in
from .catalogue import Template
from .facts import ComplaintFacts
from .links import SiteLinks
from .regulatory import customer_deadlines, referral_for

Context = dict[str, Any]

MERGED = "duplicate"
"""The close reason of a complaint merged into another (resolution closes the duplicate, then announces the merge)."""


def customer_context(*, facts: ComplaintFacts, links: SiteLinks, calendars: CalendarBook) -> Context:
    """Variables every customer message uses, with the business time its moments are written in."""
    return {"organisation": links.organisation, "customer_name": facts.customer.name,
            "tracking_number": facts.tracking_number, "complaint_title": facts.title,
            "status_url": links.status_for(facts.tracking_number),
            "business_time": business_time(facts=facts, calendars=calendars)}


def survey_invited(*, facts: ComplaintFacts, reason: str) -> bool:
    """Invite to the satisfaction survey after a resolution: a service message, whatever the marketing consent."""
    return reason == "resolved"


def access_code_standing(facts: ComplaintFacts) -> str:
    """What the acknowledgement says about the access code the status page asks for.

    `given`: filed on the web or by staff, the code was shown or read out at filing; `sent`: filed by another
    system, a code went out in its own message; `none`: filed by another system without one (the customer asks
    for one with the tracking number and the contact on file).
    """
    if facts.source_system is None:
        return "given"
    return "sent" if facts.access_code_issued_at is not None else "none"


def _acknowledgement(event: ComplaintRouted, facts: ComplaintFacts, links: SiteLinks) -> Context:
    deadlines = customer_deadlines(event.deadlines)
    return {"department": event.department, "received_at": facts.received_at,
            "is_enquiry": event.kind is ComplaintKind.ENQUIRY, "deadlines": deadlines,
            "counted_in": counted_in(deadlines), "access_code": access_code_standing(facts),
            "access_code_url": links.access_code_url}


def _access_code(event: AccessCodeIssued, facts: ComplaintFacts, links: SiteLinks) -> Context:
    # Kept secret in memory too: a repr or a log of the context shows stars; only the templates reveal it.
    return {"access_code": SecretStr(event.access_code), "requested": event.reason == "requested",
            "access_code_url": links.access_code_url}


def _information_requested(event: InformationRequested, facts: ComplaintFacts, links: SiteLinks) -> Context:
    return {"question": event.question, "respond_by": event.respond_by}


def _resolution_proposed(event: ResolutionProposed, facts: ComplaintFacts, links: SiteLinks) -> Context:
    return {"summary": event.summary, "remedies": list(event.remedies), "respond_by": event.respond_by,
            "plan": sorted(event.plan, key=lambda step: step.due_at)}


def _proposal_accepted(event: ResolutionDecisionReceived, facts: ComplaintFacts, links: SiteLinks) -> Context | None:
    if event.decision is not Decision.ACCEPTED:
        return None  # a rejection goes back to the investigation; the next proposal or final response follows
    return {"plan": sorted(facts.plans.get(event.proposal_id, ()), key=lambda step: step.due_at)}


def _plan_step_completed(event: PlanStepCompleted, facts: ComplaintFacts, links: SiteLinks) -> Context:
    return {"step": event.description, "note": event.note, "due_at": event.due_at, "completed_at": event.time}


def _redress_paid(event: RedressPaid, facts: ComplaintFacts, links: SiteLinks) -> Context:
    return {"remedy": event.kind.value, "amount": event.amount, "payment_reference": event.payment_reference,
            "paid_at": event.time}


def _implemented(event: ResolutionImplemented, facts: ComplaintFacts, links: SiteLinks) -> Context:
    return {"details": event.details}


def _merged(event: ComplaintMerged, facts: ComplaintFacts, links: SiteLinks) -> Context:
    number = event.merged_into_tracking_number
    return {"merged_into_tracking_number": number,
            "merged_into_status_url": links.status_for(number) if number else None}


def _final_response(event: ComplaintResolved, facts: ComplaintFacts, links: SiteLinks) -> Context:
    # The referral paragraph is added once: not when the response the agent wrote already carries it.
    return {"outcome": event.outcome.value, "final_response": event.final_response,
            "referral": None if event.referral_included else referral_for(facts.regime)}


def _closed(event: ComplaintClosed, facts: ComplaintFacts, links: SiteLinks) -> Context | None:
    if event.reason == MERGED:
        # The merge letter (ComplaintMerged, published with this closure) tells the customer where the complaint
        # went; a closing letter too would be a second, vaguer letter. Decided on the closure alone, so it holds
        # whichever of the two events comes first, and on every redelivery.
        return None
    invited = survey_invited(facts=facts, reason=event.reason)
    return {"reason": event.reason, "survey_url": links.survey_for(facts.tracking_number) if invited else None}


def _reopened(event: ComplaintReopened, facts: ComplaintFacts, links: SiteLinks) -> Context:
    # Like escalation, the reason is staff wording; the customer learns the case is open again.
    return {}


def _escalated(event: CaseEscalated, facts: ComplaintFacts, links: SiteLinks) -> Context:
    # The staff's reason is internal wording; the customer is told the tier and who asked for it.
    return {"tier": event.tier, "customer_requested": event.trigger == "customer"}


def _note(event: PublicNoteAdded, facts: ComplaintFacts, links: SiteLinks) -> Context:
    return {"note": event.text}


Builder = Callable[[Any, ComplaintFacts, SiteLinks], Context | None]

CUSTOMER_BUILDERS: dict[type, tuple[Template, Builder]] = {
    ComplaintRouted: (Template.ACKNOWLEDGEMENT, _acknowledgement),
    AccessCodeIssued: (Template.ACCESS_CODE, _access_code),
    InformationRequested: (Template.INFORMATION_REQUESTED, _information_requested),
    ResolutionProposed: (Template.RESOLUTION_PROPOSED, _resolution_proposed),
    ResolutionDecisionReceived: (Template.PROPOSAL_ACCEPTED, _proposal_accepted),
    PlanStepCompleted: (Template.PLAN_STEP_COMPLETED, _plan_step_completed),
    RedressPaid: (Template.REDRESS_PAID, _redress_paid),
    ResolutionImplemented: (Template.RESOLUTION_IMPLEMENTED, _implemented),
    ComplaintMerged: (Template.COMPLAINT_MERGED, _merged),
    ComplaintResolved: (Template.FINAL_RESPONSE, _final_response),
    ComplaintClosed: (Template.COMPLAINT_CLOSED, _closed),
    ComplaintReopened: (Template.COMPLAINT_REOPENED, _reopened),
    CaseEscalated: (Template.COMPLAINT_ESCALATED, _escalated),
    PublicNoteAdded: (Template.CASE_NOTE, _note),
}
"""Event class → the customer template it triggers and the builder of its specific variables."""

SEND_TO: dict[type, Callable[[Any], str]] = {AccessCodeIssued: lambda event: event.send_to}
"""Events whose message goes to one contact route only (the one named), never to another channel."""
