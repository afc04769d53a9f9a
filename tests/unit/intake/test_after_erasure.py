"""After an erasure the complaint keeps its record and takes nothing more: every customer action and new access code
is refused without making a key for the erased subject, the status page offers nothing to do and lists no deleted
file, and a deleted file's download says why it is gone."""

import base64

import pytest
from complaint_contracts import CustomerMessageReceived, Decision, Language, PersonalDataErased
from intake.domain.requests import (
    ActionRequest,
    DecisionRequest,
    EscalationRequest,
    FeedbackRequest,
    MessageRequest,
    ReopeningRequest,
    WithdrawalRequest,
)
from intake.domain.wording import wording_for
from intake.usecases import Erased, NotFound

from .conftest import Story
from .faked_intake import FakedIntake
from .test_erasure import THEIRS

PDF = {"name": "чэк.pdf", "media_type": "application/pdf",
       "content_base64": base64.b64encode(b"%PDF-1.4 receipt").decode()}
EVERY_ACTION: list[ActionRequest] = [
    MessageRequest(text="Ці ёсць навіны?", attachments=[PDF]),
    EscalationRequest(reason="Ніхто не адказвае"),
    WithdrawalRequest(reason="Больш не трэба"),
    DecisionRequest(proposal_id="prop-1", decision=Decision.ACCEPTED),
    FeedbackRequest(satisfaction=1, comment="Дрэнна"),
    ReopeningRequest(reason="Грошы так і не прыйшлі"),
]


@pytest.fixture
def intake() -> FakedIntake:
    return FakedIntake()


def subject_of(intake: FakedIntake, receipt) -> str:
    return intake.store.complaints[receipt.complaint_id].complaint.subject.id


async def erased_complaint(intake: FakedIntake):
    receipt = (await intake.file(THEIRS)).receipt
    await intake.erase(email="alesia@example.org")
    return receipt


class TestActionsAfterErasure:
    @pytest.mark.parametrize("request_", EVERY_ACTION, ids=lambda r: r.action.value)
    async def test_each_action_is_refused_and_records_nothing_nor_makes_a_key(self, intake: FakedIntake,
                                                                           request_: ActionRequest) -> None:
        receipt = await erased_complaint(intake)
        stored = intake.store.complaints[receipt.complaint_id]
        before = (list(stored.outbox), stored.entries, dict(intake.store.attachments))

        with pytest.raises(Erased) as refused:
            await intake.act(receipt, request_)

        assert (refused.value.reason, refused.value.file) == ("request", False)
        assert (stored.outbox, stored.entries, intake.store.attachments) == before
        assert subject_of(intake, receipt) not in intake.keys.subjects  # no new key for the erased subject
        assert stored.erased is not None
        assert intake.count("complaints_intake_customer_actions_total", action=request_.action.value,
                            outcome="erased") == 1

    async def test_an_erasure_at_the_end_of_retention_is_named_as_such(self, intake: FakedIntake) -> None:
        receipt = (await intake.file(THEIRS)).receipt
        await intake.erasure.erase({subject_of(intake, receipt)}, reason="retention", basis="retention")
        with pytest.raises(Erased) as refused:
            await intake.act(receipt, MessageRequest(text="Ці ёсць навіны?"))
        assert refused.value.reason == "retention"

    async def test_keys_destroyed_before_the_mark_is_written_are_not_made_anew(self, intake: FakedIntake) -> None:
        receipt = (await intake.file(THEIRS)).receipt
        subject, filed_files = subject_of(intake, receipt), set(intake.store.attachments)
        await intake.keys.destroy(subject)  # an erasure between destroying the keys and marking the complaints

        with pytest.raises(Erased):
            await intake.act(receipt, MessageRequest(text="Ці ёсць навіны?", attachments=[PDF]))

        assert subject not in intake.keys.subjects and set(intake.store.attachments) == filed_files
        assert not any(isinstance(e, CustomerMessageReceived) for e in intake.store.queued())

    async def test_an_erasure_between_reading_and_writing_refuses_the_write_and_drops_its_files(
            self, intake: FakedIntake) -> None:
        receipt = (await intake.file(THEIRS)).receipt
        filed_files = set(intake.store.attachments)
        record_action = intake.store.record_action

        async def erased_meanwhile(**kwargs) -> bool:
            intake.store.complaints[receipt.complaint_id].erased = {"erasure_id": "er-1", "reason": "request",
                                                                    "at": intake.clock()}
            return await record_action(**kwargs)

        intake.store.record_action = erased_meanwhile  # type: ignore[method-assign]
        with pytest.raises(Erased):
            await intake.act(receipt, MessageRequest(text="Ці ёсць навіны?", attachments=[PDF]))
        assert set(intake.store.attachments) == filed_files
        assert not any(isinstance(e, CustomerMessageReceived) for e in intake.store.queued())

    async def test_the_customers_new_complaint_takes_messages_and_the_erased_one_still_does_not(
            self, intake: FakedIntake) -> None:
        old = await erased_complaint(intake)
        new = (await intake.file(THEIRS)).receipt
        page = await intake.act(new, MessageRequest(text="Пра новую скаргу"))
        assert page.personal_data_erased is None and page.actions
        with pytest.raises(Erased):  # the subject has a live key again: still nothing is added to the erased one
            await intake.act(old, MessageRequest(text="Пра старую скаргу"))
        assert isinstance(intake.store.complaints[old.complaint_id].outbox[-1], PersonalDataErased)


