from complaints_chassis.logs import PERSONAL_FIELDS, REDACTED, redact_personal_data


def test_contract_fields_marked_personal_are_known_to_the_log_filter() -> None:
    assert {"name", "email", "phone", "description", "text", "comment", "order_reference"} <= PERSONAL_FIELDS


def test_personal_values_never_reach_a_log_line() -> None:
    line = redact_personal_data(None, "info", {"event": "filed", "email": "a@b.c", "complaint_id": "c-1"})
    assert line == {"event": "filed", "email": REDACTED, "complaint_id": "c-1"}
