"""New access codes, complaints staff log for customers, and evidence: sent with a message, downloaded, audited."""

import base64
import json
import uuid
from datetime import timedelta

import pytest
from complaint_contracts import AccessCodeIssued, CaseAssigned, CustomerMessageReceived
from intake.adapters.rate_limiter import RateLimiter
from intake.domain.access_requests import AccessCodeRequest
from intake.domain.problems import InvalidComplaint
from intake.domain.requests import MessageRequest
from intake.domain.submission import complaint_id_for_submission
from intake.domain.tracking import new_tracking_number
from intake.usecases import AccessCodeService, Forbidden, NotFound, StaffFilesService, TooManyCodeRequests

from tests.support.builders import make_submission

from .test_service import FILING, NOW, Intake, routed

PDF = b"%PDF-1.4 receipt"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(24)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8" + bytes(60) + b"PE\x00\x00L\x01"
PER_NUMBER = 3


class Desk(Intake):
    """The customer-side services plus new access codes and the staff's files."""

    def __init__(self) -> None:
        super().__init__()
        self.codes = AccessCodeService(
            store=self.store, clock=self.clock, notify=self.notify, metrics=self.customers.metrics,
            per_client=RateLimiter(allowance=100, period_seconds=3600.0),
            per_number=RateLimiter(allowance=PER_NUMBER, period_seconds=3600.0), keys=self.keys,
            subjects=self.subjects)
        self.files = StaffFilesService(store=self.store, clock=self.clock, metrics=self.customers.metrics)

    async def ask_code(self, client: str = "198.51.100.9", **body: str) -> None:
        request = AccessCodeRequest.model_validate(body)
        self.codes.admit(request=request, client=client)
        await self.codes.issue(request=request)

    def issued(self) -> list[AccessCodeIssued]:
        return [e for e in self.store.queued() if isinstance(e, AccessCodeIssued)]


@pytest.fixture
def desk() -> Desk:
    return Desk()


FILING_WITH_PHONE = FILING | {"customer": {"email": "Alesia@Example.org", "phone": "+375 29 123 45 67"}}


class TestNewAccessCode:
    async def test_the_email_on_file_in_any_case_gets_a_new_code_and_the_old_one_stops_working(self, desk: Desk):
        receipt = (await desk.file(FILING_WITH_PHONE)).receipt
        await desk.ask_code(tracking_number=receipt.tracking_number.lower(), email="ALESIA@example.ORG")
        [issued] = desk.issued()
        assert (issued.send_to, issued.reason, issued.tracking_number) == ("email", "requested",
                                                                           receipt.tracking_number)
        with pytest.raises(NotFound):
            await desk.page(receipt)
        page = await desk.customers.status(tracking_number=receipt.tracking_number, access_code=issued.access_code,
                                           client="198.51.100.7")
        assert page.tracking_number == receipt.tracking_number
        assert desk.count("complaints_intake_access_codes_total", reason="requested", outcome="issued") == 1

    async def test_the_phone_on_file_matches_however_it_is_typed(self, desk: Desk):
        receipt = (await desk.file(FILING_WITH_PHONE)).receipt
        await desk.ask_code(tracking_number=receipt.tracking_number, phone="+375 (29) 123-45-67")
        assert [e.send_to for e in desk.issued()] == ["phone"]

    @pytest.mark.parametrize("contact", [{"email": "someone@example.org"}, {"phone": "+375291111111"}])
    async def test_a_contact_not_on_file_gets_nothing_and_the_code_keeps_working(self, desk: Desk, contact):
        receipt = (await desk.file(FILING_WITH_PHONE)).receipt
        await desk.ask_code(tracking_number=receipt.tracking_number, **contact)
        await desk.ask_code(tracking_number="CMP-0000-0000-0", email="alesia@example.org")
        assert desk.issued() == []
        assert (await desk.page(receipt)).tracking_number == receipt.tracking_number
        assert desk.count("complaints_intake_access_codes_total", reason="requested", outcome="not_matched") == 2

    async def test_a_tracking_number_is_refused_after_its_hourly_budget_whoever_asks(self, desk: Desk):
        receipt = (await desk.file(FILING_WITH_PHONE)).receipt
        for i in range(PER_NUMBER):
            await desk.ask_code(client=f"198.51.100.{i}", tracking_number=receipt.tracking_number,
                                email="nobody@example.org")
        with pytest.raises(TooManyCodeRequests) as limited:
            await desk.ask_code(client="198.51.100.99", tracking_number=receipt.tracking_number,
                                email="alesia@example.org")
        assert limited.value.retry_after >= 1
        assert desk.issued() == []
        assert desk.count("complaints_intake_rate_limited_total", budget="code_requests_number") == 1

    @pytest.mark.parametrize("body", [{"tracking_number": "CMP-7K3Q-9XWA-F"},
                                      {"tracking_number": "CMP-7K3Q-9XWA-F", "email": "a@example.org",
                                       "phone": "+375291234567"}])
    def test_exactly_one_contact_route_is_named(self, body):
        with pytest.raises(ValueError, match="either the e-mail address or the phone number"):
            AccessCodeRequest.model_validate(body)


