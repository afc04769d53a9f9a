"""The suite's mail sink stores what aiosmtpd's own Mailbox handler stored: same mails to any Maildir reader."""

import email
import email.policy
import mailbox
from email.message import EmailMessage
from pathlib import Path

import aiosmtplib
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from complaints_cli.suite.embedded import free_port
from complaints_cli.suite.mail_sink import RawMaildir


def a_mail(subject: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = "Complaints <no-reply@example.org>"
    mail["To"] = "Аліна <alina@example.org>"
    mail["Subject"] = subject
    mail.set_content("Здравствуйте,\n.\nваша жалоба получена.\n" + "Строка текста. " * 80)  # a lone dot: stuffed
    mail.add_alternative("<html><body><p>Ваша жалоба получена.</p></body></html>", subtype="html")
    return mail


async def stored_by(handler: object, folder: Path, mails: list[EmailMessage]) -> list[email.message.EmailMessage]:
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), enable_SMTPUTF8=True)
    controller.start()
    try:
        async with aiosmtplib.SMTP(hostname="127.0.0.1", port=controller.port) as smtp:
            for mail in mails:
                await smtp.send_message(mail, recipients=["alina@example.org", "copy@example.org"])
    finally:
        controller.stop()
    stored = [email.message_from_bytes(m.as_bytes(), policy=email.policy.default)
              for m in mailbox.Maildir(folder, factory=None, create=False)]
    return sorted(stored, key=lambda m: str(m["Subject"]))


def readable(mail: email.message.EmailMessage) -> tuple[object, ...]:
    # X-Peer names the client's port, and each sending draws a new MIME boundary.
    headers = sorted((name, str(value)) for name, value in mail.items() if name not in ("X-Peer", "Content-Type"))
    parts = [(part.get_content_type(), part.get_content()) for part in mail.walk() if not part.is_multipart()]
    return mail.get_content_type(), tuple(headers), tuple(parts)


@pytest.mark.asyncio
async def test_the_sink_stores_the_mails_the_stock_handler_stored(tmp_path: Path) -> None:
    mails = [a_mail(f"Ваша жалоба CMP-2026-00000{i} получена") for i in range(3)]
    ours = await stored_by(RawMaildir(str(tmp_path / "ours")), tmp_path / "ours", mails)
    stock = await stored_by(Mailbox(tmp_path / "stock"), tmp_path / "stock", mails)

    assert len(ours) == 3
    assert [readable(mail) for mail in ours] == [readable(mail) for mail in stock]
    assert ours[0]["X-RcptTo"] == "alina@example.org, copy@example.org"
    assert "\n.\nваша жалоба" in ours[0].get_body(("plain",)).get_content()
    assert b"\r\n" not in next(iter(mailbox.Maildir(tmp_path / "ours", factory=None))).as_bytes()
