"""Every message the platform sends: its template, who it is for, and whether opt-outs can stop it."""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Template(StrEnum):
    ACKNOWLEDGEMENT = "acknowledgement"
    INFORMATION_REQUESTED = "information_requested"
    RESOLUTION_PROPOSED = "resolution_proposed"
    FINAL_RESPONSE = "final_response"
    COMPLAINT_CLOSED = "complaint_closed"
    COMPLAINT_REOPENED = "complaint_reopened"
    COMPLAINT_ESCALATED = "complaint_escalated"
    CASE_NOTE = "case_note"
    ACCESS_CODE = "access_code"
    PROPOSAL_ACCEPTED = "proposal_accepted"
    PLAN_STEP_COMPLETED = "plan_step_completed"
    REDRESS_PAID = "redress_paid"
    RESOLUTION_IMPLEMENTED = "resolution_implemented"
    COMPLAINT_MERGED = "complaint_merged"
    NEW_ASSIGNMENT = "new_assignment"
    DEADLINE_WARNING = "deadline_warning"
    DEADLINE_BREACHED = "deadline_breached"
    CASE_ESCALATED = "case_escalated"
    POSSIBLE_DUPLICATE = "possible_duplicate"
    SYSTEMIC_ISSUE = "systemic_issue"
    PLAN_STEP_OVERDUE = "plan_step_overdue"


class Audience(StrEnum):
    CUSTOMER = "customer"
    STAFF = "staff"


class MessageSpec(BaseModel):
    """How one kind of message is treated, whatever triggered it."""

    model_config = ConfigDict(frozen=True)

    template: Template
    audience: Audience
    mandatory: bool
    """A service message: sent even when the customer accepts no marketing (`consent_marketing` is false). Every
    message of the catalogue is one today; the flag stays for optional messages (newsletters, offers)."""
    regulatory_letter: bool = False
    """Under a regulatory regime it must reach a durable medium (e-mail or paper), never SMS alone."""


def _customer(template: Template, *, mandatory: bool = True, regulatory_letter: bool = False) -> MessageSpec:
    return MessageSpec(template=template, audience=Audience.CUSTOMER, mandatory=mandatory,
                       regulatory_letter=regulatory_letter)


def _staff(template: Template) -> MessageSpec:
    return MessageSpec(template=template, audience=Audience.STAFF, mandatory=True)


CATALOGUE: dict[Template, MessageSpec] = {spec.template: spec for spec in (
    # ISO 10002 acknowledgement; FCA DISP 1.6 wants it in writing with the deadline that applies.
    _customer(Template.ACKNOWLEDGEMENT, regulatory_letter=True),
    _customer(Template.INFORMATION_REQUESTED),
    _customer(Template.RESOLUTION_PROPOSED),
    # The final response carries the referral rights regulators require (FCA DISP 1.6, PSD2 Art. 101).
    _customer(Template.FINAL_RESPONSE, regulatory_letter=True),
    _customer(Template.COMPLAINT_CLOSED),
    _customer(Template.COMPLAINT_REOPENED),
    _customer(Template.COMPLAINT_ESCALATED),
    # Progress notes meant for the customer are about their own complaint: a service message, not marketing.
    _customer(Template.CASE_NOTE),
    _customer(Template.ACCESS_CODE),
    _customer(Template.PROPOSAL_ACCEPTED),
    _customer(Template.PLAN_STEP_COMPLETED),
    _customer(Template.REDRESS_PAID),
    _customer(Template.RESOLUTION_IMPLEMENTED),
    _customer(Template.COMPLAINT_MERGED),
    _staff(Template.NEW_ASSIGNMENT),
    _staff(Template.DEADLINE_WARNING),
    _staff(Template.DEADLINE_BREACHED),
    _staff(Template.CASE_ESCALATED),
    _staff(Template.POSSIBLE_DUPLICATE),
    _staff(Template.SYSTEMIC_ISSUE),
    _staff(Template.PLAN_STEP_OVERDUE),
)}
