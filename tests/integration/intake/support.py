"""Filings, and helpers to file and read complaints through the API."""

import base64
from typing import Any

import httpx

RECEIPT_PDF = b"%PDF-1.4 receipt for order 1234"
PHOTO_PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8" + bytes(60) + b"PE\x00\x00L\x01"


def attachment(name: str, media_type: str, content: bytes) -> dict[str, str]:
    return {"name": name, "media_type": media_type, "content_base64": base64.b64encode(content).decode()}


def filing(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "language": "ru",
        "customer": {"name": "Алеся Кузьміч", "email": "alesia@example.org", "phone": "+375 29 123 45 67"},
        "title": "Не вернули деньги за заказ",
        "description": "Заказ №123 отменён 3 марта, деньги так и не пришли. <b>Прошу вернуть</b> 🙏",
        "desired_remedy": "refund",
        "amount_claimed": {"amount": "49.99", "currency": "BYN"},
        "jurisdiction": "BY",
    }
    return base | changes


def with_receipt(**changes: Any) -> dict[str, Any]:
    return filing(attachments=[attachment("чек.pdf", "application/pdf", RECEIPT_PDF)], **changes)


async def file(client: httpx.AsyncClient, body: dict[str, Any] | None = None, **headers: str) -> dict[str, Any]:
    response = await client.post("/v1/complaints", json=body or filing(), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def status(client: httpx.AsyncClient, receipt: dict[str, Any]) -> dict[str, Any]:
    response = await client.get(receipt["status_url"], headers={"X-Access-Code": receipt["access_code"]})
    assert response.status_code == 200, response.text
    return response.json()
