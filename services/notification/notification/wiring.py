"""Building the service's dependencies from settings: channels, templates, directory, store."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import httpx

from .channels import EmailNotifier, Notifier, RetryPolicy, SmtpSettings, WebhookNotifier, WebhookSettings
from .config import NotificationSettings
from .metrics import MeteredNotifier, NotificationMetrics
from .rendering import TemplateRenderer
from .selection import DeliveryChannel
from .service import NotificationService, NotificationStore


@dataclass
class NotificationDeps:
    service: NotificationService
    notifiers: dict[DeliveryChannel, Notifier]

    async def close(self) -> None:
        for notifier in self.notifiers.values():
            await notifier.aclose()


def retry_policy(settings: NotificationSettings) -> RetryPolicy:
    return RetryPolicy(retries=settings.delivery_retries, backoff_seconds=settings.delivery_backoff_seconds,
                       backoff_max_seconds=settings.delivery_backoff_max_seconds,
                       jitter_seconds=settings.delivery_jitter_seconds)


def build_notifiers(settings: NotificationSettings) -> dict[DeliveryChannel, Notifier]:
    """E-mail always; each webhook channel whose endpoint is configured (they share one signing secret)."""
    s, retry = settings, retry_policy(settings)
    notifiers: dict[DeliveryChannel, Notifier] = {DeliveryChannel.EMAIL: EmailNotifier(SmtpSettings(
        host=s.smtp_host, port=s.smtp_port, security=s.smtp_security, username=s.smtp_username,
        password=s.smtp_password, sender=s.smtp_sender, sender_name=s.smtp_sender_name,
        timeout_seconds=s.smtp_timeout_seconds, validate_certs=s.smtp_validate_certs, retry=retry))}
    if s.webhook_secret is not None:
        client = httpx.AsyncClient(timeout=s.webhook_timeout_seconds)
        for name, url in s.webhook_urls().items():
            webhook = WebhookSettings(url=url, secret=s.webhook_secret, timeout_seconds=s.webhook_timeout_seconds,
                                      retry=retry)
            notifiers[DeliveryChannel(name)] = WebhookNotifier(webhook, client=client)
    return notifiers


def build_deps(settings: NotificationSettings, *, store: NotificationStore, metrics: NotificationMetrics,
               clock: Callable[[], datetime], wake_relay: Callable[[], None]) -> NotificationDeps:
    notifiers = build_notifiers(settings)

    def on_recorded(outcomes: list) -> None:
        if outcomes:
            metrics.recorded(outcomes)
            wake_relay()

    service = NotificationService(
        store=store, notifiers={c: MeteredNotifier(n, metrics) for c, n in notifiers.items()},
        renderer=TemplateRenderer(settings.templates_dir), links=settings.links,
        directory=settings.staff_directory, clock=clock, on_recorded=on_recorded)
    return NotificationDeps(service=service, notifiers=notifiers)
