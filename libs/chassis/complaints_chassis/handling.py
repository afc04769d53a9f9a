"""Every consumed event is handled in a span that continues the trace it was created in.

A handler gets a run of events, usually from different complaints (different traces), so each event gets its own
span, child of its `ce_traceparent`, open while the handler works on the run. The handler sees each event with its
span's context as `traceparent`, so what it causes (`event.caused()`, or an event naming it as `causation_id`)
continues the same trace. A run of one event also makes its span the current one (logs carry its ids).
"""

from collections.abc import Sequence
from typing import Any

from complaint_contracts import EVENT_TOPIC, Event
from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.trace import Span, SpanKind, Status, StatusCode, Tracer

from .consumer import EventConsumer, Handler
from .parking import Deferred
from .tracing import HANDLING, TraceFields, context_of, trace_fields


def traced_consumer(consumer: EventConsumer, tracer: Tracer) -> EventConsumer:
    """The same consumer (group, topics, paced topics, handlers) with every handler call traced per event."""
    traced = EventConsumer(group_id=consumer.group_id, description=consumer.description,
                           paced_topics=consumer.paced_topics)
    wrapped: dict[int, Handler] = {}  # one wrapper per handler: runs are cut where the handler changes
    for cls, handler in consumer.handlers.items():
        traced.handlers[cls] = wrapped.setdefault(id(handler), _traced(handler, tracer, consumer.group_id))
    return traced


def _traced(handler: Handler, tracer: Tracer, group: str) -> Handler:
    async def handle(events: list[Any], deps: Any) -> None:
        spans = [_start(tracer, event, group) for event in events]
        contexts: list[TraceFields] = [trace_fields(trace.set_span_in_context(span)) for span in spans]
        by_id = {str(event.id): fields for event, fields in zip(events, contexts, strict=True)}
        seen_as = [event.model_copy(update=fields) for event, fields in zip(events, contexts, strict=True)]
        handling = HANDLING.set(by_id)
        current = otel_context.attach(trace.set_span_in_context(spans[0])) if len(spans) == 1 else None
        try:
            await handler(seen_as, deps)
        except BaseException as exc:
            _failed(spans, exc)
            raise
        finally:
            if current is not None:
                otel_context.detach(current)
            HANDLING.reset(handling)
            for span in spans:
                span.end()

    return handle


def _start(tracer: Tracer, event: Event, group: str) -> Span:
    topic = EVENT_TOPIC[type(event)]
    attributes = {"messaging.system": "kafka", "messaging.operation.type": "process",
                  "messaging.destination.name": topic, "messaging.consumer.group.name": group,
                  "messaging.message.id": str(event.id), "cloudevents.event_id": str(event.id),
                  "cloudevents.event_source": event.source, "cloudevents.event_type": event.type}
    if event.subject is not None:
        attributes["cloudevents.event_subject"] = event.subject
    return tracer.start_span(f"{topic} process", context=context_of(event.traceparent, event.tracestate),
                             kind=SpanKind.CONSUMER, attributes=attributes)


def _failed(spans: Sequence[Span], exc: BaseException) -> None:
    # Only the class: an exception's message may quote the input (a pydantic error does), i.e. personal data.
    for span in spans:
        span.set_attribute("error.type", type(exc).__name__)
        if isinstance(exc, Deferred):
            span.add_event("parked: waits for an event not seen yet")
        else:
            span.set_status(Status(StatusCode.ERROR, type(exc).__name__))
