"""The audit trail of operators' interventions on topics: one JSON line per replay, skip or revealed payload.

Always printed (a Kubernetes Job's or an ops pod's output goes to the log pipeline); also appended to a file when
one is given — `.run/audit.log` when the commands run against the local suite. No payload goes into an entry:
only where, who, when and why.
"""

import getpass
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

LOCAL_AUDIT_LOG = Path(".run/audit.log")


def default_operator() -> str:
    """Who runs the command, as the operating system knows them (`--operator` names them better)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # a container user without a passwd entry
        return "unknown"


def audit(action: str, *, operator: str, reason: str, log_file: Path | None, **facts: Any) -> str:
    """Record one intervention; returns the JSON line (the caller prints it)."""
    entry = {"at": datetime.now(UTC).isoformat(), "action": action, "operator": operator, "reason": reason, **facts}
    line = json.dumps(entry, sort_keys=False, default=str)
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        with log_file.open("a", encoding="utf-8") as out:
            out.write(line + "\n")
    return line
