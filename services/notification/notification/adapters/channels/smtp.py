"""E-mail over SMTP (aiosmtplib): plain text with an HTML alternative, one Message-ID per delivery, sent over
sessions kept open between mails."""

import asyncio
from typing import Literal

import aiosmtplib
from pydantic import BaseModel, ConfigDict, Field, SecretStr

from ...domain.delivery import DeliveryResult, OutgoingMessage
from ...domain.ports import Notifier
from .mime import MailWriter
from .retry import Attempt, RetryPolicy, Sleep, with_retries
from .sessions import Envelope, SmtpSessions

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
    sessions: int = Field(default=8, ge=1, description="SMTP sessions open at once, kept between mails")
    idle_seconds: float = Field(default=30.0, gt=0, description="How long an unused session is kept open")
    retry: RetryPolicy = Field(default_factory=RetryPolicy, description="Retries of unavailable servers and 4xx")


def _by_reply_code(code: int, what: str) -> DeliveryResult:
    """5xx replies are final (RFC 5321 §4.2.1); 4xx ones invite a later retry."""
    reason = f"{what} ({code})"
    return DeliveryResult.permanent(reason) if 500 <= code < 600 else DeliveryResult.transient(reason)


class EmailNotifier(Notifier):
    def __init__(self, settings: SmtpSettings, *, sleep: Sleep = asyncio.sleep) -> None:
        self.settings = settings
        self._sleep = sleep
        self._writer = MailWriter(sender=settings.sender, sender_name=settings.sender_name)
        self._sessions = SmtpSessions(self._open_session, size=settings.sessions, idle_seconds=settings.idle_seconds)

    async def send(self, message: OutgoingMessage) -> DeliveryResult:
        # Written once: every attempt sends the same bytes, with the same Message-ID and date.
        mail = Envelope(sender=self.settings.sender, recipient=message.address, data=self._writer.write(message),
                        options=() if (self.settings.sender + message.address).isascii() else ("SMTPUTF8",))
        message_id = self._writer.message_id(message)

        async def attempt(n: int) -> Attempt:
            result = await self._send_once(mail, message_id=message_id)
            return Attempt(result.model_copy(update={"attempts": n}))

        return await with_retries(attempt, policy=self.settings.retry, sleep=self._sleep)

    async def aclose(self) -> None:
        await self._sessions.aclose()

    async def _open_session(self) -> aiosmtplib.SMTP:
        s = self.settings
        session = aiosmtplib.SMTP(
            hostname=s.host, port=s.port, username=s.username,
            password=s.password.get_secret_value() if s.password else None,
            use_tls=s.security == "tls", start_tls=SECURITY_MODES[s.security],
            timeout=s.timeout_seconds, validate_certs=s.validate_certs,
        )
        await session.connect()
        return session

    async def _send_once(self, mail: Envelope, *, message_id: str) -> DeliveryResult:
        try:
            await self._sessions.send(mail)
        except aiosmtplib.SMTPRecipientsRefused as exc:
            return _by_reply_code(max(r.code for r in exc.recipients), "recipient refused")
        except (aiosmtplib.SMTPRecipientRefused, aiosmtplib.SMTPDataError) as exc:
            return _by_reply_code(exc.code, "message refused")
        except (aiosmtplib.SMTPAuthenticationError, aiosmtplib.SMTPSenderRefused) as exc:
            # Our own credentials or sender are wrong: fixing the settings and retrying helps, so not permanent.
            return DeliveryResult.transient(f"smtp server refused our login or sender ({exc.code})")
        except (aiosmtplib.SMTPException, OSError) as exc:
            return DeliveryResult.transient(f"smtp unavailable: {type(exc).__name__}")
        return DeliveryResult.success(provider_message_id=message_id)
