"""The mail as the previous version built it (`EmailMessage`, flattened by aiosmtplib for a server that offers
8BITMIME), kept as the oracle the mail writer is compared with."""

from email.message import EmailMessage
from email.utils import format_datetime, formataddr

from aiosmtplib.email import flatten_message
from notification.adapters.channels import SmtpSettings
from notification.domain.delivery import OutgoingMessage


def build_email(message: OutgoingMessage, *, settings: SmtpSettings) -> EmailMessage:
    email = EmailMessage()
    email["From"] = formataddr((settings.sender_name, settings.sender))
    email["To"] = message.address
    email["Subject"] = message.subject
    email["Date"] = format_datetime(message.created_at)
    email["Message-ID"] = f"<{message.notification_id}@{settings.sender.rpartition('@')[2]}>"
    email["Auto-Submitted"] = "auto-generated"
    email.set_content(message.text)
    email.add_alternative(message.html, subtype="html")
    email["Content-Language"] = message.language.value
    return email


def previous_bytes(message: OutgoingMessage, *, settings: SmtpSettings) -> bytes:
    """What the previous version handed the server."""
    return flatten_message(build_email(message, settings=settings), cte_type="8bit")
