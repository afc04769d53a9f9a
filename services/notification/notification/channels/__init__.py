"""Delivery channels behind the Notifier interface."""

from .base import Notifier
from .fake import FakeNotifier
from .retry import RetryPolicy
from .smtp import EmailNotifier, SmtpSettings, build_email
from .webhook import WebhookNotifier, WebhookSettings, webhook_payload

__all__ = ["EmailNotifier", "FakeNotifier", "Notifier", "RetryPolicy", "SmtpSettings", "WebhookNotifier",
           "WebhookSettings", "build_email", "webhook_payload"]
