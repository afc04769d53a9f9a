"""Delivery channels behind the Notifier port: SMTP e-mail, signed webhooks, and an in-memory fake for tests."""

from .configured import build_notifiers
from .fake import FakeNotifier
from .retry import RetryPolicy
from .smtp import EmailNotifier, SmtpSettings, build_email
from .webhook import WebhookNotifier, WebhookSettings, webhook_payload

__all__ = ["EmailNotifier", "FakeNotifier", "RetryPolicy", "SmtpSettings", "WebhookNotifier", "WebhookSettings",
           "build_email", "build_notifiers", "webhook_payload"]
