"""OpenTelemetry traces: one complaint is one trace, from the HTTP request through every service's consumer.

The trace context travels in the CloudEvents distributed-tracing extension (`ce_traceparent`, `ce_tracestate`):
an event takes the context it was created in when it is queued (`stamped`), the relay publishes in that context,
and each consumer handles the event in a span that continues it (see handling.py). Each service has its own
tracer provider; spans are exported over OTLP only when an endpoint is configured (off by default). Sampling
follows the standard `OTEL_TRACES_SAMPLER` variables (default: always, or as the parent decided).
"""

from collections.abc import Mapping
from contextvars import ContextVar
from types import MappingProxyType

from complaint_contracts import Event
from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.sdk.resources import SERVICE_NAME, SERVICE_VERSION, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

TRACEPARENT = "traceparent"
TRACESTATE = "tracestate"
_W3C = TraceContextTextMapPropagator()

TraceFields = dict[str, str | None]
"""`{"traceparent": …, "tracestate": …}`: the event fields that carry a trace context."""

HANDLING: ContextVar[Mapping[str, TraceFields]] = ContextVar("complaints_handling",
                                                            default=MappingProxyType({}))
"""While a consumer handles a run of events: event id → the trace context of its handling span. An event that
names one of them as its cause (`causation_id`) joins that event's trace even if it was built without `caused()`."""


def make_tracer_provider(*, service: str, version: str, otlp_endpoint: str | None = None) -> TracerProvider:
    """The service's tracer provider; it exports to the OTLP/HTTP `otlp_endpoint` when one is given."""
    # Shut down by the service's lifespan (which flushes the exporter), not at interpreter exit.
    provider = TracerProvider(resource=Resource.create({SERVICE_NAME: service, SERVICE_VERSION: version}),
                              shutdown_on_exit=False)
    if otlp_endpoint:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=otlp_endpoint)))
    return provider


def trace_fields(context: Context | None = None) -> TraceFields:
    """The W3C trace context of `context` (default: the current one) as event fields; None where there is none."""
    carrier: dict[str, str] = {}
    _W3C.inject(carrier, context=context)
    return {TRACEPARENT: carrier.get(TRACEPARENT), TRACESTATE: carrier.get(TRACESTATE)}


def context_of(traceparent: str | None, tracestate: str | None = None) -> Context:
    """The context a W3C `traceparent` describes (an empty one, i.e. a new trace, when there is none)."""
    carrier = {TRACEPARENT: traceparent} if traceparent else {}
    if traceparent and tracestate:
        carrier[TRACESTATE] = tracestate
    return _W3C.extract(carrier, context=Context())


def stamped(event: Event) -> Event:
    """The event with the trace context it is created in, unless it already carries one.

    That context is the one of the event that caused it, when it is being handled, or else the current span (the
    HTTP request, or the handling of a single event).
    """
    if event.traceparent is not None:
        return event
    fields = HANDLING.get().get(event.causation_id or "") or trace_fields()
    if fields[TRACEPARENT] is None:
        return event
    return event.model_copy(update=fields)


def current_trace_ids() -> dict[str, str]:
    """`trace_id` and `span_id` of the current span, in the W3C hex form trace back ends search for."""
    context = trace.get_current_span().get_span_context()
    if not context.is_valid:
        return {}
    return {"trace_id": trace.format_trace_id(context.trace_id), "span_id": trace.format_span_id(context.span_id)}
