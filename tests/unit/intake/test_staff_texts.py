"""What staff write to the customer comes sealed on resolution's events: intake keeps it sealed on the timeline and
opens it only to show it (the status page, the access export), so once the key is destroyed it reads as erased,
with nothing to scrub."""

from complaint_contracts import ComplaintResolved, InformationRequested, PublicNoteAdded
from complaint_contracts.personal_data import ERASED_TEXT, is_sealed
from complaints_chassis.personal_data import seal_text

from .test_export import Exports
from .test_service import Intake

GREETING = "Dear Alesia Marker-4471, "


async def _followed(intake: Intake, *, sealed: bool = True):
    """A filed complaint and staff texts about it, as intake's consumer hands them over: left sealed as they came."""
    receipt = (await intake.file()).receipt
    key = await intake.keys.key_for(intake.store.complaints[receipt.complaint_id].complaint.subject.id)

    def written(text: str) -> str:
        return seal_text(text, key) if sealed else text

    cid = receipt.complaint_id
    await intake.customers.follow(events=[
        InformationRequested(complaint_id=cid, request_id="r-1", question=written(GREETING + "which card?"),
                             by="emp-1"),
        PublicNoteAdded(complaint_id=cid, note_id="n-1", text=written(GREETING + "we are on it"), by="emp-1"),
        ComplaintResolved(complaint_id=cid, outcome="upheld", final_response=written(GREETING + "refunded"),
                          by="emp-1")])
    return receipt


def _texts(page) -> list[str | None]:
    return [item.text for item in page.timeline if item.text is not None]


async def test_the_status_page_opens_the_sealed_texts_it_keeps_with_one_key_look_up() -> None:
    intake = Intake()
    receipt = await _followed(intake)
    kept = [f.entry.text for f in intake.store.complaints[receipt.complaint_id].followed.values() if f.entry.text]
    assert len(kept) == 3 and all(is_sealed(text) for text in kept)
    lookups = intake.keys.lookups

    page = await intake.page(receipt)

    assert _texts(page) == [GREETING + "which card?", GREETING + "we are on it", GREETING + "refunded"]
    assert intake.keys.lookups == lookups + 1


async def test_once_the_key_is_destroyed_the_texts_read_as_erased_and_the_rest_of_the_page_stays() -> None:
    intake = Intake()
    receipt = await _followed(intake)
    before = await intake.page(receipt)

    await intake.keys.destroy(intake.store.complaints[receipt.complaint_id].complaint.subject.id)
    after = await intake.page(receipt)

    assert _texts(after) == [ERASED_TEXT] * 3
    assert [i.milestone for i in after.timeline] == [i.milestone for i in before.timeline]
    assert after.status == before.status


async def test_texts_written_before_sealing_show_as_they_are() -> None:
    intake = Intake()
    receipt = await _followed(intake, sealed=False)
    assert _texts(await intake.page(receipt)) == [GREETING + "which card?", GREETING + "we are on it",
                                                  GREETING + "refunded"]


async def test_the_access_export_opens_the_texts_too() -> None:
    office = Exports()
    receipt = await _followed(office)

    export = await office.export(tracking_number=receipt.tracking_number)

    entries = export.services["intake"]["complaints"][receipt.complaint_id]["entries"]
    assert [e["text"] for e in entries if e.get("text")] == [GREETING + "which card?", GREETING + "we are on it",
                                                             GREETING + "refunded"]
