"""SMTP sessions kept open between mails and runs: connecting, TLS and login once per session, not once per mail."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import aiosmtplib

DROPPED = (aiosmtplib.SMTPServerDisconnected, ConnectionError)
"""The server closed the session without a word (a kept one may have been closed while it sat idle)."""
ANSWERED = (aiosmtplib.SMTPResponseException, aiosmtplib.SMTPRecipientsRefused)
"""The server refused this mail and the client reset the envelope: the session can carry the next one, unless the
answer was that the server is closing it (421)."""
CLOSING = 421


@dataclass(frozen=True)
class Envelope:
    """One mail as SMTP carries it."""

    sender: str
    recipient: str
    data: bytes
    options: tuple[str, ...] = ()
    """MAIL FROM options (SMTPUTF8 for an address in Unicode)."""


class SmtpSessions:
    """Up to `size` sessions at once; an idle one is reused (newest first) and closed after `idle_seconds`."""

    def __init__(self, open_session: Callable[[], Awaitable[aiosmtplib.SMTP]], *, size: int, idle_seconds: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._open = open_session
        self._slots = asyncio.Semaphore(size)
        self._idle_seconds = idle_seconds
        self._clock = clock
        self._idle: list[tuple[aiosmtplib.SMTP, float]] = []
        """Sessions not in use, with when each was last used (oldest first)."""
        self._expiry: asyncio.TimerHandle | None = None
        self._closed = False

    async def send(self, mail: Envelope) -> None:
        """Send one mail over a kept session (a new one if none is idle, or if the kept one was dropped); raises
        what aiosmtplib raises."""
        async with self._slots:
            kept = self._take_idle()
            if kept is not None and await self._sent_over_kept(kept, mail):
                return
            await self._send(await self._open(), mail)

    async def aclose(self) -> None:
        """Say goodbye on every idle session; sessions in use are closed as their mail finishes."""
        self._closed = True
        if self._expiry is not None:
            self._expiry.cancel()
        idle, self._idle = self._idle, []
        for session, _ in idle:
            await _quit(session)

    async def _sent_over_kept(self, session: aiosmtplib.SMTP, mail: Envelope) -> bool:
        """False when the server had closed the kept session, or closes it now: then the mail goes once more over a
        new session at once (at worst a repeat with the same Message-ID, which receivers drop), before the retry
        policy counts a failure."""
        try:
            await self._send(session, mail)
        except DROPPED:
            return False
        except ANSWERED as exc:
            if not _closing(exc):
                raise
            return False
        return True

    async def _send(self, session: aiosmtplib.SMTP, mail: Envelope) -> None:
        try:
            await session.sendmail(mail.sender, [mail.recipient], mail.data, mail_options=list(mail.options))
        except ANSWERED as exc:
            if _closing(exc):
                session.close()
            else:
                self._release(session)
            raise
        except BaseException:
            session.close()  # timed out, cut off or cancelled mid-dialogue: its state is unknown
            raise
        self._release(session)

    def _take_idle(self) -> aiosmtplib.SMTP | None:
        self._expire()
        while self._idle:
            session, _ = self._idle.pop()
            if session.is_connected:
                return session
        return None

    def _release(self, session: aiosmtplib.SMTP) -> None:
        if self._closed or not session.is_connected:
            session.close()
            return
        self._idle.append((session, self._clock()))
        if self._expiry is None:
            self._expiry = asyncio.get_running_loop().call_later(self._idle_seconds, self._on_expiry)

    def _on_expiry(self) -> None:
        self._expiry = None
        self._expire()
        if self._idle:
            wait = self._idle[0][1] + self._idle_seconds - self._clock()
            self._expiry = asyncio.get_running_loop().call_later(max(wait, 0.0), self._on_expiry)

    def _expire(self) -> None:
        """Close the sessions idle for `idle_seconds` (without QUIT: nothing waits for the answer)."""
        deadline = self._clock() - self._idle_seconds
        while self._idle and self._idle[0][1] <= deadline:
            self._idle.pop(0)[0].close()


def _closing(answer: aiosmtplib.SMTPResponseException | aiosmtplib.SMTPRecipientsRefused) -> bool:
    """The server's answer says it is closing the session (RFC 5321 §3.8), not that it refuses this mail."""
    if isinstance(answer, aiosmtplib.SMTPRecipientsRefused):
        return all(refused.code == CLOSING for refused in answer.recipients)
    return answer.code == CLOSING


async def _quit(session: aiosmtplib.SMTP) -> None:
    try:
        await session.quit()
    except (aiosmtplib.SMTPException, OSError):
        session.close()  # the server left first: there is no one to say goodbye to
