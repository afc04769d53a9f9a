"""Which key seals what: one data subject per customer, their key on every write about them; what the status page
shows of the filing is opened with one key look-up, and reads as erased once the key is gone."""

from complaint_contracts import AccessCodeIssued, CustomerMessageReceived
from complaint_contracts.personal_data import ERASED_TEXT
from intake.domain.requests import MessageRequest

from tests.support.builders import make_submission

from .test_access_and_files import FILING_WITH_PHONE, Desk
from .test_service import FILING, Intake


def _key_of(intake: Intake, complaint_id: str) -> list[str]:
    return intake.store.complaints[complaint_id].sealed_with


async def test_a_customers_complaints_share_their_subjects_key_and_another_customer_has_their_own() -> None:
    intake = Intake()
    first = (await intake.file(FILING)).receipt
    again = (await intake.file(FILING | {"customer": {"email": "ALESIA@example.org"}})).receipt
    other = (await intake.file(FILING | {"customer": {"email": "sam@example.org"}})).receipt
    by_phone = (await intake.file(FILING | {"customer": {"phone": "+375 29 765 43 21"}})).receipt
    subjects = [intake.store.complaints[r.complaint_id].complaint.subject for r in (first, again, other, by_phone)]
    assert subjects[0] == subjects[1] and len({s.id for s in subjects}) == 3
    assert subjects[3].refs == (intake.subjects.phone_ref("+375297654321"),)
    assert _key_of(intake, first.complaint_id) == _key_of(intake, again.complaint_id)
    assert _key_of(intake, first.complaint_id) != _key_of(intake, other.complaint_id)
    assert [k.id for k in intake.keys.subjects[subjects[0].id]] == _key_of(intake, first.complaint_id)


async def test_the_status_page_shows_what_was_filed_with_one_key_look_up_and_erased_once_the_key_is_gone() -> None:
    intake = Intake()
    receipt = (await intake.file()).receipt
    assert intake.store.complaints[receipt.complaint_id].filed["description"].startswith("pd1.")
    page = await intake.page(receipt)
    assert page.complaint is not None
    assert (page.complaint.title, page.complaint.description) == (FILING["title"], FILING["description"])
    assert intake.keys.lookups == 1

    await intake.keys.destroy(intake.store.complaints[receipt.complaint_id].complaint.subject.id)
    erased = await intake.page(receipt)
    assert erased.complaint is not None
    assert (erased.complaint.title, erased.complaint.description) == (ERASED_TEXT, ERASED_TEXT)
    assert erased.status == page.status and erased.timeline == page.timeline


async def test_what_the_customer_sends_is_sealed_with_their_subjects_key() -> None:
    intake = Intake()
    receipt = (await intake.file()).receipt
    await intake.act(receipt, MessageRequest(text="Чэк далучаю"))
    stored = intake.store.complaints[receipt.complaint_id]
    assert isinstance(stored.outbox[-1], CustomerMessageReceived)
    assert stored.sealed_with[-1] == (await intake.keys.key_for(stored.complaint.subject.id)).id


async def test_a_new_access_code_is_matched_by_blind_index_and_sealed_with_the_subjects_key() -> None:
    desk = Desk()
    receipt = (await desk.file(FILING_WITH_PHONE)).receipt
    await desk.ask_code(tracking_number=receipt.tracking_number, phone="+375291234567")
    [issued] = desk.issued()
    stored = desk.store.complaints[receipt.complaint_id]
    assert isinstance(issued, AccessCodeIssued) and issued.send_to == "phone"
    assert stored.sealed_with[-1] == (await desk.keys.key_for(stored.complaint.subject.id)).id


async def test_a_batch_of_submissions_takes_one_key_per_customer() -> None:
    intake = Intake()
    same = {"name": "Алеся", "email": "alesia@example.org"}
    batch = [make_submission(customer=same), make_submission(customer=same | {"email": "ALESIA@EXAMPLE.ORG"}),
             make_submission(customer={"name": "Sam", "phone": "+375291234567"})]
    await intake.filing.accept_submissions(submissions=batch)
    keys = {k for s in intake.store.complaints.values() for k in s.sealed_with}
    assert len(keys) == 2 and len(intake.keys.subjects) == 2
