"""How to reach the customer: the filing's contact details, and the reply channel of a submitted contact."""

from complaint_contracts import Channel, CustomerContact
from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from .fields import Email, OptionalText, Phone, personal_field

_NEEDS = {Channel.EMAIL: "email", Channel.PHONE: "phone", Channel.LETTER: "postal_address"}

class FilingContact(BaseModel):
    """Who complains and how to reach them: at least one of e-mail, phone or postal address."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: OptionalText = personal_field(default=None, max_length=200,
                                        description="Name as the customer gives it (optional: messages then use a "
                                                    "neutral salutation)", examples=["Alesia Kuzmich"])
    email: Email = personal_field(default=None, max_length=254, description="E-mail address",
                                  examples=["alesia@example.org"])
    phone: Phone = personal_field(default=None, max_length=32,
                                  description="Phone number with country code; spaces allowed",
                                  examples=["+375 29 123 45 67"])
    postal_address: OptionalText = personal_field(default=None, max_length=500,
                                                  description="Postal address for letters")
    customer_ref: OptionalText = personal_field(default=None, max_length=64,
                                                description="Customer or account number, if known")
    preferred_channel: Channel | None = Field(
        default=None, description="How to reply; by default e-mail, else phone, else letter")
    vulnerable: bool = Field(default=False, description="The customer would like extra care or support")
    consent_marketing: bool = Field(default=False, description="The customer accepts non-mandatory messages")

    @model_validator(mode="after")
    def _reachable(self) -> "FilingContact":
        if self.email is None and self.phone is None and self.postal_address is None:
            raise PydanticCustomError("no_contact_route",
                                      "give an e-mail address, a phone number or a postal address for our reply")
        needed = _NEEDS.get(self.preferred_channel) if self.preferred_channel else None
        if needed and getattr(self, needed) is None:
            raise PydanticCustomError("preferred_channel_unreachable",
                                      "the preferred channel needs its contact detail ({field})", {"field": needed})
        return self

    def reply_channel(self) -> Channel:
        """The channel to reply on: the customer's choice, else the first contact route they gave."""
        if self.preferred_channel is not None:
            return self.preferred_channel
        return Channel.EMAIL if self.email else Channel.PHONE if self.phone else Channel.LETTER

    def to_contact(self) -> CustomerContact:
        """The contract's contact value object."""
        return CustomerContact(name=self.name, email=self.email, phone=self.phone,
                               postal_address=self.postal_address, customer_ref=self.customer_ref,
                               preferred_channel=self.reply_channel(), vulnerable=self.vulnerable,
                               consent_marketing=self.consent_marketing)


def reachable(customer: CustomerContact) -> CustomerContact:
    """A submitted contact whose preferred channel is one the customer can be reached on."""
    # The contract defaults the preferred channel to e-mail; a customer without e-mail is answered on the
    # route they did give.
    routes = {Channel.EMAIL: customer.email, Channel.PHONE: customer.phone, Channel.LETTER: customer.postal_address}
    if customer.preferred_channel not in routes or routes[customer.preferred_channel]:
        return customer
    found = next((channel for channel, route in routes.items() if route), customer.preferred_channel)
    return customer.model_copy(update={"preferred_channel": found})