class TestFirstCodeOfASubmission:
    async def test_a_submission_asking_for_a_code_gets_one_sent_to_its_email_once(self, desk: Desk):
        submission = make_submission(customer={"name": "Алеся", "email": "alesia@example.org",
                                               "phone": "+375291234567"}, issue_access_code=True)
        await desk.filing.accept_submissions(submissions=[submission])
        await desk.filing.accept_submissions(submissions=[submission])  # redelivered
        [issued] = desk.issued()
        complaint_id = complaint_id_for_submission(source_system=submission.source_system,
                                                   external_reference=submission.external_reference)
        assert (issued.complaint_id, issued.send_to, issued.reason) == (complaint_id, "email", "submitted")
        assert issued.id == str(uuid.uuid5(uuid.UUID("6f1d9a52-3c7e-4b8a-9d21-5e0f4c8b7a13"), complaint_id))
        received = desk.store.complaints[complaint_id].outbox[0]
        assert received.type == "complaints.intake.ComplaintReceived"
        assert issued.tracking_number == received.tracking_number
        page = await desk.customers.status(tracking_number=issued.tracking_number, access_code=issued.access_code,
                                           client="198.51.100.7")
        assert page.status == "received"

    async def test_the_code_names_the_tracking_number_drawn_again_after_a_collision(self, desk: Desk):
        taken = (await desk.file()).receipt.tracking_number
        fresh = new_tracking_number()
        draws = iter([taken, fresh])
        desk.filing.draw_tracking_number = lambda: next(draws)
        await desk.filing.accept_submissions(submissions=[make_submission(issue_access_code=True)])
        assert [e.tracking_number for e in desk.issued()] == [fresh]

    async def test_a_phone_only_customer_gets_it_by_phone_and_a_letter_only_customer_gets_none(self, desk: Desk):
        by_phone = make_submission(customer={"phone": "+375291234567"}, issue_access_code=True)
        by_post = make_submission(customer={"postal_address": "вул. Леніна 1, Мінск"}, issue_access_code=True)
        unasked = make_submission(customer={"email": "a@example.org"})
        await desk.filing.accept_submissions(submissions=[by_phone, by_post, unasked])
        assert [e.send_to for e in desk.issued()] == ["phone"]
        assert len(desk.store.complaints) == 3


class TestStaffFiling:
    async def test_the_member_of_staff_who_logged_it_is_recorded(self, desk: Desk):
        body = json.dumps(FILING | {"channel": "phone"}).encode()
        filed = await desk.filing.file(body=body, idempotency_key=None, taken_by="emp-0042")
        [received] = desk.store.queued()
        assert (received.taken_by, received.channel) == ("emp-0042", "phone")
        assert filed.receipt.access_code

    async def test_staff_must_say_which_channel_it_came_through(self, desk: Desk):
        with pytest.raises(InvalidComplaint) as invalid:
            await desk.filing.file(body=json.dumps(FILING).encode(), idempotency_key=None, taken_by="emp-0042")
        assert [(p.field, p.code) for p in invalid.value.problems] == [("channel", "missing")]


def file_of(name: str, media_type: str, content: bytes) -> dict[str, str]:
    return {"name": name, "media_type": media_type, "content_base64": base64.b64encode(content).decode()}


