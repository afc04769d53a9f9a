"""Filings, and helpers to file and read complaints through the API."""

import base64
from typing import Any

import httpx

RECEIPT_PDF = b"%PDF-1.4 receipt for order 1234"


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
    return filing(attachments=[{"name": "чек.pdf", "media_type": "application/pdf",
                                "content_base64": base64.b64encode(RECEIPT_PDF).decode()}], **changes)


async def file(client: httpx.AsyncClient, body: dict[str, Any] | None = None, **headers: str) -> dict[str, Any]:
    response = await client.post("/v1/complaints", json=body or filing(), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def status(client: httpx.AsyncClient, receipt: dict[str, Any]) -> dict[str, Any]:
    response = await client.get(receipt["status_url"], headers={"X-Access-Code": receipt["access_code"]})
    assert response.status_code == 200, response.text
    return response.json()
