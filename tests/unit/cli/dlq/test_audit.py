"""Audit entries: one JSON line each, appended to the file when there is one, always returned for printing."""

import json
from pathlib import Path

from complaints_cli.dlq.audit import audit


def test_each_entry_is_one_json_line_appended(tmp_path: Path) -> None:
    log = tmp_path / "nested" / "audit.log"

    first = audit("dlq.skip", operator="ops-anna", reason="INC-1", log_file=log, group="routing", committed=8)
    audit("dlq.replay", operator="ops-ben", reason="INC-2", log_file=log, letter="t.dlq/0/1")

    lines = log.read_text().splitlines()
    assert lines[0] == first and len(lines) == 2
    entry = json.loads(first)
    assert {k: entry[k] for k in ("action", "operator", "reason", "group", "committed")} == {
        "action": "dlq.skip", "operator": "ops-anna", "reason": "INC-1", "group": "routing", "committed": 8}
    assert entry["at"].endswith("+00:00")


def test_without_a_file_the_entry_is_only_returned(tmp_path: Path) -> None:
    line = audit("dlq.replay", operator="ops", reason="r", log_file=None, letter="t.dlq/0/1")
    assert json.loads(line)["letter"] == "t.dlq/0/1" and list(tmp_path.iterdir()) == []
