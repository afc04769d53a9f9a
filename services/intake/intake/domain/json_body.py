"""Reading a JSON body strictly: what a lenient parser would let through is refused, each problem named by field.

A body is UTF-8 JSON (RFC 8259). Refused, naming where: a member given twice in one object (a lenient parser
keeps the last value, but the sender's intent is unknown) and a string holding an unpaired surrogate escape
(`"\\ud800"`: not Unicode, so no store, topic or answer could carry it). Refused for the whole body: text that is
not UTF-8, `NaN`/`Infinity` (not JSON), and syntax errors. The problems never repeat the sender's values.
"""

import json
from dataclasses import dataclass
from typing import Any

from .problems import UNPAIRED_SURROGATE, FieldProblem, problem

WHOLE_BODY = "(body)"


class _Object(dict[str, Any]):
    """A JSON object as parsed (the last of repeated members kept), remembering which names were repeated."""

    repeated: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    members = _Object(pairs)
    if len(members) < len(pairs):
        seen: set[str] = set()
        members.repeated = tuple(dict.fromkeys(name for name, _ in pairs if name in seen or seen.add(name)))
    return members


class _NotJsonNumber(ValueError):
    """`NaN`, `Infinity` or `-Infinity`: Python's parser takes them, JSON has no such numbers."""


def _not_json(constant: str) -> Any:
    raise _NotJsonNumber(f"{constant} is not a JSON number")


_DECODER = json.JSONDecoder(object_pairs_hook=_object, parse_constant=_not_json)


@dataclass(frozen=True)
class JsonBody:
    """A parsed body (`value` is None when it could not be read at all) and what is wrong with it."""

    value: Any
    problems: tuple[FieldProblem, ...]

    @property
    def readable(self) -> bool:
        """Whether the body parsed at all (its value can then be validated, to report its other problems too)."""
        return not any(p.field == WHOLE_BODY for p in self.problems)

    def scrubbed(self) -> Any:
        """The value with unpaired surrogates replaced (U+FFFD), for validating the rest: pydantic refuses such
        text wholesale, naming the whole body instead of the field."""
        return _scrubbed(self.value) if self.problems else self.value


def read_json(payload: bytes | str) -> JsonBody:
    """Parse a body; every member given twice and every string with an unpaired surrogate is a problem."""
    try:
        text = payload.decode("utf-8") if isinstance(payload, bytes) else payload
    except UnicodeDecodeError:
        return _unreadable("the body is not UTF-8 text")
    try:
        value = _DECODER.decode(text)
    except json.JSONDecodeError as error:
        return _unreadable(f"not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})")
    except _NotJsonNumber as error:
        return _unreadable(f"not valid JSON ({error})")
    except ValueError:  # an integer with more digits than Python converts
        return _unreadable("not valid JSON (a number has too many digits)")
    except RecursionError:
        return _unreadable("nested too deeply")
    return JsonBody(value, tuple(_problems(value)))


def _unreadable(reason: str) -> JsonBody:
    return JsonBody(None, (problem(WHOLE_BODY, "malformed", reason),))


def _problems(root: Any) -> list[FieldProblem]:
    # Iterative, so that a body nested as deep as the parser allows cannot exhaust the stack here.
    found: list[FieldProblem] = []
    pending: list[tuple[tuple[str, ...], Any]] = [((), root)]
    while pending:
        path, node = pending.pop()
        if isinstance(node, dict):
            for name in getattr(node, "repeated", ()):
                found.append(problem(_field(path, name), "duplicate_member",
                                     "given more than once; send each member once"))
            for name, value in node.items():
                if UNPAIRED_SURROGATE.search(name):
                    found.append(problem(_field(path, name), "bad_characters",
                                         "the member name contains an unpaired surrogate (invalid Unicode)"))
                pending.append(((*path, name), value))
        elif isinstance(node, list):
            pending.extend(((*path, str(index)), item) for index, item in enumerate(node))
        elif isinstance(node, str) and UNPAIRED_SURROGATE.search(node):
            found.append(problem(_field(path), "bad_characters",
                                 "contains an unpaired surrogate escape such as \\ud800 (invalid Unicode)"))
    return sorted(found, key=lambda p: p.field)


def _field(path: tuple[str, ...], *more: str) -> str:
    return ".".join((*path, *more)) or WHOLE_BODY


def _scrubbed(root: Any) -> Any:
    holder = [root]
    pending: list[tuple[Any, Any]] = [(holder, 0)]
    while pending:  # iterative for the same reason as above; containers are copied, never changed
        container, key = pending.pop()
        node = container[key]
        if isinstance(node, str):
            container[key] = UNPAIRED_SURROGATE.sub("\ufffd", node)
        elif isinstance(node, dict):
            container[key] = {UNPAIRED_SURROGATE.sub("\ufffd", name): value for name, value in node.items()}
            pending.extend((container[key], name) for name in container[key])
        elif isinstance(node, list):
            container[key] = list(node)
            pending.extend((container[key], index) for index in range(len(node)))
    return holder[0]
