"""Analytics never holds personal data: every field a contract marks personal is dropped before an event is read."""

from typing import Any

from complaint_contracts.personal_data import strip_personal_data
from pydantic import BaseModel


def public_data(event: BaseModel) -> dict[str, Any]:
    """Dump an event to JSON-ready data with every personal-data field removed."""
    return strip_personal_data(model=type(event), data=event.model_dump(mode="json"))
