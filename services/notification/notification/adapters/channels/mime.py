"""A mail's bytes, written directly: plain text with an HTML alternative, the headers every mail shares prepared once.

The standard library's `EmailMessage` re-parses every header through its header registry and flattens the tree
afterwards, which profiled as most of a mail's CPU. Here the From line (the same for every mail) is folded once by
the standard library itself; per mail, only the subject may need RFC 2047 encoded words, and each body is written
7bit when it is short-lined ASCII, else base64 (valid over any server, 8BITMIME or not).
"""

import binascii
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

from ...domain.delivery import OutgoingMessage

CRLF = b"\r\n"
MAX_LINE = 78
"""RFC 5322's recommended line length: headers are folded and bodies encoded to stay within it."""
WORD_BYTES = 39
"""UTF-8 bytes per encoded word: 52 base64 characters, so `Subject: ` and one word fit in MAX_LINE."""
MAX_WORD = 900
"""A word longer than this cannot be folded within RFC 5322's 998 characters a line: encoded words split it."""
BASE64_LINE = 57
"""Bytes per base64 body line (76 characters, RFC 2045's limit)."""


def from_line(*, sender: str, sender_name: str) -> bytes:
    """The From header as the standard library writes it (quoting or RFC 2047 as the name needs): once per sender."""
    header = EmailMessage(policy=policy.SMTP)
    header["From"] = formataddr((sender_name, sender))
    return policy.SMTP.fold_binary("From", header["From"])


def encoded_words(text: str) -> str:
    """RFC 2047 `B` encoded words, folded; a word never splits a character."""
    data, words, start = text.encode(), [], 0
    while start < len(data):
        end = min(start + WORD_BYTES, len(data))
        while end < len(data) and 0x80 <= data[end] < 0xC0:  # a UTF-8 continuation byte: step back
            end -= 1
        words.append(f"=?utf-8?b?{binascii.b2a_base64(data[start:end], newline=False).decode()}?=")
        start = end
    return "\r\n ".join(words)


def subject_value(subject: str) -> str:
    """The subject as written on the wire: folded at spaces when it is printable ASCII, else encoded words.

    Text that looks like an encoded word (`=?`) is encoded too, so that readers show it as written.
    """
    words = subject.split(" ")
    if not (subject.isascii() and subject.isprintable()) or "=?" in subject or max(map(len, words)) > MAX_WORD:
        return encoded_words(subject)
    lines, line, used = [], "", len("Subject: ")
    for word in words:
        if line and used + len(line) + 1 + len(word) > MAX_LINE:
            lines.append(line)
            line, used = word, 1  # a continuation line starts with a space
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\r\n ".join(lines)


def body_part(text: str, *, subtype: str, boundary: bytes) -> bytes:
    """One text part: 7bit when every line is short ASCII (and cannot be mistaken for the boundary), else base64.

    Lines are split as the standard library splits them (CR, LF or CRLF) and end in CRLF, the canonical form.
    """
    lines = text.encode().splitlines()
    canonical = CRLF.join(lines) + CRLF
    plain = (text.isascii() and max(map(len, lines), default=0) <= MAX_LINE and b"\0" not in canonical
             and b"--" + boundary not in canonical)
    encoding = b"7bit" if plain else b"base64"
    if not plain:
        canonical = b"".join(binascii.b2a_base64(canonical[i:i + BASE64_LINE], newline=False) + CRLF
                             for i in range(0, len(canonical), BASE64_LINE))
    return (b"Content-Type: text/" + subtype.encode() + b'; charset="utf-8"\r\nContent-Transfer-Encoding: '
            + encoding + CRLF + CRLF + canonical)


class MailWriter:
    """Writes each message as the bytes of a multipart/alternative mail from one sender."""

    def __init__(self, *, sender: str, sender_name: str) -> None:
        self._from = from_line(sender=sender, sender_name=sender_name)
        self._domain = sender.rpartition("@")[2]

    def message_id(self, message: OutgoingMessage) -> str:
        """The delivery id on the sender's domain, so providers can drop repeats."""
        return f"<{message.notification_id}@{self._domain}>"

    def write(self, message: OutgoingMessage) -> bytes:
        if "\r" in message.address or "\n" in message.address:
            raise ValueError("an address may not contain line breaks")
        # The delivery id is unique per mail; `=_` cannot occur in base64 and the id in no template.
        boundary = f"=_{message.notification_id}".encode()
        headers = (
            f"To: {message.address}\r\n"
            f"Subject: {subject_value(message.subject)}\r\n"
            f"Date: {format_datetime(message.created_at)}\r\n"
            f"Message-ID: {self.message_id(message)}\r\n"
            # RFC 3834: stops vacation auto-replies from answering our notifications.
            "Auto-Submitted: auto-generated\r\n"
            "MIME-Version: 1.0\r\n"
            f'Content-Type: multipart/alternative;\r\n boundary="{boundary.decode()}"\r\n'
            f"Content-Language: {message.language.value}\r\n\r\n"
        ).encode()
        delimiter = b"--" + boundary + CRLF
        return b"".join((self._from, headers, delimiter, body_part(message.text, subtype="plain", boundary=boundary),
                         CRLF, delimiter, body_part(message.html, subtype="html", boundary=boundary),
                         CRLF, b"--", boundary, b"--", CRLF))
