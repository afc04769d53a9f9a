"""Messages to the customer, one builder per triggering event."""

from collections.abc import Callable
from typing import Any

from complaint_contracts import (
    CaseEscalated,
    ComplaintClosed,
    ComplaintKind,
    ComplaintReopened,
    ComplaintResolved,
    ComplaintRouted,
    InformationRequested,
    PublicNoteAdded,
    ResolutionProposed,
)

from .catalogue import Template
from .facts import ComplaintFacts
from .links import SiteLinks
from .regulatory import customer_deadlines, referral_for

Context = dict[str, Any]


def customer_context(*, facts: ComplaintFacts, links: SiteLinks) -> Context:
    """Variables every customer message uses."""
    return {"organisation": links.organisation, "customer_name": facts.customer.name,
            "tracking_number": facts.tracking_number, "complaint_title": facts.title,
            "status_url": links.status_for(facts.tracking_number)}


def survey_invited(*, facts: ComplaintFacts, reason: str) -> bool:
    """Invite to the satisfaction survey after a resolution, only if the customer accepts optional messages."""
    return reason == "resolved" and facts.customer.consent_marketing


def _acknowledgement(event: ComplaintRouted, facts: ComplaintFacts, links: SiteLinks) -> Context:
    return {"department": event.department, "received_at": facts.received_at,
            "is_enquiry": event.kind is ComplaintKind.ENQUIRY, "deadlines": customer_deadlines(event.deadlines)}


def _information_requested(event: InformationRequested, facts: ComplaintFacts, links: SiteLinks) -> Context:
    return {"question": event.question, "respond_by": event.respond_by}


def _resolution_proposed(event: ResolutionProposed, facts: ComplaintFacts, links: SiteLinks) -> Context:
    return {"summary": event.summary, "remedies": list(event.remedies), "respond_by": event.respond_by}


def _final_response(event: ComplaintResolved, facts: ComplaintFacts, links: SiteLinks) -> Context:
    return {"outcome": event.outcome.value, "final_response": event.final_response,
            "referral": referral_for(facts.regime)}


def _closed(event: ComplaintClosed, facts: ComplaintFacts, links: SiteLinks) -> Context:
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


CUSTOMER_BUILDERS: dict[type, tuple[Template, Callable[[Any, ComplaintFacts, SiteLinks], Context]]] = {
    ComplaintRouted: (Template.ACKNOWLEDGEMENT, _acknowledgement),
    InformationRequested: (Template.INFORMATION_REQUESTED, _information_requested),
    ResolutionProposed: (Template.RESOLUTION_PROPOSED, _resolution_proposed),
    ComplaintResolved: (Template.FINAL_RESPONSE, _final_response),
    ComplaintClosed: (Template.COMPLAINT_CLOSED, _closed),
    ComplaintReopened: (Template.COMPLAINT_REOPENED, _reopened),
    CaseEscalated: (Template.COMPLAINT_ESCALATED, _escalated),
    PublicNoteAdded: (Template.CASE_NOTE, _note),
}
"""Event class → the customer template it triggers and the builder of its specific variables."""
