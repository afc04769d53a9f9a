"""Deterministic ids (uuid5): a replay or a duplicate lands on the same document instead of a new one."""

from datetime import date, datetime
from uuid import NAMESPACE_URL, UUID, uuid5


def fact_id(complaint_id: str) -> UUID:
    """Id of the fact document of one complaint."""
    return uuid5(NAMESPACE_URL, f"/complaint-facts/{complaint_id}")


def aggregate_id(*, name: str, period: date | datetime | str, dimension: str, value: str) -> UUID:
    """Id of one aggregate row, e.g. the daily count of one category."""
    stamp = period.isoformat() if isinstance(period, date | datetime) else period
    return uuid5(NAMESPACE_URL, f"/{name}/{stamp}/{dimension}/{value}")


def issue_id(*, dimension: str, value: str, started_at: datetime) -> str:
    """Id of one systemic-issue episode: the same episode replayed gets the same id."""
    return str(uuid5(NAMESPACE_URL, f"/systemic-issues/{dimension}/{value}/{started_at.isoformat()}"))


def field_key(raw: str) -> str:
    """Make an external id safe as a document field name (no dots, no leading dollar)."""
    return raw.replace(".", "_").replace("$", "_")
