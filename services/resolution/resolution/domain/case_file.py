"""The case as staff read it: the case, what the complaint says, the whole conversation, the duplicates with their
tracking numbers, whether the customer was reached, and what the reader may do now — with personal data withheld
from those who may not see it, and what was erased saying so."""

from collections.abc import Mapping
from datetime import datetime

from pydantic import BaseModel, Field

from .case import Case
from .complaint import ComplaintDetails
from .contact import acknowledgement_status
from .conversation import ConversationEntry, conversation
from .erasure import shown_entry, shown_erased
from .states import CaseAction


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
    allowed_actions: list[CaseAction]
    """What the reader may do now: the lifecycle allows it in the current state and their access permits it."""


def case_file(*, case: Case, complaint: ComplaintDetails | None, personal_data: bool,
              customer_entries: list[ConversationEntry], others: Mapping[str, ComplaintDetails],
              actions: list[CaseAction]) -> CaseFile:
    """Put the case file together (`others`: the details of the complaints it is linked to; `actions`: what the
    reader may do now)."""
    duplicates = [DuplicateView(complaint_id=link.complaint_id, relation=link.relation, reason=link.reason,
                                similarity=link.similarity, linked_at=link.linked_at,
                                tracking_number=others[link.complaint_id].tracking_number
                                if link.complaint_id in others else None)
                  for link in case.duplicates]
    return CaseFile(case=case, complaint=_shown(case, complaint, personal_data=personal_data),
                    personal_data_withheld=not personal_data,
                    conversation=conversation(case=case, customer=[shown_entry(e) for e in customer_entries]),
                    duplicates=duplicates, acknowledgement=acknowledgement_status(case), allowed_actions=actions)


def _shown(case: Case, complaint: ComplaintDetails | None, *, personal_data: bool) -> ComplaintDetails | None:
    """The complaint as this reader sees it: what was erased says so (to anyone: nothing is left to withhold);
    otherwise personal data only for those who may see it."""
    if complaint is None:
        return None
    if complaint.erasure is not None or case.personal_data_erased_at is not None:
        return shown_erased(complaint)
    return complaint if personal_data else complaint.without_personal_data()


def linked_complaints(case: Case) -> list[str]:
    """The complaints whose records the case file shows beside its own: duplicates and complaints merged in."""
    return list(dict.fromkeys([*(link.complaint_id for link in case.duplicates), *case.merged_from]))
