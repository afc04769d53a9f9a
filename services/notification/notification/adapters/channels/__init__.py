"""Delivery channels behind the Notifier port: SMTP e-mail, signed webhooks, and an in-memory fake for tests."""

from .configured import build_notifiers
from .fake import FakeNotifier
from .mime import MailWriter
from .retry import RetryPolicy
from .smtp import EmailNotifier, SmtpSettings
from .webhook import WebhookNotifier, WebhookSettings, webhook_payload

__all__ = ["EmailNotifier", "FakeNotifier", "MailWriter", "RetryPolicy", "SmtpSettings", "WebhookNotifier",
           "WebhookSettings", "build_notifiers", "webhook_payload"]
