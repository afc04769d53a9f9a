from datetime import UTC, datetime
from typing import Any

import pytest
from intake.domain.filing import validate_filing
from intake.domain.limits import IntakeLimits
from intake.domain.problems import InvalidComplaint

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
PDF_BASE64 = "JVBERi0xLjQ="  # %PDF-1.4
LIMITS = IntakeLimits(max_description_chars=500, max_attachments=2, max_attachment_bytes=16)


def filing(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "customer": {"name": "Alesia Kuzmich", "email": "alesia@example.org"},
        "title": "LATE-REFUND",
        "description": "Parcel returned on 3 March, refund still missing.",
    }
    for path, value in changes.items():
        target, *keys = path.split("__")
        holder = base
        for key in [target, *keys][:-1]:
            holder = holder[key]
        holder[[target, *keys][-1]] = value
    return base


def problems_of(payload: Any) -> set[tuple[str, str]]:
    with pytest.raises(InvalidComplaint) as caught:
        validate_filing(payload=payload, limits=LIMITS, now=NOW)
    return {(p.field, p.code) for p in caught.value.problems}


@pytest.mark.parametrize("text", [
    "Мне не вернули деньги за возврат.",
    "Мне не вярнулі грошы за вяртанне ў краму — ужо тры тыдні!",
    "Refund missing 😡🙏 — still waiting",
    "<script>alert('x')</script> & <b>bold</b> \"quoted\"",
    "line one\nline two\r\n\ttabbed",
    "日本語のテキストも大丈夫",
])
def test_text_in_any_script_and_markup_is_kept_exactly(text):
    accepted = validate_filing(payload=filing(description=text, title=text[:200]), limits=LIMITS, now=NOW)
    assert accepted.description == text
    assert accepted.title == text[:200]


def test_cyrillic_contact_details_are_kept():
    accepted = validate_filing(payload=filing(customer__name="Алеся Кузьміч", customer__email="алеся@пример.бел"),
                               limits=LIMITS, now=NOW)
    assert accepted.customer.name == "Алеся Кузьміч"
    assert accepted.customer.email == "алеся@пример.бел"


