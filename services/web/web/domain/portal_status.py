"""The status page as intake answers it, read into what the portal's pages show (unknown members ignored, so an
intake that answers more does not break the page)."""

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field


class _Read(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Money(_Read):
    amount: Decimal
    currency: str


class Remedy(_Read):
    kind: str
    amount: Money | None = None
    description: str = ""


class PlanStep(_Read):
    description: str
    due_at: datetime
    completed_at: datetime | None = None


class Terms(_Read):
    """The rule behind a deadline as data: the page says it in the reader's language."""

    amount: float
    unit: str
    calendar: str
    time_zone: str
    priority: str | None = None
    source: str | None = None
    counted_from: datetime | None = None
    """Set when the deadline runs again from a reopening (absent: from receipt)."""

    @property
    def span(self) -> tuple[int, str]:
        """(count, unit) in whole units: part of a working hour is counted in working minutes."""
        if self.unit == "business_hours" and not self.amount.is_integer():
            return round(self.amount * 60), "business_minutes"
        return round(self.amount), self.unit


class Deadline(_Read):
    name: str
    due_at: datetime
    basis: str | None = None
    """The rule in English words, for pages whose deadline came without `terms` (published before them)."""
    clock: str | None = None
    terms: Terms | None = None
    paused: bool = False
    """Its clock is stopped while we wait for the customer's answer (absent from intakes that do not say)."""

    def seconds_left(self, now: datetime) -> float:
        """Negative once it has passed."""
        return (self.due_at - now).total_seconds()


class Question(_Read):
    request_id: str
    question: str
    respond_by: datetime | None = None


class Proposal(_Read):
    proposal_id: str
    summary: str
    remedies: list[Remedy] = Field(default_factory=list)
    respond_by: datetime | None = None
    plan: list[PlanStep] = Field(default_factory=list)


class Action(_Read):
    action: str
    label: str


class FileLink(_Read):
    """A file the customer sent (downloaded through the portal); the timeline's entries name only id and name."""

    attachment_id: str
    name: str
    media_type: str | None = None
    size_bytes: int | None = None
    added_at: datetime | None = None
    with_message: bool = False
    """Sent with one of the customer's later messages (false: with the complaint itself)."""


class Erasure(_Read):
    """The customer's personal data in the complaint was erased: the record of its handling stays, nothing more can
    be sent, and the files they sent are deleted."""

    erased_at: datetime
    reason: str
    """`request` (they asked) or `retention` (the time it is kept for had passed)."""
    files_deleted: int = 0


class TimelineItem(_Read):
    at: datetime
    milestone: str
    title: str
    text: str | None = None
    handled_by: str | None = None
    outcome: str | None = None
    amount: Money | None = None
    merged_into: str | None = None
    note: str | None = None
    attachments: list[FileLink] = Field(default_factory=list)


class ProcessStep(_Read):
    stage: str
    title: str
    description: str
    state: str


class StatusView(_Read):
    tracking_number: str
    status: str
    status_text: str
    what_happens_next: str
    handled_by: str | None = None
    deadlines: list[Deadline] = Field(default_factory=list)
    open_question: Question | None = None
    open_proposal: Proposal | None = None
    escalation_requested: bool = False
    reopening_requested: bool = False
    merged_into: str | None = None
    plan: list[PlanStep] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    timeline: list[TimelineItem] = Field(default_factory=list)
    process: list[ProcessStep] = Field(default_factory=list)
    attachments: list[FileLink] = Field(default_factory=list)
    """Every file the customer sent, oldest first (absent from intakes that do not list them yet)."""
    personal_data_erased: Erasure | None = None
    """Set once the customer's personal data in the complaint was erased."""

    def allows(self, action: str) -> bool:
        """Whether intake offers this action now (its answer decides which forms the page shows); nothing once the
        personal data was erased, whatever the answer lists."""
        return self.personal_data_erased is None and any(a.action == action for a in self.actions)


class Receipt(_Read):
    """The answer to a filing: the access code only in the first answer (null when replayed)."""

    tracking_number: str
    access_code: str | None = None
    received_at: datetime
    status_text: str
    what_happens_next: str
