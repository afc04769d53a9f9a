"""The suite's mail sink: aiosmtpd storing every mail it receives in a Maildir, as it was received.

aiosmtpd's own `Mailbox` handler parses each mail into an `email.message.Message` only to write it out again: that
took ~45 % of the sink's CPU (~0.9 of ~2 ms per mail, measured with 11 KB multipart mails), on the same cores as
the suite the benchmark measures. This handler stores the bytes as they came, with the same three envelope headers
the stock handler adds (at the top rather than the bottom of the header) and the same line endings (LF), so any
reader of the Maildir sees the same mails.
"""

import heapq
import mailbox
import os
from argparse import ArgumentParser
from email.message import Message
from pathlib import Path
from typing import Self

from aiosmtpd.smtp import SMTP, Envelope, Session


class RawMaildir:
    def __init__(self, mail_dir: str) -> None:
        self.mailbox = mailbox.Maildir(mail_dir)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802 (aiosmtpd's hook)
        envelope_headers = (f"X-Peer: {session.peer}\nX-MailFrom: {envelope.mail_from}\n"
                            f"X-RcptTo: {', '.join(envelope.rcpt_tos)}\n").encode()
        content = envelope.original_content or b""
        self.mailbox.add(envelope_headers + content.replace(b"\r\n", b"\n"))
        return "250 OK"

    @classmethod
    def from_cli(cls, parser: ArgumentParser, *args: str) -> Self:
        """`python -m aiosmtpd -c complaints_cli.suite.mail_sink.RawMaildir <maildir>`."""
        if len(args) != 1:
            parser.error("the sink takes one argument: the Maildir to store mails in")
        return cls(args[0])


def newest_mails(mail_dir: Path, last: int) -> list[Message]:
    """The `last` mails delivered most recently, oldest first.

    Chosen by the files' modification times, so only those mails are read: after a benchmark or a day of `make
    run` the sink holds tens of thousands, and reading every one to sort them by date took seconds.
    """
    box = mailbox.Maildir(mail_dir, create=False)
    delivered = ((entry.stat().st_mtime_ns, entry.name.split(":", 1)[0])
                 for folder in ("new", "cur") if (mail_dir / folder).is_dir()
                 for entry in os.scandir(mail_dir / folder) if entry.is_file())
    return [box.get_message(key) for _, key in sorted(heapq.nlargest(last, delivered))]
