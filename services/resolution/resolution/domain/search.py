"""Finding cases: by the keys a complaint is filed under (tracking number, the customer's e-mail or phone), by the
words of its text, and by the work queue's filters; nearest deadline first, one page at a time behind a cursor."""

import base64
import binascii
import json
from collections.abc import Iterable
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .access import CaseScope, VisibleScope
from .case import Case
from .errors import InvalidCursor
from .queue import CaseSummary, QueueFilter, queue_order
from .search_keys import email_key, phone_key, query_words, reference_key


class SearchKeys(BaseModel):
    """What the complaint is looked up by, normalised as the stored keys are (see search_keys)."""

    model_config = ConfigDict(frozen=True)

    tracking_number: str | None = None
    email: str | None = None
    phone: str | None = None
    words: tuple[str, ...] = ()

    @classmethod
    def of(cls, *, tracking_number: str | None = None, email: str | None = None, phone: str | None = None,
           text: str | None = None) -> "SearchKeys":
        return cls(tracking_number=reference_key(tracking_number), email=email_key(email), phone=phone_key(phone),
                   words=tuple(query_words(text or "")))

    @property
    def given(self) -> bool:
        """Tell whether any key or word narrows the search."""
        return any((self.tracking_number, self.email, self.phone, self.words))

    @property
    def personal(self) -> bool:
        """Tell whether the search looks the customer up by their contact details."""
        return self.email is not None or self.phone is not None


class SortPosition(BaseModel):
    """Where a page ended, in the queue's order: the next page starts after it."""

    model_config = ConfigDict(frozen=True)

    due: datetime
    rank: int
    opened: datetime
    complaint_id: str

    @classmethod
    def after(cls, line: Case | CaseSummary) -> "SortPosition":
        due, rank, opened, complaint_id = queue_order(line)
        return cls(due=due, rank=rank, opened=opened, complaint_id=complaint_id)

    def key(self) -> tuple[datetime, int, datetime, str]:
        return self.due, self.rank, self.opened, self.complaint_id


def encode_cursor(position: SortPosition) -> str:
    """An opaque cursor for the page after `position` (it holds no personal data)."""
    return base64.urlsafe_b64encode(position.model_dump_json().encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> SortPosition:
    """The position a cursor names; InvalidCursor when it was not made by encode_cursor."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        return SortPosition.model_validate(json.loads(raw))
    except (binascii.Error, ValueError, ValidationError) as exc:
        raise InvalidCursor("the cursor is not one this service issued; start again without it") from exc


class CaseSearch(BaseModel):
    """One page of a search: keys, filters and where the previous page ended."""

    model_config = ConfigDict(frozen=True)

    keys: SearchKeys = Field(default_factory=SearchKeys)
    filter: QueueFilter = Field(default_factory=QueueFilter)
    after: SortPosition | None = None
    limit: int = Field(default=50, ge=1, le=500)


class CaseLine(CaseSummary):
    """A found case: its queue line with the complaint's tracking number and title (once intake's receipt came)."""

    tracking_number: str | None = None
    title: str | None = None


def search_page(*, cases: Iterable[Case], search: CaseSearch, scope: VisibleScope,
                candidates: set[str] | None) -> list[Case]:
    """The cases of one page, in memory (the Mongo store runs the same selection as a query): those the keys
    found (`candidates`, None when no key was given) that the filter selects within the scope, after the cursor."""
    after = search.after.key() if search.after else None
    selected = sorted((c for c in cases
                       if (candidates is None or c.complaint_id in candidates) and search.filter.matches(c)
                       and scope.covers(CaseScope(team=c.team, department=c.department))
                       and (after is None or queue_order(c) > after)), key=queue_order)
    return selected[:search.limit]