@pytest.mark.parametrize(("payload", "expected"), [
    ({}, {("customer", "missing"), ("title", "missing"), ("description", "missing")}),
    (filing(title=""), {("title", "missing")}),
    (filing(title="   "), {("title", "missing")}),
    (filing(title="x" * 201), {("title", "too_long")}),
    (filing(description="x" * 501), {("description", "too_long")}),
    (filing(description="nul\x00byte"), {("description", "bad_characters")}),
    (filing(description="broken \ud800 surrogate"), {("description", "bad_characters")}),
    (filing(customer__email="alesia@"), {("customer.email", "bad_email")}),
    (filing(customer__email="alesia example.org"), {("customer.email", "bad_email")}),
    (filing(customer__email="alesia@localhost"), {("customer.email", "bad_email")}),
    (filing(customer__email="a..b@example.org"), {("customer.email", "bad_email")}),
    (filing(customer__email="a@-example.org"), {("customer.email", "bad_email")}),
    (filing(customer__phone="12345"), {("customer.phone", "bad_phone")}),
    (filing(customer__phone="+375 29 12x 45 67"), {("customer.phone", "bad_phone")}),
    (filing(customer__phone="+375 29 123 45 6"), {("customer.phone", "bad_phone")}),
    (filing(customer__phone="+1 555 555 0100"), {("customer.phone", "bad_phone")}),
    (filing(customer__phone="029 123 45 67"), {("customer.phone", "bad_phone")}),
    (filing(customer__email="alesia@shop.test"), {("customer.email", "bad_email")}),
    (filing(customer__email="alesia@[192.0.2.1]"), {("customer.email", "bad_email")}),
    (filing(customer={"name": "Alesia"}), {("customer", "no_contact_route")}),
    (filing(customer={"name": "Alesia", "email": "", "phone": " "}), {("customer", "no_contact_route")}),
    (filing(customer={"name": "A", "phone": "+375291234567", "preferred_channel": "email"}),
     {("customer", "preferred_channel_unreachable")}),
    (filing(language="fr"), {("language", "unknown_value")}),
    (filing(channel="fax"), {("channel", "unknown_value")}),
    (filing(amount_claimed={"amount": "49.99"}), {("amount_claimed.currency", "amount_without_currency")}),
    (filing(amount_claimed={"amount": "49.99", "currency": " "}),
     {("amount_claimed.currency", "amount_without_currency")}),
    (filing(amount_claimed={"currency": "BYN"}), {("amount_claimed.amount", "missing")}),
    (filing(amount_claimed={"amount": "49.99", "currency": "rubles"}), {("amount_claimed.currency", "bad_format")}),
    (filing(amount_claimed={"amount": "-1", "currency": "BYN"}), {("amount_claimed.amount", "greater_than_equal")}),
    (filing(occurred_at="2026-03-01T10:00:00"), {("occurred_at", "timezone_aware")}),
    (filing(occurred_at="2026-04-01T10:00:00Z"), {("occurred_at", "in_future")}),
    (filing(desired_remedy="castle"), {("desired_remedy", "unknown_value")}),
    (filing(jurisdiction="XX"), {("jurisdiction", "unknown_value")}),
    (filing(jurisdiction="US-ZZ"), {("jurisdiction", "unknown_value")}),
    (filing(jurisdiction="GB-XYZ"), {("jurisdiction", "unknown_value")}),
    (filing(jurisdiction="gb-sct"), {("jurisdiction", "bad_format")}),
    (filing(emial="typo@example.org"), {("emial", "unknown_field")}),
    (filing(attachments=[{"name": "virus.exe", "media_type": "application/x-msdownload",
                          "content_base64": "aGVsbG8="}]), {("attachments.0.media_type", "unsupported_media_type")}),
    (filing(attachments=[{"name": "big.pdf", "media_type": "application/pdf",
                          "content_base64": "eHh4eHh4eHh4eHh4eHh4eHh4eHh4"}]),
     {("attachments.0.content_base64", "too_large")}),
    (filing(attachments=[{"name": "empty.pdf", "media_type": "application/pdf", "content_base64": ""}]),
     {("attachments.0.content_base64", "empty")}),
    (filing(attachments=[{"name": f"{i}.pdf", "media_type": "application/pdf", "content_base64": PDF_BASE64}
                         for i in range(3)]), {("attachments", "too_many")}),
    (b'{"title": ', {("(body)", "malformed")}),
    (b"[1, 2]", {("(body)", "model_type")}),
])
def test_bad_filing_names_every_offending_field(payload, expected):
    assert problems_of(payload) == expected


@pytest.mark.parametrize("jurisdiction", ["GB", "JP", "GB-SCT", "GB-EDH", "GB-BFS", "ES-B", "DE-BY", "US-CA"])
def test_any_country_or_subdivision_iso_lists_is_accepted(jurisdiction):
    accepted = validate_filing(payload=filing(jurisdiction=jurisdiction), limits=LIMITS, now=NOW)
    assert accepted.jurisdiction == jurisdiction


def test_several_problems_are_reported_together():
    payload = filing(title="", customer__email="nope", language="xx", amount_claimed={"amount": "1"})
    assert problems_of(payload) == {("title", "missing"), ("customer.email", "bad_email"),
                                    ("language", "unknown_value"),
                                    ("amount_claimed.currency", "amount_without_currency")}


def test_problems_never_repeat_the_input():
    with pytest.raises(InvalidComplaint) as caught:
        validate_filing(payload=filing(customer__email="secret-person@", customer__phone="+1 secret"),
                        limits=LIMITS, now=NOW)
    assert "secret" not in str([p.model_dump() for p in caught.value.problems])


