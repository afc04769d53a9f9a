"""The event base: CloudEvents 1.0 context attributes plus our tracing and versioning extensions."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, ClassVar
from uuid import UUID, uuid4

from pydantic import ConfigDict, Field

from .types import AwareDatetime, ComplaintId, Contract

ENVELOPE_FIELDS = frozenset({"id", "source", "type", "time", "correlation_id", "causation_id"})
"""Fields carried as CloudEvents attributes (Kafka headers), not in the message value."""


def utcnow() -> datetime:
    return datetime.now(UTC)


class Event(Contract):
    """Base of every event. Subclasses pin `type` with a Literal and set `source`'s default."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    schema_version: ClassVar[int] = 1
    """Version of the data shape. A breaking change bumps it and adds an upcaster."""
    upcasters: ClassVar[dict[int, Callable[[dict[str, Any]], dict[str, Any]]]] = {}
    """`{n: f}`: f turns version-n data into version n+1 data (applied in order on decode)."""

    id: UUID = Field(default_factory=uuid4, description="CloudEvents `id`; with `source`, unique per event")
    source: str = Field(description="CloudEvents `source`: the producing service or system",
                        examples=["/complaints/intake"])
    type: str = Field(description="CloudEvents `type`: names the event class")
    time: AwareDatetime = Field(default_factory=utcnow, description="CloudEvents `time`: when it happened (UTC)")
    correlation_id: str | None = Field(default=None, description="Id shared by every event of one complaint flow")
    causation_id: str | None = Field(default=None, description="`id` of the event that caused this one")

    @property
    def subject(self) -> str | None:
        """CloudEvents `subject`, also the Kafka message key (keeps one subject's events in order)."""
        return None

    @property
    def dedupe_key(self) -> str:
        """Source + id: CloudEvents says two events with both equal are the same event."""
        return f"{self.source}#{self.id}"

    def caused(self, **kwargs: Any) -> dict[str, Any]:
        """Tracing attributes for an event caused by this one (pass as **kwargs to the new event)."""
        return {"correlation_id": self.correlation_id or self.subject, "causation_id": str(self.id), **kwargs}

    def data(self) -> dict[str, Any]:
        """The CloudEvents `data`: every field but the envelope, JSON-ready."""
        return self.model_dump(mode="json", exclude=set(ENVELOPE_FIELDS))


class ComplaintEvent(Event):
    """An event about one complaint: its subject and key are the complaint id."""

    complaint_id: ComplaintId

    @property
    def subject(self) -> str:
        return self.complaint_id
