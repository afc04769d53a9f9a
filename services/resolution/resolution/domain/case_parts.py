"""Records the case keeps besides its lifecycle: the steps of a plan, links to duplicates, whether the customer
was reached, tasks for the people who work it, and reports filed with a regulator. The rules about them live in
plan.py, duplicates.py, contact.py and regulatory_reports.py."""

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

ACKNOWLEDGEMENT = "acknowledgement"
"""Notification's template for the acknowledgement of receipt."""


class PlanStep(BaseModel):
    """One step of a proposal's plan: what will be done, by when, by whom; and whether it was."""

    step_id: str
    description: str
    due_at: datetime
    owner: str = Field(description="Employee id or team that carries it out")
    completed_at: datetime | None = None
    completed_by: str | None = None
    note: str = ""
    overdue_warned_at: datetime | None = Field(default=None, description="When its owner was warned it is late")


class DuplicateLink(BaseModel):
    """Another complaint this one duplicates, or that duplicates this one."""

    complaint_id: str
    relation: Literal["duplicate_of", "has_duplicate"]
    reason: str
    linked_at: datetime
    by: str
    similarity: float | None = Field(default=None, description="Text similarity routing measured, 0..1")


class Unreached(BaseModel):
    """A message to the customer that no channel carried (notification's word)."""

    template: str
    reason: str
    at: datetime
    notification_id: str


class ContactRecord(BaseModel):
    """Whether the customer was told their complaint was received, and the messages that never reached them."""

    acknowledged_at: datetime | None = None
    acknowledged_by_channel: str | None = None
    unreached: list[Unreached] = Field(default_factory=list)

    @property
    def acknowledgement_unreached(self) -> bool:
        """No channel carried the acknowledgement of receipt (so it falls to the case's owner)."""
        return self.acknowledged_at is None and any(u.template == ACKNOWLEDGEMENT for u in self.unreached)


class TaskKind(StrEnum):
    CALL_CUSTOMER = "call_customer"
    """No channel reaches the customer: someone phones (or writes to) them."""
    ANSWER_REOPENING_REQUEST = "answer_reopening_request"
    """The customer asked to reopen after the window: someone answers them."""


class Task(BaseModel):
    """Work the case asks of a person, beside its lifecycle."""

    task_id: str
    kind: TaskKind
    reason: str
    created_at: datetime
    owner: str = Field(description="Employee id, or the team when the case has no assignee")
    done_at: datetime | None = None
    done_by: str | None = None
    outcome: str = ""


class RegulatoryReport(BaseModel):
    """A report filed with a regulator about the complaint (e.g. an FDA medical device report), as staff recorded it."""

    report_type: str = Field(description="mdr_30_day, mdr_5_day or supplemental")
    reference: str = Field(description="The regulator's or the submission's id of the report")
    filed_at: datetime = Field(description="When it was filed with the regulator")
    recorded_at: datetime = Field(description="When staff recorded it on the case")
    by: str = Field(description="Employee who recorded it")
    deadlines_met: list[str] = Field(default_factory=list, description="Deadlines this report met")
