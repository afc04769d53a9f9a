"""What the staff API answers."""

from datetime import datetime

from complaints_chassis.clock import Clock
from pydantic import BaseModel, Field

from ..domain.case import Case
from ..domain.case_file import CaseFile, DuplicateView
from ..domain.complaint import ComplaintDetails
from ..domain.conversation import ConversationEntry
from ..domain.corrective import CorrectiveAction
from ..domain.ledger import CurrencyTotals
from ..domain.response_templates import ResponseTemplate
from ..domain.search import CaseLine
from ..domain.states import CaseAction


class ClockView(BaseModel):
    now: datetime
    offset_seconds: float

    @classmethod
    def of(cls, clock: Clock) -> "ClockView":
        return cls(now=clock(), offset_seconds=clock.offset.total_seconds())


class CaseView(Case):
    allowed_actions: list[CaseAction] = Field(
        description="What the caller may do now: what the lifecycle allows in the current state and the caller's "
                    "roles, teams and departments permit on this case")
    redress_totals: list[CurrencyTotals] = Field(description="Offered, accepted and paid per currency")
    complaint: ComplaintDetails | None = Field(
        description="What the complaint says, as filed (null until intake's receipt reached resolution)")
    personal_data_withheld: bool = Field(description="The customer's contact details are withheld from this reader")
    conversation: list[ConversationEntry] = Field(
        description="Everything the customer wrote and staff asked, noted, proposed and answered, oldest first")
    duplicates: list[DuplicateView] = Field(description="Linked duplicates, with their tracking numbers")  # type: ignore[assignment]
    acknowledgement: str = Field(description="Whether the customer was told their complaint was received")
    applied_event_keys: list[str] = Field(default_factory=list, exclude=True)
    watermarks: dict[str, datetime] = Field(default_factory=dict, exclude=True)

    @classmethod
    def of(cls, file: CaseFile) -> "CaseView":
        case = file.case
        return cls(**{**dict(case), "duplicates": file.duplicates}, allowed_actions=file.allowed_actions,
                   redress_totals=list(case.redress.totals().values()), complaint=file.complaint,
                   personal_data_withheld=file.personal_data_withheld, conversation=file.conversation,
                   acknowledgement=file.acknowledgement)


class QueuePage(BaseModel):
    items: list[CaseLine]
    total: int = Field(description="Cases the filter selects within what the caller may see")
    offset: int
    limit: int


class SearchResults(BaseModel):
    items: list[CaseLine] = Field(description="Nearest deadline first")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page")
    truncated: bool = Field(description="More complaints matched the keys and words than one search considers: "
                                        "narrow it")


class CaseLines(BaseModel):
    items: list[CaseLine]


class ResponseTemplates(BaseModel):
    items: list[ResponseTemplate]


class FinalResponseCheck(BaseModel):
    missing: list[str] = Field(description="What the case's regime makes mandatory and the draft lacks (refused)")
    minimum_gaps: list[str] = Field(description="What of the ISO 10002 minimum the draft lacks")
    minimum_enforced: bool = Field(description="Whether a draft lacking the minimum is refused")


class CorrectiveActionsPage(BaseModel):
    items: list[CorrectiveAction]
    next_after: str | None = Field(description="Pass as `after` for the next page; null on the last page")

