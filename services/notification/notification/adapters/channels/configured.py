"""The channels the settings configure: e-mail always, each webhook channel whose endpoint is set."""

import httpx

from ...config import NotificationSettings
from ...domain.ports import Notifier
from ...domain.selection import DeliveryChannel
from .retry import RetryPolicy, Sleep
from .smtp import EmailNotifier, SmtpSettings
from .webhook import WebhookNotifier, WebhookSettings


def retry_policy(settings: NotificationSettings) -> RetryPolicy:
    return RetryPolicy(retries=settings.delivery_retries, backoff_seconds=settings.delivery_backoff_seconds,
                       backoff_max_seconds=settings.delivery_backoff_max_seconds,
                       jitter_seconds=settings.delivery_jitter_seconds)


def build_notifiers(settings: NotificationSettings, *, sleep: Sleep) -> dict[DeliveryChannel, Notifier]:
    """E-mail always; each webhook channel whose endpoint is configured (they share one signing secret).

    `sleep` is the pause between retries (the service's, so that stopping cuts it short).
    """
    s, retry = settings, retry_policy(settings)
    notifiers: dict[DeliveryChannel, Notifier] = {DeliveryChannel.EMAIL: EmailNotifier(SmtpSettings(
        host=s.smtp_host, port=s.smtp_port, security=s.smtp_security, username=s.smtp_username,
        password=s.smtp_password, sender=s.smtp_sender, sender_name=s.smtp_sender_name,
        timeout_seconds=s.smtp_timeout_seconds, validate_certs=s.smtp_validate_certs, sessions=s.smtp_sessions,
        idle_seconds=s.smtp_idle_seconds, retry=retry), sleep=sleep)}
    if s.webhook_secret is not None:
        client = httpx.AsyncClient(timeout=s.webhook_timeout_seconds)
        for name, url in s.webhook_urls().items():
            webhook = WebhookSettings(url=url, secret=s.webhook_secret, timeout_seconds=s.webhook_timeout_seconds,
                                      retry=retry)
            notifiers[DeliveryChannel(name)] = WebhookNotifier(webhook, client=client, sleep=sleep)
    return notifiers