class TestEvidence:
    async def test_a_message_carries_its_files_which_the_customer_can_download_audited(self, desk: Desk):
        receipt = (await desk.file()).receipt
        await desk.act(receipt, MessageRequest(text="Чэк", attachments=[file_of("чэк 2.pdf", "application/pdf", PDF)]))
        message = next(e for e in desk.store.queued() if isinstance(e, CustomerMessageReceived))
        [ref] = message.attachments
        stored = await desk.customers.attachment(tracking_number=receipt.tracking_number,
                                                 access_code=receipt.access_code, client="198.51.100.7",
                                                 attachment_id=ref.attachment_id)
        assert (stored.content, stored.media_type, stored.name) == (PDF, "application/pdf", "чэк 2.pdf")
        [audit] = desk.store.downloads
        assert (audit.attachment_id, audit.by, audit.at) == (ref.attachment_id, "customer", NOW)

    async def test_the_status_page_lists_the_filings_files_then_each_messages_for_download(self, desk: Desk):
        receipt = (await desk.file()).receipt
        desk.clock.now = NOW + timedelta(hours=2)
        files = [file_of("фота.png", "image/png", PNG), file_of("чэк 2.pdf", "application/pdf", PDF)]
        answered = await desk.act(receipt, MessageRequest(text="Фота", attachments=files))
        await desk.act(receipt, MessageRequest(text="Без файлаў"))
        shown = await desk.page(receipt)
        assert [(a.name, a.media_type, a.size_bytes, a.added_at, a.with_message) for a in shown.attachments] == [
            ("чэк.pdf", "application/pdf", 8, NOW, False),
            ("фота.png", "image/png", len(PNG), NOW + timedelta(hours=2), True),
            ("чэк 2.pdf", "application/pdf", len(PDF), NOW + timedelta(hours=2), True)]
        assert answered.attachments == shown.attachments
        for listed in shown.attachments:  # every file listed is one the customer can download
            stored = await desk.customers.attachment(tracking_number=receipt.tracking_number,
                                                     access_code=receipt.access_code, client="198.51.100.7",
                                                     attachment_id=listed.attachment_id)
            assert (stored.name, len(stored.content)) == (listed.name, listed.size_bytes)

    async def test_a_submissions_files_are_listed_only_when_intake_keeps_them(self, desk: Desk):
        submission = make_submission(customer={"email": "alesia@example.org"}, issue_access_code=True, attachments=[
            {"name": "скан.pdf", "media_type": "application/pdf", "size_bytes": len(PDF),
             "content_base64": base64.b64encode(PDF).decode()},
            {"name": "фота.jpg", "media_type": "image/jpeg", "size_bytes": 4_000_000,
             "uri": "https://crm.example.org/files/9"}])
        await desk.filing.accept_submissions(submissions=[submission])
        [issued] = desk.issued()
        shown = await desk.customers.status(tracking_number=issued.tracking_number, access_code=issued.access_code,
                                            client="198.51.100.7")
        assert [(a.name, a.size_bytes, a.with_message) for a in shown.attachments] == [("скан.pdf", len(PDF), False)]

    async def test_a_file_that_is_not_what_it_declares_is_refused_naming_it(self, desk: Desk):
        receipt = (await desk.file()).receipt
        with pytest.raises(InvalidComplaint) as invalid:
            await desk.act(receipt, MessageRequest(text="Чэк", attachments=[
                file_of("receipt.pdf", "application/pdf", EXE)]))
        [problem] = invalid.value.problems
        assert (problem.field, problem.code, problem.file_name) == ("attachments.0.content_base64",
                                                                    "content_mismatch", "receipt.pdf")
        assert not any(isinstance(e, CustomerMessageReceived) for e in desk.store.queued())

    async def test_a_customer_cannot_download_another_complaints_file(self, desk: Desk):
        mine, theirs = (await desk.file()).receipt, (await desk.file()).receipt
        [their_file] = [a for a in desk.store.attachments.values() if a.complaint_id == theirs.complaint_id]
        with pytest.raises(NotFound):
            await desk.customers.attachment(tracking_number=mine.tracking_number, access_code=mine.access_code,
                                            client="198.51.100.7", attachment_id=their_file.attachment_id)
        assert desk.store.downloads == []

    async def test_staff_of_the_owning_team_and_overseeing_roles_may_download_others_may_not(self, desk: Desk):
        receipt = (await desk.file()).receipt
        [attachment] = desk.store.attachments.values()
        await desk.progress(receipt, routed())
        moved = CaseAssigned(complaint_id=receipt.complaint_id, team="support-2", by="emp-1", reason="workload",
                             time=NOW + timedelta(hours=1))
        await desk.progress(receipt, moved, routed())  # the older decision arrives late

        def fetch(subject: str, roles: set[str], teams: set[str]):
            return desk.files.attachment(complaint_id=receipt.complaint_id, attachment_id=attachment.attachment_id,
                                         subject=subject, roles=frozenset(roles), teams=frozenset(teams))

        assert (await fetch("emp-2", {"agent"}, {"support-2"})).content == attachment.content
        assert (await fetch("emp-9", {"quality"}, set())).content == attachment.content
        with pytest.raises(Forbidden, match="only the team that owns the complaint"):
            await fetch("emp-1", {"agent"}, {"support-1"})
        with pytest.raises(NotFound):
            await desk.files.attachment(complaint_id="c-0000000000000000", attachment_id=attachment.attachment_id,
                                        subject="emp-9", roles=frozenset({"admin"}), teams=frozenset())
        assert [(d.by, d.roles) for d in desk.store.downloads] == [("emp-2", ("agent",)), ("emp-9", ("quality",))]
        assert desk.count("complaints_intake_attachment_downloads_total", by="staff", outcome="forbidden") == 1
