"""E-mail over SMTP (aiosmtplib): plain text with an HTML alternative, one Message-ID per delivery."""

import asyncio
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from typing import Literal

import aiosmtplib
from pydantic import BaseModel, ConfigDict, Field, SecretStr

from ...domain.delivery import DeliveryResult, OutgoingMessage
from ...domain.ports import Notifier
from .retry import Attempt, RetryPolicy, Sleep, with_retries

SECURITY_MODES = {"starttls": True, "opportunistic": None, "none": False, "tls": False}
"""Security setting → aiosmtplib's `start_tls` (None: upgrade when the server offers STARTTLS)."""


class SmtpSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    host: str
    port: int = 587
    security: Literal["starttls", "opportunistic", "tls", "none"] = Field(
        default="starttls", description="Required STARTTLS, STARTTLS when offered, implicit TLS (usually port 465), "
                                        "or plain (local sinks)")
    username: str | None = None
    password: SecretStr | None = None
    sender: str = Field(description="From address", examples=["complaints@example.org"])
    sender_name: str = Field(default="Complaints", description="From display name")
    timeout_seconds: float = 30.0
    validate_certs: bool = True
    retry: RetryPolicy = Field(default_factory=RetryPolicy, description="Retries of unavailable servers and 4xx")


def build_email(message: OutgoingMessage, *, settings: SmtpSettings) -> EmailMessage:
    """A multipart/alternative mail whose Message-ID is the delivery id, so providers can drop repeats."""
    email = EmailMessage()
    email["From"] = formataddr((settings.sender_name, settings.sender))
    email["To"] = message.address
    email["Subject"] = message.subject
    email["Date"] = format_datetime(message.created_at)
    email["Message-ID"] = f"<{message.notification_id}@{settings.sender.rpartition('@')[2]}>"
    # RFC 3834: stops vacation auto-replies from answering our notifications.
    email["Auto-Submitted"] = "auto-generated"
    email.set_content(message.text)
    email.add_alternative(message.html, subtype="html")
    # After the body: set_content drops Content-* headers set before it.
    email["Content-Language"] = message.language.value
    return email


def _by_reply_code(code: int, what: str) -> DeliveryResult:
    """5xx replies are final (RFC 5321 §4.2.1); 4xx ones invite a later retry."""
    reason = f"{what} ({code})"
    return DeliveryResult.permanent(reason) if 500 <= code < 600 else DeliveryResult.transient(reason)


class EmailNotifier(Notifier):
    def __init__(self, settings: SmtpSettings, *, sleep: Sleep = asyncio.sleep) -> None:
        self.settings = settings
        self._sleep = sleep

    async def send(self, message: OutgoingMessage) -> DeliveryResult:
        email = build_email(message, settings=self.settings)

        async def attempt(n: int) -> Attempt:
            result = await self._send_once(email)
            return Attempt(result.model_copy(update={"attempts": n}))

        return await with_retries(attempt, policy=self.settings.retry, sleep=self._sleep)

    async def _send_once(self, email: EmailMessage) -> DeliveryResult:
        s = self.settings
        try:
            await aiosmtplib.send(
                email, hostname=s.host, port=s.port, username=s.username,
                password=s.password.get_secret_value() if s.password else None,
                use_tls=s.security == "tls", start_tls=SECURITY_MODES[s.security],
                timeout=s.timeout_seconds, validate_certs=s.validate_certs,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            return _by_reply_code(max(r.code for r in exc.recipients), "recipient refused")
        except (aiosmtplib.SMTPRecipientRefused, aiosmtplib.SMTPDataError) as exc:
            return _by_reply_code(exc.code, "message refused")
        except (aiosmtplib.SMTPAuthenticationError, aiosmtplib.SMTPSenderRefused) as exc:
            # Our own credentials or sender are wrong: fixing the settings and retrying helps, so not permanent.
            return DeliveryResult.transient(f"smtp server refused our login or sender ({exc.code})")
        except (aiosmtplib.SMTPException, OSError) as exc:
            return DeliveryResult.transient(f"smtp unavailable: {type(exc).__name__}")
        return DeliveryResult.success(provider_message_id=email["Message-ID"])
