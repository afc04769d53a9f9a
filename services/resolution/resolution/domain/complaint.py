"""What the complaint says, as the customer filed it (from intake's ComplaintReceived): kept beside the case, keyed
by complaint id, so that it is never lost whichever of receipt and routing resolution hears first."""

from datetime import datetime

from complaint_contracts.intake import ComplaintReceived
from complaint_contracts.types import AttachmentRef, Channel, Language, Money, RemedyKind
from pydantic import BaseModel, ConfigDict, Field

WITHHELD = "(withheld)"
"""What an employee who may not see personal data reads in place of it."""


class Customer(BaseModel):
    """Who complains and how they can be reached."""

    model_config = ConfigDict(frozen=True)

    name: str | None = Field(default=None, description="As the customer gave it; absent when they gave none")
    email: str | None = None
    phone: str | None = None
    postal_address: str | None = None
    customer_ref: str | None = Field(default=None, description="Customer or account number")
    preferred_channel: Channel = Channel.EMAIL
    vulnerable: bool = False
    segment: str | None = Field(default=None, description="Customer segment, e.g. premium")


class About(BaseModel):
    """Whom the complaint is about: nobody on this list may handle it (objectivity)."""

    model_config = ConfigDict(frozen=True)

    team: str | None = None
    employee: str | None = Field(default=None, description="Employee id, as internal systems submit it")
    employee_name: str | None = Field(default=None, description="The employee's name as the customer knows it")
    store: str | None = None
    supplier: str | None = None


class Erasure(BaseModel):
    """That the complaint's personal data was erased: which erasure, why and when (nothing of the data itself)."""

    model_config = ConfigDict(frozen=True)

    erasure_id: str
    reason: str = Field(description="`request`: the customer asked; `retention`: its retention period ran out")
    erased_at: datetime
    fields: tuple[str, ...] | None = Field(
        default=None, description="Which personal fields held a value (`customer.email`, `order_reference`…), so "
                                  "staff read \"erased\" only where there was something; None: not recorded")


class ComplaintDetails(BaseModel):
    """The complaint in the customer's words, with its evidence and the customer's details."""

    model_config = ConfigDict(frozen=True)

    complaint_id: str
    tracking_number: str
    received_at: datetime
    channel: Channel
    language: Language
    jurisdiction: str
    title: str
    description: str
    product: str | None = None
    order_reference: str | None = None
    occurred_at: datetime | None = None
    amount_claimed: Money | None = None
    desired_remedy: RemedyKind | None = None
    desired_remedy_details: str | None = None
    customer: Customer
    about: About = Field(default_factory=About)
    attachments: list[AttachmentRef] = Field(default_factory=list)
    source_system: str | None = None
    external_reference: str | None = None
    erasure: Erasure | None = Field(default=None, description="Set once the customer's personal data was erased")
    personal_data_key: str | None = Field(
        default=None, description="Id of the key intake sealed the customer's personal data with: what staff write "
                                  "to the customer is published sealed with it (absent on older complaints)")

    def searchable_texts(self) -> list[str | None]:
        """The texts whose words find the complaint."""
        return [self.title, self.description, self.product, self.desired_remedy_details]

    def without_personal_data(self) -> "ComplaintDetails":
        """The details for an employee who may not see personal data: contact details and names withheld."""
        customer = Customer(name=WITHHELD, preferred_channel=self.customer.preferred_channel,
                            vulnerable=self.customer.vulnerable, segment=self.customer.segment)
        about = self.about.model_copy(update={"employee": WITHHELD if self.about.employee else None,
                                              "employee_name": WITHHELD if self.about.employee_name else None})
        return self.model_copy(update={"customer": customer, "about": about,
                                       "order_reference": WITHHELD if self.order_reference else None})


def details_from(received: ComplaintReceived) -> ComplaintDetails:
    """The details of a received complaint."""
    contact = received.customer
    return ComplaintDetails(
        complaint_id=received.complaint_id, tracking_number=received.tracking_number,
        received_at=received.received_at, channel=received.channel, language=received.language,
        jurisdiction=received.jurisdiction, title=received.title, description=received.description,
        product=received.product, order_reference=received.order_reference, occurred_at=received.occurred_at,
        amount_claimed=received.amount_claimed, desired_remedy=received.desired_remedy,
        desired_remedy_details=received.desired_remedy_details,
        customer=Customer(name=contact.name, email=contact.email, phone=contact.phone,
                          postal_address=contact.postal_address, customer_ref=contact.customer_ref,
                          preferred_channel=contact.preferred_channel, vulnerable=contact.vulnerable,
                          segment=received.customer_tier),
        about=About(team=received.about_team, employee=received.about_employee,
                    employee_name=received.about_employee_name, store=received.about_store,
                    supplier=received.about_supplier),
        attachments=list(received.attachments), source_system=received.source_system,
        external_reference=received.external_reference, personal_data_key=received.personal_data_key)
