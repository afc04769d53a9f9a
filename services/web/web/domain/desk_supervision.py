"""What a supervisor reads off the queue: open cases per owner, and the cases at risk first."""

from collections import Counter
from typing import Any

OPEN_STATES = {"opened", "investigating", "awaiting_customer", "resolution_proposed", "accepted", "rejected",
               "implementing"}
SUPERVISING_ROLES = ("supervisor", "admin")


def team_load(lines: list[dict[str, Any]]) -> list[tuple[str | None, int]]:
    """Open cases per owner (None: nobody owns them), busiest first."""
    load = Counter(line.get("assignee") for line in lines if line.get("state") in OPEN_STATES)
    return sorted(load.items(), key=lambda item: (-item[1], item[0] or ""))
