"""JSON webhooks signed per Standard Webhooks, for partner systems and SMS, letter or chat gateways."""

import asyncio
import json
from typing import Any

import httpx
from complaints_chassis.clock import Clock, Now
from pydantic import BaseModel, ConfigDict, Field, SecretStr
from standardwebhooks import Webhook

from ...domain.delivery import DeliveryResult, OutgoingMessage
from ...domain.ports import Notifier
from .retry import Attempt, RetryPolicy, Sleep, with_retries

EVENT_TYPE = "complaints.notification.message"
RETRYABLE_CLIENT_ERRORS = frozenset({408, 429})
"""Request Timeout and Too Many Requests are the receiver asking us to come back later, not a refusal."""


class WebhookSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    url: str = Field(description="Endpoint that receives the POSTs")
    secret: SecretStr = Field(description="Signing secret in Standard Webhooks form (`whsec_` + base64)")
    timeout_seconds: float = 10.0
    retry: RetryPolicy = Field(default_factory=RetryPolicy, description="Retries of 5xx, 408, 429 and timeouts")


def webhook_payload(message: OutgoingMessage) -> dict[str, Any]:
    """The body: Standard Webhooks' recommended `type` / `timestamp` / `data` shape."""
    return {
        "type": EVENT_TYPE,
        "timestamp": message.created_at.isoformat(),
        "data": {
            "notification_id": message.notification_id, "channel": message.channel.value, "to": message.address,
            "audience": message.audience.value, "template": message.template.value,
            "language": message.language.value, "complaint_id": message.complaint_id,
            "subject": message.subject, "text": message.text, "html": message.html,
        },
    }


def retry_after_seconds(response: httpx.Response) -> float | None:
    """The pause a 429 or 503 asks for, when given in seconds (an HTTP-date falls back to our backoff)."""
    value = response.headers.get("retry-after", "").strip()
    return float(value) if value.isdigit() else None


def _provider_id(response: httpx.Response) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return None
    return body.get("id") if isinstance(body, dict) and isinstance(body.get("id"), str) else None


class WebhookNotifier(Notifier):
    """POSTs each message once per attempt with the same webhook-id, so receivers can drop repeats."""

    def __init__(self, settings: WebhookSettings, *, client: httpx.AsyncClient | None = None,
                 clock: Now | None = None,
                 sleep: Sleep = asyncio.sleep) -> None:
        self.settings = settings
        self._signer = Webhook(settings.secret.get_secret_value())
        self._client = client or httpx.AsyncClient(timeout=settings.timeout_seconds)
        # Wall time, never the shifted business clock: receivers compare the signed timestamp with their own.
        self._clock = clock or Clock()
        self._sleep = sleep

    async def send(self, message: OutgoingMessage) -> DeliveryResult:
        body = json.dumps(webhook_payload(message), ensure_ascii=False, separators=(",", ":"))
        return await with_retries(lambda attempt: self._post(message.notification_id, body, attempt=attempt),
                                  policy=self.settings.retry, sleep=self._sleep)

    async def _post(self, webhook_id: str, body: str, *, attempt: int) -> Attempt:
        timestamp = self._clock()
        headers = {
            "content-type": "application/json",
            "webhook-id": webhook_id,
            "webhook-timestamp": str(int(timestamp.timestamp())),
            # Signed on every attempt: receivers reject timestamps older than a few minutes.
            "webhook-signature": self._signer.sign(msg_id=webhook_id, timestamp=timestamp, data=body),
        }
        try:
            response = await self._client.post(self.settings.url, content=body.encode(), headers=headers)
        except httpx.TimeoutException:
            return Attempt(DeliveryResult.transient("webhook timed out", attempts=attempt))
        except httpx.TransportError as exc:
            return Attempt(DeliveryResult.transient(f"webhook unreachable: {type(exc).__name__}", attempts=attempt))
        status = response.status_code
        if response.is_success:
            return Attempt(DeliveryResult.success(provider_message_id=_provider_id(response), attempts=attempt))
        if status >= 500 or status in RETRYABLE_CLIENT_ERRORS:
            return Attempt(DeliveryResult.transient(f"webhook answered {status}", attempts=attempt),
                           retry_after_seconds=retry_after_seconds(response))
        # Other 4xx and redirects: the receiver refuses this request, and sending it again will not change that.
        return Attempt(DeliveryResult.permanent(f"webhook answered {status}", attempts=attempt))

    async def aclose(self) -> None:
        await self._client.aclose()
