"""HTTP request bodies of the customer actions; texts follow the same rules as the filing."""

from complaint_contracts import Decision
from pydantic import BaseModel, ConfigDict, Field

from .filing_parts import CustomerText, OptionalText, personal_field


class _ActionRequest(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class MessageRequest(_ActionRequest):
    """A message from the customer: a reply, or the information we asked for."""

    text: CustomerText = personal_field(min_length=1, max_length=20000,
                                        description="The message, in the customer's words",
                                        examples=["Чэк далучаю. Дзякуй!"])
    in_reply_to: str | None = Field(default=None, max_length=64,
                                    description="Id of the question it answers; by default the open question",
                                    examples=["req-1"])


class DecisionRequest(_ActionRequest):
    """The customer's decision on the proposed resolution."""

    proposal_id: str = Field(min_length=1, max_length=64, description="The proposal decided on", examples=["prop-1"])
    decision: Decision = Field(description="accepted or rejected")
    reason: OptionalText = personal_field(default=None, max_length=4000, description="Why, in the customer's words")


class FeedbackRequest(_ActionRequest):
    """How satisfied the customer is with the way the complaint was handled."""

    satisfaction: int = Field(ge=1, le=5, description="1 = very dissatisfied … 5 = very satisfied", examples=[4])
    comment: OptionalText = personal_field(default=None, max_length=4000,
                                           description="Anything the customer wants to add")


class WithdrawalRequest(_ActionRequest):
    """The customer withdraws the complaint."""

    reason: OptionalText = personal_field(default=None, max_length=4000,
                                          description="Why, if the customer wants to say")


class EscalationRequest(_ActionRequest):
    """The customer asks for the complaint to be escalated."""

    reason: CustomerText = personal_field(min_length=1, max_length=4000, description="Why, in the customer's words",
                                          examples=["Прапанова не пакрывае маіх выдаткаў."])
