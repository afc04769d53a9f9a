"""How dead letters are printed: tables of letters and headers, a value's shape, or the value revealed."""

import json

from complaints_chassis import dead_letters as dl
from rich.table import Table

from .letters import DeadLetter
from .shape import value_shape


def letters_table(letters: list[DeadLetter]) -> Table:
    table = Table("letter", "original", "group", "reason", "error class", "at (UTC)", "attempts", "replays",
                  title="Dead letters")
    for letter in letters:
        truncated = f" [truncated from {letter.truncated_from} bytes]" if letter.truncated_from is not None else ""
        table.add_row(str(letter.location), letter.original, letter.group, letter.reason + truncated,
                      letter.error_class, letter.at.strftime("%Y-%m-%d %H:%M:%S"),
                      "" if letter.attempts is None else str(letter.attempts), str(letter.replay_count))
    return table


def headers_table(letter: DeadLetter, *, reveal: bool) -> Table:
    table = Table("header", "value", title=f"Dead letter {letter.location} (key {_key(letter)})")
    for name, value in letter.headers:
        # A header that travelled base64-encoded was not text; it is shown only with the value.
        hidden = name.startswith(dl.RAW_HEADER_PREFIX) and not reveal
        table.add_row(name, f"(binary, {len(value)} base64 characters)" if hidden else value.decode(errors="replace"))
    return table


def _key(letter: DeadLetter) -> str:
    return letter.key.decode(errors="replace") if letter.key is not None else "none"


def shape_table(letter: DeadLetter) -> Table:
    table = Table("field", "kind", "bytes", title=f"Value: {len(letter.value)} bytes (--reveal shows it)")
    for path, kind, size in value_shape(letter.value):
        table.add_row(path, kind, str(size))
    return table


def revealed_value(letter: DeadLetter) -> str:
    try:
        return json.dumps(json.loads(letter.value), ensure_ascii=False, indent=2)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return repr(letter.value)
