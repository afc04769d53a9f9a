import json
from datetime import UTC, datetime

import httpx
import pytest
from notification.adapters.channels import FakeNotifier, RetryPolicy, WebhookNotifier, WebhookSettings
from notification.domain.delivery import DeliveryResult, DeliveryStatus
from standardwebhooks import Webhook

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
POLICY = RetryPolicy(retries=3, backoff_seconds=1.0, backoff_max_seconds=30.0, jitter_seconds=0.5)
NOW = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)


class ScriptedReceiver:
    """Answers webhook POSTs with scripted statuses (or raises) and keeps what it got."""

    def __init__(self, *responses: int | Exception | httpx.Response) -> None:
        self.responses = list(responses)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.responses.pop(0) if self.responses else 200
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, httpx.Response):
            return answer
        return httpx.Response(answer, json={"id": "gw-123"} if answer == 200 else {"error": "no"})


def webhook(receiver: ScriptedReceiver, sleeps: list[float], policy: RetryPolicy = POLICY) -> WebhookNotifier:
    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    return WebhookNotifier(
        WebhookSettings(url="https://sms-gateway.example/hooks", secret=SECRET, retry=policy),
        client=httpx.AsyncClient(transport=httpx.MockTransport(receiver)), clock=lambda: NOW, sleep=sleep)


class TestWebhookNotifier:
    async def test_payload_is_signed_with_the_standard_webhooks_scheme(self, outgoing):
        receiver = ScriptedReceiver(200)
        message = outgoing()

        result = await webhook(receiver, []).send(message)

        [request] = receiver.requests
        resigned = Webhook(SECRET).sign(msg_id=message.notification_id, timestamp=NOW, data=request.content.decode())
        assert request.headers["webhook-signature"] == resigned
        assert request.headers["webhook-timestamp"] == str(int(NOW.timestamp()))
        assert request.headers["webhook-id"] == message.notification_id
        assert json.loads(request.content)["data"]["to"] == "alesia@example.org"
        assert result == DeliveryResult.success(provider_message_id="gw-123")

    @pytest.mark.parametrize(("responses", "status", "attempts"), [
        ((503, 200), DeliveryStatus.DELIVERED, 2),
        ((500, 502, 503, 200), DeliveryStatus.DELIVERED, 4),
        ((500, 500, 500, 500), DeliveryStatus.TRANSIENT_FAILURE, 4),
        ((httpx.ConnectError("refused"), 200), DeliveryStatus.DELIVERED, 2),
        ((httpx.ReadTimeout("slow"),) * 4, DeliveryStatus.TRANSIENT_FAILURE, 4),
        ((429, 200), DeliveryStatus.DELIVERED, 2),
        ((400,), DeliveryStatus.PERMANENT_FAILURE, 1),
        ((410,), DeliveryStatus.PERMANENT_FAILURE, 1),
        ((503, 404), DeliveryStatus.PERMANENT_FAILURE, 2),
        ((301,), DeliveryStatus.PERMANENT_FAILURE, 1),
    ])
    async def test_server_errors_and_timeouts_are_retried_and_refusals_are_final(self, responses, status, attempts,
                                                                                outgoing):
        receiver = ScriptedReceiver(*responses)
        sleeps: list[float] = []

        result = await webhook(receiver, sleeps).send(outgoing())

        assert (result.status, result.attempts) == (status, attempts)
        assert len(receiver.requests) == attempts
        assert len(sleeps) == attempts - 1

    async def test_pauses_between_retries_double_with_a_bounded_random_extra(self, outgoing):
        sleeps: list[float] = []

        await webhook(ScriptedReceiver(500, 500, 500, 500), sleeps).send(outgoing())

        bases = (1.0, 2.0, 4.0)
        assert len(sleeps) == len(bases)
        assert all(base <= pause <= base + POLICY.jitter_seconds for pause, base in zip(sleeps, bases, strict=True))

    async def test_no_pause_exceeds_the_longest_backoff(self, outgoing):
        sleeps: list[float] = []
        policy = RetryPolicy(retries=5, backoff_seconds=1.0, backoff_max_seconds=3.0, jitter_seconds=0.5)

        await webhook(ScriptedReceiver(*[500] * 6), sleeps, policy).send(outgoing())

        assert len(sleeps) == 5 and max(sleeps) <= 3.0 and sleeps[-1] == 3.0

    async def test_a_retry_after_in_seconds_sets_the_pause(self, outgoing):
        sleeps: list[float] = []
        busy = httpx.Response(429, headers={"retry-after": "7"})

        result = await webhook(ScriptedReceiver(busy, 200), sleeps).send(outgoing())

        assert result.delivered and sleeps == [7.0]

    async def test_a_retry_after_longer_than_the_longest_backoff_is_cut_to_it(self, outgoing):
        sleeps: list[float] = []
        unavailable = httpx.Response(503, headers={"retry-after": "3600"})

        await webhook(ScriptedReceiver(unavailable, 200), sleeps).send(outgoing())

        assert sleeps == [POLICY.backoff_max_seconds]

    async def test_a_retry_after_date_falls_back_to_the_backoff(self, outgoing):
        sleeps: list[float] = []
        unavailable = httpx.Response(503, headers={"retry-after": "Wed, 21 Oct 2026 07:28:00 GMT"})

        await webhook(ScriptedReceiver(unavailable, 200), sleeps).send(outgoing())

        assert 1.0 <= sleeps[0] <= 1.5

    async def test_every_retry_keeps_the_same_webhook_id(self, outgoing):
        receiver = ScriptedReceiver(500, 500, 200)

        await webhook(receiver, []).send(outgoing())

        assert len({r.headers["webhook-id"] for r in receiver.requests}) == 1

    async def test_failure_reasons_carry_no_personal_data(self, outgoing):
        result = await webhook(ScriptedReceiver(400), []).send(outgoing())

        assert result.reason == "webhook answered 400"


async def test_fake_notifier_records_messages_and_plays_scripted_results(outgoing):
    fake = FakeNotifier(DeliveryResult.transient("smtp unavailable"))
    message = outgoing()

    first, second = await fake.send(message), await fake.send(message)

    assert (first.status, second.status) == (DeliveryStatus.TRANSIENT_FAILURE, DeliveryStatus.DELIVERED)
    assert fake.sent == [message, message]
