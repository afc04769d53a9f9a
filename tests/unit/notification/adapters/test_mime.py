"""The mail writer against the previous version's `EmailMessage` path: every message in every language reads back with
the same headers and the same text and HTML; and what it writes stays within the limits mail servers enforce."""

from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from complaint_contracts import Language
from notification.adapters.channels import MailWriter, SmtpSettings
from notification.adapters.rendering import TemplateRenderer
from notification.domain.catalogue import CATALOGUE, Audience, Template
from notification.domain.delivery import OutgoingMessage
from notification.domain.facts import record_facts
from notification.domain.planning import plan_messages
from notification.domain.selection import DeliveryChannel

from tests.unit.notification.adapters.email_oracle import previous_bytes
from tests.unit.notification.builders import CALENDARS

LOCALES = {Language.EN: "en_GB", Language.RU: "ru_BY", Language.BE: "be"}
SENDERS = ["Northwind Complaints", 'Northwind, "Retail" Ltd.', "Скаргі Northwind"]
SENT_AT = datetime(2026, 3, 5, 12, 0, 7, tzinfo=UTC)


@pytest.fixture(scope="module")
def renderer() -> TemplateRenderer:
    return TemplateRenderer()


@pytest.fixture
def contexts(trigger_events, facts, links) -> dict[Template, dict]:
    facts = record_facts(facts=facts, event=trigger_events["resolution_proposed"])
    planned = [m for e in trigger_events.values()
               for m in plan_messages(event=e, facts=facts, links=links, calendars=CALENDARS)]
    return {m.template: m.context for m in planned}


def message(template: Template, language: Language, rendered, *, address: str = "alesia@example.org",
            subject: str | None = None, text: str | None = None) -> OutgoingMessage:
    return OutgoingMessage(
        notification_id="6f1c1b8e-5d55-5b4e-9a53-0c8e3b1f2a10", channel=DeliveryChannel.EMAIL, address=address,
        audience=CATALOGUE[template].audience, template=template, language=language,
        subject=rendered.subject if subject is None else subject, text=rendered.text if text is None else text,
        html=rendered.html, complaint_id="c-late-refund-0001", created_at=SENT_AT)


def parsed(data: bytes) -> EmailMessage:
    mail = message_from_bytes(data, policy=policy.default)
    assert isinstance(mail, EmailMessage)
    return mail


def reading(mail: EmailMessage) -> dict:
    """What a reader gets: the headers, the content type without its (random) boundary, and each part decoded (line
    ends as the reader's library gives them: SMTP carries CRLF, a base64 part what was encoded)."""
    return {
        "headers": [(name, str(value)) for name, value in mail.items() if name != "Content-Type"],
        "type": (mail.get_content_type(), {k: v for k, v in mail["Content-Type"].params.items() if k != "boundary"}),
        "parts": [(part.get_content_type(), part.get_content_charset(), part.get_content().replace("\r\n", "\n"))
                  for part in mail.iter_parts()],
    }


@pytest.mark.parametrize("sender_name", SENDERS)
@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize("template", list(Template))
def test_every_message_reads_as_the_previous_version_wrote_it(template, language, sender_name, renderer, contexts):
    context = contexts[template]
    if CATALOGUE[template].audience is Audience.CUSTOMER:
        context = context | {"customer_name": "Алеся Кузьміч"}
    rendered = renderer.render(template=template, language=language, locale=LOCALES[language],
                               time_zone="Europe/Minsk", context=context)
    settings = SmtpSettings(host="127.0.0.1", sender="complaints@northwind.example", sender_name=sender_name)
    outgoing = message(template, language, rendered)

    written = MailWriter(sender=settings.sender, sender_name=sender_name).write(outgoing)

    assert reading(parsed(written)) == reading(parsed(previous_bytes(outgoing, settings=settings)))


@pytest.fixture
def rendered(renderer, contexts):
    return renderer.render(template=Template.CASE_NOTE, language=Language.BE, locale="be", time_zone="UTC",
                           context=contexts[Template.CASE_NOTE])


def write(outgoing: OutgoingMessage, sender_name: str = "Northwind Complaints") -> bytes:
    return MailWriter(sender="complaints@northwind.example", sender_name=sender_name).write(outgoing)


def test_every_line_stays_within_the_recommended_length(rendered):
    subject = "Навіны па скарзе CMP-7K3Q-9XWA-F: " + "вельмі доўгая тэма ліста, " * 6
    html = "<p>" + "x" * 300 + "</p>\n"
    outgoing = message(Template.CASE_NOTE, Language.BE, rendered, subject=subject).model_copy(update={"html": html})

    written = write(outgoing)

    assert max(len(line) for line in written.split(b"\r\n")) <= 78
    assert b"\n" not in written.replace(b"\r\n", b"")
    mail = parsed(written)
    assert (mail["Subject"], mail.get_body(("html",)).get_content().replace("\r\n", "\n")) == (subject, html)


@pytest.mark.parametrize("subject", [
    "We have received your complaint CMP-7K3Q-9XWA-F and a second clause long enough to need folding twice over",
    "Reference =?utf-8?q?x?= as the customer typed it",
    "Tab\tand bell\a",
])
def test_a_subject_reads_back_as_written(subject, rendered):
    assert parsed(write(message(Template.CASE_NOTE, Language.EN, rendered, subject=subject)))["Subject"] == subject


@pytest.mark.parametrize("text", ["plain ASCII\nin two lines", "Кірыліца\r\nі CRLF", "no newline at the end", ""])
def test_bodies_end_with_a_line_break_as_before(text, rendered):
    outgoing = message(Template.CASE_NOTE, Language.BE, rendered, text=text)
    settings = SmtpSettings(host="127.0.0.1", sender="complaints@northwind.example", sender_name="Northwind")

    assert reading(parsed(write(outgoing, "Northwind")))["parts"] == reading(parsed(previous_bytes(
        outgoing, settings=settings)))["parts"]


def test_headers_name_sender_recipient_language_delivery_and_mark_it_automatic(rendered):
    outgoing = message(Template.CASE_NOTE, Language.RU, rendered)

    mail = parsed(write(outgoing, "Northwind Complaints"))

    assert mail["From"] == "Northwind Complaints <complaints@northwind.example>"
    assert mail["To"] == "alesia@example.org"
    assert mail["Message-ID"] == f"<{outgoing.notification_id}@northwind.example>"
    assert mail["Date"].datetime == SENT_AT
    assert (mail["Content-Language"], mail["Auto-Submitted"]) == ("ru", "auto-generated")
    assert mail.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in mail.iter_parts()] == ["text/plain", "text/html"]


def test_an_address_with_a_line_break_is_refused_before_anything_is_sent(rendered):
    outgoing = message(Template.CASE_NOTE, Language.EN, rendered, address="alesia@example.org\r\nBcc: x@example.org")

    with pytest.raises(ValueError, match="line breaks"):
        write(outgoing)
