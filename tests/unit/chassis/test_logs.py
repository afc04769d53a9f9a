import json
import logging

import structlog
from complaints_chassis.logs import PERSONAL_FIELDS, REDACTED, add_trace_ids, configure_logging, redact_personal_data


def test_contract_fields_marked_personal_are_known_to_the_log_filter() -> None:
    assert {"name", "email", "phone", "description", "text", "comment", "order_reference"} <= PERSONAL_FIELDS


def test_personal_values_never_reach_a_log_line() -> None:
    line = redact_personal_data(None, "info", {"event": "filed", "email": "a@b.c", "complaint_id": "c-1"})
    assert line == {"event": "filed", "email": REDACTED, "complaint_id": "c-1"}


def test_a_line_written_in_a_span_names_its_trace_and_span(traces) -> None:
    with traces.tracer.start_as_current_span("handling") as span:
        line = add_trace_ids(None, "info", {"event": "routed"})
    context = span.get_span_context()
    assert line == {"event": "routed", "trace_id": f"{context.trace_id:032x}", "span_id": f"{context.span_id:016x}"}
    assert add_trace_ids(None, "info", {"event": "idle"}) == {"event": "idle"}


def test_the_configured_json_lines_carry_the_trace_ids(traces, capsys) -> None:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        configure_logging(service="probe")
        with traces.tracer.start_as_current_span("request") as span:
            structlog.get_logger("probe").warning("filed", email="a@b.c")
            logging.getLogger("library").warning("from a library")
    finally:
        root.handlers[:], root.level = handlers, level
        structlog.reset_defaults()
        structlog.contextvars.clear_contextvars()
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    trace_id = f"{span.get_span_context().trace_id:032x}"
    assert [(line["event"], line["trace_id"]) for line in lines] == [("filed", trace_id), ("from a library", trace_id)]
    assert lines[0]["email"] == REDACTED and lines[0]["service"] == "probe"