@pytest.mark.parametrize("phone", ["+375 29 123 45 67", "+44 20 7946 0000", "+1 (202) 555-0100", "0049 30 901820"])
def test_valid_numbers_of_any_country_are_accepted(phone):
    accepted = validate_filing(payload=filing(customer__phone=phone), limits=LIMITS, now=NOW)
    assert accepted.customer.phone is not None and accepted.customer.phone.startswith("+")


def test_phone_is_stored_in_international_form():
    accepted = validate_filing(payload=filing(customer__phone="00375 (29) 123-45-67"), limits=LIMITS, now=NOW)
    assert accepted.customer.phone == "+375291234567"


@pytest.mark.parametrize(("contact", "channel"), [
    ({"email": "a@example.org", "phone": "+375291234567"}, "email"),
    ({"phone": "+375291234567"}, "phone"),
    ({"postal_address": "вул. Леніна 1, Мінск"}, "letter"),
    ({"email": "a@example.org", "postal_address": "1 High St", "preferred_channel": "letter"}, "letter"),
])
def test_reply_goes_to_the_route_the_customer_gave(contact, channel):
    accepted = validate_filing(payload=filing(customer={"name": "A", **contact}), limits=LIMITS, now=NOW)
    assert accepted.customer.to_contact().preferred_channel == channel


def test_limits_come_from_the_settings():
    payload = filing(description="x" * 600)
    validate_filing(payload=payload, limits=IntakeLimits(max_description_chars=600), now=NOW)
    assert problems_of(payload) == {("description", "too_long")}


def test_small_attachment_of_an_accepted_type_is_decoded():
    accepted = validate_filing(payload=filing(attachments=[{"name": "receipt.pdf", "media_type": "Application/PDF",
                                                            "content_base64": PDF_BASE64}]), limits=LIMITS, now=NOW)
    assert accepted.attachments[0].content_base64 == b"%PDF-1.4"
    assert accepted.attachments[0].media_type == "application/pdf"


def test_whom_the_complaint_is_about_reaches_the_received_event():
    from intake.domain.filing import received_from_filing

    checked = validate_filing(payload=filing(about_team="support-be-1", about_store="minsk-07",
                                             about_supplier="FastParcel", about_employee_name="  "),
                              limits=LIMITS, now=NOW)
    received = received_from_filing(filing=checked, complaint_id="c-5f0c2d3a9b8e4f61",
                                    tracking_number="CMP-7K3Q-9XWA-F", received_at=NOW, attachments=[])
    assert (received.about_team, received.about_store, received.about_supplier, received.about_employee_name) == (
        "support-be-1", "minsk-07", "FastParcel", None)
    assert problems_of(filing(about_store="x" * 65)) == {("about_store", "too_long")}


def test_the_employee_is_named_as_the_customer_knows_them_never_as_an_employee_id():
    from intake.domain.filing import received_from_filing

    checked = validate_filing(payload=filing(about_employee_name="Іван на касе"), limits=LIMITS, now=NOW)
    received = received_from_filing(filing=checked, complaint_id="c-5f0c2d3a9b8e4f61",
                                    tracking_number="CMP-7K3Q-9XWA-F", received_at=NOW, attachments=[])

    assert (received.about_employee_name, received.about_employee) == ("Іван на касе", None)
    assert problems_of(filing(about_employee_name="I" * 121)) == {("about_employee_name", "too_long")}
    # Employee ids come only from internal systems: a customer cannot take someone off their case by naming an id.
    assert problems_of(filing(about_employee="emp-0042")) == {("about_employee", "unknown_field")}


def test_staff_logging_a_complaint_name_the_employee_as_the_customer_said():
    from intake.domain.filing import StaffComplaintFiling

    checked = validate_filing(payload=filing(channel="phone", about_employee_name="the tall one at the desk"),
                              limits=LIMITS, now=NOW, model=StaffComplaintFiling)

    assert checked.about_employee_name == "the tall one at the desk"