class TestStatusPageAfterErasure:
    async def test_it_keeps_the_record_offers_nothing_to_do_and_says_why(self, intake: FakedIntake,
                                                                         story: Story) -> None:
        receipt = (await intake.file(THEIRS)).receipt
        await intake.progress(receipt, story.routed, story.question)
        before = await intake.page(receipt)
        assert before.actions and before.attachments and before.open_question is not None

        await intake.erase(email="alesia@example.org")
        page = await intake.page(receipt)

        words = wording_for(Language.BE)
        erasure = page.personal_data_erased
        assert erasure is not None
        assert (erasure.erased_at, erasure.reason, erasure.files_deleted) == (intake.clock(), "request", 1)
        assert erasure.text == words.erasure["request"] and page.what_happens_next == words.after_erasure
        assert (page.actions, page.attachments, page.open_question, page.open_proposal) == ([], [], None, None)
        assert [d.name for d in page.deadlines] == [d.name for d in before.deadlines
                                                    if d.name != words.deadlines["your_reply"]]
        assert (page.status, page.stage, page.timeline) == (before.status, before.stage, before.timeline)

    @pytest.mark.parametrize("language", list(Language))
    async def test_the_notice_is_in_the_asked_language(self, intake: FakedIntake, language: Language) -> None:
        receipt = await erased_complaint(intake)
        page = await intake.page(receipt, language=language)
        assert page.personal_data_erased is not None
        assert page.personal_data_erased.text == wording_for(language).erasure["request"]

    async def test_a_complaint_not_erased_says_nothing_of_erasure(self, intake: FakedIntake) -> None:
        receipt = (await intake.file(THEIRS)).receipt
        assert (await intake.page(receipt)).personal_data_erased is None


class TestFilesAfterErasure:
    async def test_a_deleted_file_is_gone_for_its_customer_and_still_unknown_to_anyone_else(
            self, intake: FakedIntake) -> None:
        receipt = (await intake.file(THEIRS)).receipt
        [file] = (await intake.page(receipt)).attachments
        await intake.erase(email="alesia@example.org")

        with pytest.raises(Erased) as gone:
            await intake.customers.attachment(tracking_number=receipt.tracking_number,
                                              access_code=receipt.access_code, client="198.51.100.7",
                                              attachment_id=file.attachment_id)
        assert (gone.value.file, gone.value.reason) == (True, "request")
        with pytest.raises(NotFound):  # an id the complaint never had says nothing more than before
            await intake.customers.attachment(tracking_number=receipt.tracking_number,
                                              access_code=receipt.access_code, client="198.51.100.7",
                                              attachment_id="a-0000000000000000")
        other = (await intake.file()).receipt
        with pytest.raises(NotFound):  # nor does another complaint's deleted file
            await intake.customers.attachment(tracking_number=other.tracking_number, access_code=other.access_code,
                                              client="198.51.100.7", attachment_id=file.attachment_id)
        assert intake.store.downloads == []
        assert intake.count("complaints_intake_attachment_downloads_total", by="customer", outcome="erased") == 1


class TestAccessCodesAfterErasure:
    async def test_no_code_is_issued_nor_a_key_made(self, intake: FakedIntake) -> None:
        receipt = await erased_complaint(intake)
        stored = intake.store.complaints[receipt.complaint_id]
        code_hash = stored.access_code_hash

        await intake.ask_code(tracking_number=receipt.tracking_number, email="alesia@example.org")

        assert intake.issued() == [] and stored.access_code_hash == code_hash and stored.erased is not None
        assert subject_of(intake, receipt) not in intake.keys.subjects
        assert intake.count("complaints_intake_access_codes_total", reason="requested", outcome="erased") == 1
