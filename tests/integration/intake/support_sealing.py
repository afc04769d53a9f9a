"""Markers in every personal field, and searching stored documents and published records for them in plaintext."""

import json
import uuid
from typing import Any

from aiokafka.structs import ConsumerRecord
from bson import Binary
from complaint_contracts import topics

from tests.support.kafka import read_until

from .conftest import Intake


def marker(label: str) -> str:
    return f"zq{label}{uuid.uuid4().hex[:10]}"


def marked_customer() -> dict[str, str]:
    return {"name": f"Sam {marker('name')}", "email": f"{marker('mail')}@example.org",
            "phone": f"+375 29 {1_000_000 + uuid.uuid4().int % 9_000_000}",
            "postal_address": f"1 {marker('addr')} Street", "customer_ref": marker("ref")}


def marked_filing() -> dict[str, Any]:
    return {"language": "en", "jurisdiction": "GB", "title": "Parcel never arrived",
            "description": f"It never came. {marker('text')}", "order_reference": marker("order"),
            "about_employee_name": f"Driver {marker('emp')}", "customer": marked_customer()}


def needles(filing: dict[str, Any]) -> list[str]:
    """Every personal value of a filing, as it could show in plaintext (the phone by its digits)."""
    customer = filing["customer"]
    found = [filing[name] for name in ("description", "order_reference", "about_employee_name", "about_employee")
             if filing.get(name)]
    found += [customer[name] for name in ("name", "email", "postal_address", "customer_ref") if customer.get(name)]
    if customer.get("phone"):
        found.append(customer["phone"].replace(" ", "").lstrip("+"))
    return found


def _plain(value: Any) -> Any:
    if isinstance(value, Binary | bytes):
        return bytes(value).decode(errors="replace")
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def readable(document: dict[str, Any]) -> str:
    """The whole document as text, binary values (queued records) decoded, nothing escaped."""
    return json.dumps(_plain(document), ensure_ascii=False, default=str)


def found_in(text: str, wanted: list[str]) -> list[str]:
    return [n for n in wanted if n.casefold() in text.casefold()]


async def published(intake: Intake, complaint_id: str, event_type: str) -> ConsumerRecord:
    return await read_until(intake.backend.kafka_bootstrap, topics.INTAKE,
                            lambda r: r.key == complaint_id.encode()
                            and dict(r.headers).get("ce_type") == event_type.encode())
