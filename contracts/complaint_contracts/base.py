"""The event base: CloudEvents 1.0 context attributes plus our tracing and versioning extensions."""

import re
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Annotated, Any, ClassVar
from uuid import UUID, uuid4

from pydantic import BeforeValidator, ConfigDict, Field

from .types import AwareDatetime, ComplaintId, Contract

ENVELOPE_FIELDS = frozenset({"id", "source", "type", "time", "correlation_id", "causation_id", "traceparent",
                             "tracestate"})
"""Fields carried as CloudEvents attributes (Kafka headers), not in the message value."""

TRACEPARENT_PATTERN = r"^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$"
"""W3C Trace Context `traceparent`, version 00 (the CloudEvents distributed-tracing extension carries it)."""
TRACESTATE_MAX_LENGTH = 512
"""W3C Trace Context: 32 list members at most, so a vendor may drop a longer `tracestate`."""
_TRACEPARENT = re.compile(TRACEPARENT_PATTERN)

CORRELATION_ID: ContextVar[str | None] = ContextVar("complaint_correlation_id", default=None)
"""The correlation id of the work in progress (the HTTP layer sets the request's); new events default to it."""


def current_correlation_id() -> str | None:
    """The correlation id of the request (or other unit of work) this code runs for, if one was set."""
    return CORRELATION_ID.get()


def is_valid_traceparent(value: str | None) -> bool:
    """W3C Trace Context says a `traceparent` with all-zero ids or a wrong shape must be ignored."""
    if value is None or not _TRACEPARENT.match(value):
        return False
    _, trace_id, span_id, _ = value.split("-")
    return trace_id != "0" * 32 and span_id != "0" * 16


def utcnow() -> datetime:
    return datetime.now(UTC)


def _new_id() -> str:
    return str(uuid4())


def _id_text(value: Any) -> Any:
    return str(value) if isinstance(value, UUID) else value


EventId = Annotated[str, BeforeValidator(_id_text), Field(min_length=1)]
"""CloudEvents `id`: any non-empty string (another system's own ids are not UUIDs); we mint UUIDs."""


class Event(Contract):
    """Base of every event. Subclasses pin `type` with a Literal and set `source`'s default."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    schema_version: ClassVar[int] = 1
    """Version of the data shape. A breaking change bumps it and adds an upcaster."""
    upcasters: ClassVar[dict[int, Callable[[dict[str, Any]], dict[str, Any]]]] = {}
    """`{n: f}`: f turns version-n data into version n+1 data (applied in order on decode)."""

    id: EventId = Field(default_factory=_new_id, description="CloudEvents `id`; with `source`, unique per event")
    source: str = Field(description="CloudEvents `source`: the producing service or system",
                        examples=["/complaints/intake"])
    type: str = Field(description="CloudEvents `type`: names the event class")
    time: AwareDatetime = Field(default_factory=utcnow, description="CloudEvents `time`: when it happened (UTC)")
    correlation_id: str | None = Field(
        default_factory=current_correlation_id,
        description="Id shared by every event of one flow (by default the correlation id of the request that "
                    "caused it)")
    causation_id: str | None = Field(default=None, description="`id` of the event that caused this one")
    traceparent: str | None = Field(default=None, pattern=TRACEPARENT_PATTERN,
                                    description="W3C `traceparent` of the trace the event was created in "
                                                "(CloudEvents distributed-tracing extension)")
    tracestate: str | None = Field(default=None, max_length=TRACESTATE_MAX_LENGTH,
                                   description="W3C `tracestate` that goes with `traceparent`")

    @property
    def subject(self) -> str | None:
        """CloudEvents `subject`, also the Kafka message key (keeps one subject's events in order)."""
        return None

    @property
    def dedupe_key(self) -> str:
        """Source + id: CloudEvents says two events with both equal are the same event.

        The source is escaped so that no `#` inside it can make two different pairs one key (an id is any string
        now); sources without `%` or `#` — all of ours — keep the key they always had.
        """
        return f"{self.source.replace('%', '%25').replace('#', '%23')}#{self.id}"

    def caused(self, **kwargs: Any) -> dict[str, Any]:
        """Tracing attributes for an event caused by this one (pass as **kwargs to the new event)."""
        return {"correlation_id": self.correlation_id or self.subject, "causation_id": str(self.id),
                "traceparent": self.traceparent, "tracestate": self.tracestate, **kwargs}

    def data(self) -> dict[str, Any]:
        """The CloudEvents `data`: every field but the envelope, JSON-ready."""
        return self.model_dump(mode="json", exclude=set(ENVELOPE_FIELDS))


class ComplaintEvent(Event):
    """An event about one complaint: its subject and key are the complaint id."""

    complaint_id: ComplaintId

    @property
    def subject(self) -> str:
        return self.complaint_id
