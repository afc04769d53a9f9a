"""Builders of valid events with memorable defaults; override any field."""

import uuid
from datetime import UTC, datetime
from typing import Any

from complaint_contracts import ComplaintReceived, ComplaintSubmission


def complaint_id() -> str:
    return f"c-{uuid.uuid4().hex[:16]}"


def details(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "channel": "web",
        "customer": {"name": "Alesia Kuzmich", "email": "alesia@example.org", "preferred_channel": "email"},
        "title": "LATE-REFUND",
        "description": "Refund for order 1234 never arrived.",
        "product": "online-shop",
        "jurisdiction": "GB",
        "language": "en",
    }
    base.update(overrides)
    return base


def make_complaint_received(**overrides: Any) -> ComplaintReceived:
    data = details(complaint_id=complaint_id(), tracking_number="CMP-7K3Q-9XWA-F", received_at=datetime.now(UTC))
    data.update(overrides)
    return ComplaintReceived(**data)


def make_submission(**overrides: Any) -> ComplaintSubmission:
    data = details(source="/crm/callcentre", source_system="crm",
                   external_reference=f"CRM-{uuid.uuid4().hex[:8]}", channel="phone")
    data.update(overrides)
    return ComplaintSubmission(**data)
