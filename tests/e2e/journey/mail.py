"""The mails the suite's SMTP sink kept, decoded, and how a mail writes a deadline's day."""

import email
import email.policy
import mailbox
from dataclasses import dataclass
from datetime import datetime

from babel.dates import format_date, get_timezone
from complaints_cli.suite import Suite


@dataclass
class Mail:
    to: str
    subject: str
    text: str
    message_id: str = ""


def mails(suite: Suite) -> list[Mail]:
    """Every mail the SMTP sink kept so far, decoded."""
    found = []
    for stored in mailbox.Maildir(suite.mailbox, factory=None, create=False):
        message = email.message_from_bytes(stored.as_bytes(), policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        found.append(Mail(to=str(message["To"]), subject=str(message["Subject"]),
                          text=body.get_content() if body is not None else "",
                          message_id=str(message["Message-ID"] or "")))
    return found


def deadline_day(due_at: datetime, *, locale: str = "en_GB", time_zone: str = "Europe/London") -> str:
    """The calendar day of a deadline as a mail to a customer of that locale writes it."""
    return format_date(due_at.astimezone(get_timezone(time_zone)), "long", locale=locale)
