"""What a record's value looks like without showing it: field names, types and sizes.

A dead letter's value is a contract event that may hold personal data (names, addresses, complaint texts); an
operator deciding whether to replay it needs its shape, not its content. `complaints dlq show --reveal` prints
the content itself (and is audited).
"""

import json
from typing import Any

MAX_DEPTH = 6
"""Deeper than any event; a poison record nested further is summarised at this depth."""


def _size(value: Any) -> int:
    # Encoded as the producers encode (compact), so the root's size is the value's.
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode())


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return f"object, {len(value)} fields"
    if isinstance(value, list):
        return f"array, {len(value)} items"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if value is None:
        return "null"
    return "string"


def value_shape(value: bytes) -> list[tuple[str, str, int]]:
    """(field path, kind, bytes) of every field of a JSON value; one row saying what it is when it is not JSON."""
    try:
        data = json.loads(value)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return [("(value)", "not JSON", len(value))]
    rows: list[tuple[str, str, int]] = []

    def walk(path: str, node: Any, depth: int) -> None:
        rows.append((path or "(value)", _kind(node), _size(node)))
        if isinstance(node, dict) and depth < MAX_DEPTH:
            for name, child in node.items():
                walk(f"{path}.{name}" if path else str(name), child, depth + 1)
        elif isinstance(node, list) and depth < MAX_DEPTH:
            for index, child in enumerate(node):
                if isinstance(child, dict | list):
                    walk(f"{path}[{index}]", child, depth + 1)

    walk("", data, 0)
    return rows
