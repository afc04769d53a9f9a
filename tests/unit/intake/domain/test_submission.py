import base64
from datetime import UTC, datetime
from typing import Any

import pytest
from complaint_contracts import ComplaintSubmission
from intake.domain.limits import IntakeLimits
from intake.domain.problems import dlq_reason
from intake.domain.submission import submission_problems

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
LIMITS = IntakeLimits(max_description_chars=100, max_attachments=1, max_attachment_bytes=8)


def submission(customer: dict[str, Any] | None = None, **changes: Any) -> ComplaintSubmission:
    fields: dict[str, Any] = {
        "source": "/crm/callcentre", "source_system": "crm", "external_reference": "CRM-2026-000123",
        "channel": "phone", "customer": customer or {"name": "Алеся", "phone": "+375291234567"},
        "title": "Грошы не вярнулі", "description": "Званок у кол-цэнтр: вяртанне не прыйшло 😞",
    }
    return ComplaintSubmission.model_validate({**fields, **changes})


def attachment(content: bytes = b"%PDF-1.4", **changes: Any) -> dict[str, Any]:
    return {"name": "receipt.pdf", "media_type": "application/pdf", "size_bytes": len(content),
            "content_base64": base64.b64encode(content).decode(), **changes}


def codes(found) -> set[tuple[str, str]]:
    return {(p.field, p.code) for p in found}


def test_sound_submission_in_belarusian_has_no_problems():
    assert submission_problems(submission=submission(), limits=LIMITS, now=NOW) == []


@pytest.mark.parametrize(("bad", "expected"), [
    (submission(title="  "), {("title", "missing")}),
    (submission(description="x" * 101), {("description", "too_long")}),
    (submission(description="bell\x07"), {("description", "bad_characters")}),
    (submission(product="tab\tok but \x1b escape"), {("product", "bad_characters")}),
    (submission(customer={"name": "A", "email": "not-an-address"}), {("customer.email", "bad_email")}),
    (submission(customer={"name": "A"}), {("customer", "no_contact_route")}),
    (submission(customer={"name": "A", "phone": "+37529123456"}), {("customer.phone", "bad_phone")}),
    (submission(received_at=datetime(2026, 3, 1, 8, 0)), {("received_at", "no_time_zone")}),
    (submission(received_at=datetime(2026, 3, 3, tzinfo=UTC)), {("received_at", "in_future")}),
    (submission(occurred_at=datetime(2026, 3, 3, tzinfo=UTC)), {("occurred_at", "in_future")}),
    (submission(jurisdiction="XX"), {("jurisdiction", "unknown_value")}),
    (submission(jurisdiction="US-ZZ"), {("jurisdiction", "unknown_value")}),
    (submission(jurisdiction="GB-XYZ"), {("jurisdiction", "unknown_value")}),
    (submission(attachments=[attachment(), attachment()]), {("attachments", "too_many")}),
    (submission(attachments=[attachment(media_type="application/zip")]),
     {("attachments.0.media_type", "unsupported_media_type")}),
    (submission(attachments=[attachment(b"%PDF-1.4 too large")]), {("attachments.0.size_bytes", "too_large")}),
    (submission(attachments=[attachment(size_bytes=3)]), {("attachments.0.size_bytes", "size_mismatch")}),
    (submission(attachments=[attachment(content_base64="not base64!")]),
     {("attachments.0.content_base64", "bad_base64")}),
    (submission(attachments=[{"name": "photo.jpg", "media_type": "image/jpeg", "size_bytes": 9,
                              "uri": "https://files.example.org/1"}]), {("attachments.0.size_bytes", "too_large")}),
    (submission(attachments=[attachment(b"MZ\x90\x00\x03\x00")]),
     {("attachments.0.content_base64", "content_mismatch")}),
    (submission(attachments=[attachment(b"\x00\x01bin", media_type="text/plain")]),
     {("attachments.0.content_base64", "content_mismatch")}),
])
def test_bad_submission_gets_every_reason(bad, expected):
    assert codes(submission_problems(submission=bad, limits=LIMITS, now=NOW)) == expected


@pytest.mark.parametrize("jurisdiction", ["JP", "GB-EDH", "ES-B", "DE-BY"])
def test_a_submission_under_any_country_or_subdivision_iso_lists_has_no_problems(jurisdiction):
    assert submission_problems(submission=submission(jurisdiction=jurisdiction), limits=LIMITS, now=NOW) == []


def test_a_file_given_by_uri_is_not_fetched_so_only_its_declaration_is_checked():
    by_uri = {"name": "photo.jpg", "media_type": "image/jpeg", "size_bytes": 4, "uri": "https://files.example.org/1"}
    assert submission_problems(submission=submission(attachments=[by_uri]), limits=LIMITS, now=NOW) == []


def test_dlq_reason_names_fields_and_codes_but_no_personal_data():
    bad = submission(customer={"name": "Secret Person", "email": "secret@"}, title=" ",
                     attachments=[attachment(b"MZ\x90\x00", name="Secret-scan.pdf")])
    reason = dlq_reason(submission_problems(submission=bad, limits=LIMITS, now=NOW))
    assert reason == "title: missing; customer.email: bad_email; attachments.0.content_base64: content_mismatch"
