"""A value's shape: field names, kinds and sizes, never the content."""

import json

from complaints_cli.dlq.shape import value_shape


def test_every_field_is_named_with_its_kind_and_size_but_no_value_appears() -> None:
    value = json.dumps({"customer": {"name": "Ilona Varga", "vulnerable": True}, "attachments": [{"size": 3}],
                        "amount": 12.5, "note": None}, separators=(",", ":")).encode()

    rows = value_shape(value)

    assert rows == [("(value)", "object, 4 fields", len(value)),
                    ("customer", "object, 2 fields", len('{"name":"Ilona Varga","vulnerable":true}')),
                    ("customer.name", "string", len('"Ilona Varga"')), ("customer.vulnerable", "boolean", 4),
                    ("attachments", "array, 1 items", len('[{"size":3}]')),
                    ("attachments[0]", "object, 1 fields", len('{"size":3}')), ("attachments[0].size", "number", 1),
                    ("amount", "number", 4), ("note", "null", 4)]
    assert "Ilona" not in str(rows)


def test_a_value_that_is_not_json_is_only_measured() -> None:
    assert value_shape(b"\xff\xfe garbage") == [("(value)", "not JSON", 10)]
    assert value_shape(b"[" * 100_000) == [("(value)", "not JSON", 100_000)]


def test_nesting_beyond_any_event_is_summarised() -> None:
    deep = json.dumps({"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": 1}}}}}}}}).encode()
    assert [path for path, _, _ in value_shape(deep)][-1] == "a.b.c.d.e.f"
