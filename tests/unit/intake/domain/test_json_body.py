"""Reading JSON bodies strictly: repeated members and unpaired surrogates are named where they are."""

import json

import pytest
from intake.domain.json_body import read_json


def problems(body: bytes | str) -> set[tuple[str, str]]:
    return {(p.field, p.code) for p in read_json(body).problems}


def test_a_sound_body_parses_without_problems() -> None:
    body = read_json('{"customer": {"name": "Алеся 😀"}, "title": "\\ud83d\\ude00 fine pair", "n": [1, 2.5]}')
    assert body.readable and body.problems == ()
    assert body.value["title"] == "😀 fine pair"


@pytest.mark.parametrize(("body", "expected"), [
    ('{"title": "a", "title": "b"}', {("title", "duplicate_member")}),
    ('{"customer": {"name": "A", "email": "a@example.org", "name": "B"}}', {("customer.name", "duplicate_member")}),
    ('{"attachments": [{"name": "a"}, {"name": "b", "name": "c", "name": "d"}]}',
     {("attachments.1.name", "duplicate_member")}),
    ('{"a": 1, "a": 2, "b": {"c": {"d": 1, "d": 1}}}', {("a", "duplicate_member"), ("b.c.d", "duplicate_member")}),
])
def test_a_member_given_twice_is_named_at_any_depth(body: str, expected: set[tuple[str, str]]) -> None:
    assert problems(body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    (json.dumps({"customer": "\ud800"}), {("customer", "bad_characters")}),
    ('{"customer": {"name": "Al\\udc00esia"}}', {("customer.name", "bad_characters")}),
    ('{"attachments": [{"name": "ok"}, {"name": "\\ud83d"}]}', {("attachments.1.name", "bad_characters")}),
    ('{"tags": ["\\ude00\\ud83d"]}', {("tags.0", "bad_characters")}),  # a pair in the wrong order is two halves
    ('{"\\ud800x": 1}', {("\ufffdx", "bad_characters")}),
])
def test_an_unpaired_surrogate_is_named_by_its_field(body: str, expected: set[tuple[str, str]]) -> None:
    assert problems(body) == expected


@pytest.mark.parametrize("body", [
    b"", b"{", b'{"a": NaN}', b'{"a": -Infinity}', b"\xff\xfe{}", '{"a": "é"}'.encode("latin-1"),
    b"[" * 100_000 + b"]" * 100_000, b'{"n": ' + b"9" * 5000 + b"}", b'{"a": 1} trailing',
])
def test_what_is_not_json_is_refused_for_the_whole_body(body: bytes) -> None:
    parsed = read_json(body)
    assert not parsed.readable
    assert [(p.field, p.code) for p in parsed.problems] == [("(body)", "malformed")]


def test_problems_do_not_repeat_the_values() -> None:
    parsed = read_json('{"secret": "x\\ud800", "secret": "private-value"}')
    assert "private-value" not in str([p.model_dump() for p in parsed.problems])


def test_a_body_with_problems_is_scrubbed_for_validating_the_rest_without_changing_what_was_parsed() -> None:
    nested = "[" * 900 + '"\\ud800"' + "]" * 900  # near the parser's own nesting limit
    parsed = read_json('{"a": "x\\ud800", "\\udbff": [1, {"b": "\\ud83d\\ude00"}], "deep": ' + nested + "}")
    scrubbed = parsed.scrubbed()
    assert scrubbed["a"] == "x\ufffd" and scrubbed["\ufffd"] == [1, {"b": "😀"}]
    assert parsed.value["a"] == "x\ud800"
    depth, node = 0, scrubbed["deep"]
    while isinstance(node, list):
        depth, node = depth + 1, node[0]
    assert (depth, node) == (900, "\ufffd")
