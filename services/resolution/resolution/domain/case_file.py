"""The case as staff read it: the case, what the complaint says, the whole conversation, the duplicates with their
tracking numbers, and whether the customer was reached — with personal data withheld from those who may not see
it."""

from collections.abc import Mapping
from datetime import datetime

from pydantic import BaseModel, Field

from .case import Case
from .complaint import ComplaintDetails
from .contact import acknowledgement_status
from .conversation import ConversationEntry, conversation


class DuplicateView(BaseModel):
    complaint_id: str
    tracking_number: str | None = Field(description="None until that complaint's receipt reached resolution")
    relation: str
    reason: str
    similarity: float | None
    linked_at: datetime


class CaseFile(BaseModel):
    case: Case
    complaint: ComplaintDetails | None = Field(description="None until intake's receipt reached resolution")
    personal_data_withheld: bool
    conversation: list[ConversationEntry]
    duplicates: list[DuplicateView]
    acknowledgement: str


def case_file(*, case: Case, complaint: ComplaintDetails | None, personal_data: bool,
              customer_entries: list[ConversationEntry], others: Mapping[str, ComplaintDetails]) -> CaseFile:
    """Put the case file together (`others`: the details of the complaints it is linked to)."""
    duplicates = [DuplicateView(complaint_id=link.complaint_id, relation=link.relation, reason=link.reason,
                                similarity=link.similarity, linked_at=link.linked_at,
                                tracking_number=others[link.complaint_id].tracking_number
                                if link.complaint_id in others else None)
                  for link in case.duplicates]
    shown = complaint if complaint is None or personal_data else complaint.without_personal_data()
    return CaseFile(case=case, complaint=shown, personal_data_withheld=not personal_data,
                    conversation=conversation(case=case, customer=customer_entries), duplicates=duplicates,
                    acknowledgement=acknowledgement_status(case))


def linked_complaints(case: Case) -> list[str]:
    """The complaints whose records the case file shows beside its own: duplicates and complaints merged in."""
    return list(dict.fromkeys([*(link.complaint_id for link in case.duplicates), *case.merged_from]))
