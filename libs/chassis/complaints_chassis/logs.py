"""Structured JSON logs with the correlation id and the trace and span ids; personal-data fields are redacted by
name."""

import logging
import sys
from typing import Any

import structlog
from complaint_contracts import ALL_EVENTS
from complaint_contracts.types import PERSONAL_DATA_KEY
from pydantic import BaseModel

from .tracing import current_trace_ids


def _personal_field_names() -> frozenset[str]:
    names: set[str] = set()
    seen: set[type] = set()

    def walk(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, info in model.model_fields.items():
            extra = info.json_schema_extra
            if isinstance(extra, dict) and extra.get(PERSONAL_DATA_KEY):
                names.add(name)
            for arg in getattr(info.annotation, "__args__", ()) + (info.annotation,):
                if isinstance(arg, type) and issubclass(arg, BaseModel):
                    walk(arg)

    for cls in ALL_EVENTS.values():
        walk(cls)
    return frozenset(names | {"customer", "email", "phone", "access_code"})


PERSONAL_FIELDS = _personal_field_names()
REDACTED = "[redacted]"


def redact_personal_data(_: Any, __: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    """Drop the value of any log key that is a personal-data field name (a safety net, not a licence)."""
    for key in PERSONAL_FIELDS.intersection(event_dict):
        event_dict[key] = REDACTED
    return event_dict


def add_trace_ids(_: Any, __: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    """`trace_id` and `span_id` of the span the line is written in, so a log line leads to its trace."""
    for key, value in current_trace_ids().items():
        event_dict.setdefault(key, value)
    return event_dict


def configure_logging(*, service: str, level: str = "INFO") -> None:
    """JSON lines on stdout for our logs and the libraries' (through the same processors)."""
    shared = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        add_trace_ids,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        redact_personal_data,
    ]
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, structlog.processors.JSONRenderer()],
    ))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # httpx logs every request at INFO: one line per key look-up or API call is a per-message log on hot paths,
    # and a request line may carry a query string. Its warnings still show.
    for chatty in ("httpx", "httpcore"):
        logging.getLogger(chatty).setLevel(max(logging.WARNING, root.level))
    structlog.contextvars.bind_contextvars(service=service)
