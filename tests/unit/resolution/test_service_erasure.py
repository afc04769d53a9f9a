"""Erasure over the fake stores: intake's PersonalDataErased drops the keys, every personal value resolution kept
and every way to find the complaint by it; the case keeps its record and says when; and the access export shows
what is kept."""

from datetime import timedelta

import pytest
from complaint_contracts.intake import CustomerMessageReceived, FeedbackReceived, PersonalDataErased
from complaint_contracts.types import RemedyKind
from resolution.domain.access import Principal, Role
from resolution.domain.commands import AddNote
from resolution.domain.erasure import ERASED_SHOWN
from resolution.domain.search import CaseSearch, SearchKeys
from resolution.domain.states import CaseAction, CaseState
from resolution.service import CaseNotReady

from tests.unit.resolution.builders import MONDAY_9AM, make_received, open_case_in

CID, OTHER = "c-late-refund-0001", "c-other-cust-0002"
ADMIN = Principal(subject="emp-admin", roles=frozenset({Role.ADMIN}))
MARK = "zq7marker"
ERASED_AT = MONDAY_9AM + timedelta(days=40)


class FakeKeyCache:
    def __init__(self) -> None:
        self.forgotten: set[str] = set()

    def forget(self, key_ids) -> None:
        self.forgotten |= set(key_ids)


def erased(complaint_id: str = CID, *, key_ids: tuple[str, ...] = ("k-subject-1",)) -> PersonalDataErased:
    return PersonalDataErased(complaint_id=complaint_id, time=ERASED_AT, erasure_id="er-6b1f0c2a", reason="request",
                              key_ids=list(key_ids), erased_at=ERASED_AT)


@pytest.fixture
async def kept(service, store):
    """Two customers' complaints with cases; the first one's customer wrote twice and was quoted in a note."""
    for cid in (CID, OTHER):
        store.put(open_case_in(CaseState.INVESTIGATING, complaint_id=cid))
    await service.record_received(received=[
        make_received(email=f"{MARK}@example.org", description=f"Refund missing, {MARK} here",
                      title=f"Refund not received {MARK}title", desired_remedy=RemedyKind.REFUND,
                      desired_remedy_details=f"All of it, {MARK}remedy", phone="+447700900123"),
        make_received(complaint_id=OTHER, tracking_number="CMP-OTHR-0002-B", email="other@example.org")])
    await service.hear_customer(events=[
        CustomerMessageReceived(complaint_id=CID, time=MONDAY_9AM, message_id="m-1", text=f"Sign: {MARK}"),
        FeedbackReceived(complaint_id=CID, time=MONDAY_9AM, satisfaction=2, comment=f"{MARK} is unhappy")])
    await service.act(complaint_id=CID, principal=ADMIN, version=store.cases[CID].version, reason="", command=AddNote(
        text=f"Phoned Alesia Kuzmich at {MARK}@example.org", public=False))
    await service.act(complaint_id=CID, principal=ADMIN, version=store.cases[CID].version, reason="", command=AddNote(
        text="Alesia rang again from 07700 900 123.", public=False))
    return service


async def test_personal_data_leaves_every_record_and_the_record_stays(kept, records, store):
    version = store.cases[CID].version

    await kept.erase_personal_data(erased=[erased()])

    assert MARK not in records.complaints[CID].model_dump_json() + store.cases[CID].model_dump_json()
    assert "alesia" not in store.cases[CID].model_dump_json().lower()
    assert "900 123" not in store.cases[CID].model_dump_json()
    assert all(MARK not in e.model_dump_json() for e in records.entries.values())
    assert all(e.erased and e.text is None for e in records.entries.values() if e.complaint_id == CID)
    case = store.cases[CID]
    assert (case.version, case.audit[-1].action, case.personal_data_erased_at) == (
        version + 1, CaseAction.ERASE_PERSONAL_DATA, ERASED_AT)
    assert records.complaints[OTHER].customer.email == "other@example.org"


async def test_the_complaint_is_no_longer_found_by_what_was_erased(kept):
    await kept.erase_personal_data(erased=[erased()])

    async def found(**keys: str) -> list[str]:
        page = await kept.search(principal=ADMIN, search=CaseSearch(keys=SearchKeys.of(**keys)))
        return [line.complaint_id for line in page.items]

    assert await found(email=f"{MARK}@example.org") == []
    assert await found(text=MARK) == []
    assert await found(text=f"{MARK}title") == await found(text=f"{MARK}remedy") == []
    assert await found(text="refund received") == [OTHER]  # the other customer's title is theirs
    assert CID in await found(text="parcel delivery")  # the product's words stay
    assert await found(tracking_number="CMP-7K3Q-9XWA-F") == [CID]
    page = await kept.search(principal=ADMIN, search=CaseSearch(keys=SearchKeys.of(tracking_number="CMP-7K3Q-9XWA-F")))
    assert page.items[0].title == ERASED_SHOWN


async def test_staff_read_that_it_was_erased(kept):
    await kept.erase_personal_data(erased=[erased()])

    file = await kept.view(complaint_id=CID, principal=ADMIN)

    complaint = file.complaint
    assert (complaint.customer.name, complaint.customer.email, complaint.title, complaint.description,
            complaint.desired_remedy_details) == (ERASED_SHOWN,) * 5
    assert complaint.customer.postal_address is None  # never given: nothing was erased there
    assert complaint.desired_remedy is RemedyKind.REFUND
    assert [e.text for e in file.conversation if e.by == "customer"] == [ERASED_SHOWN, ERASED_SHOWN]
    assert file.case.audit[-1].reason == "personal data erased at the customer's request"


async def test_the_keys_are_forgotten_and_a_redelivery_changes_nothing(kept, store, records):
    keys = FakeKeyCache()
    kept.keys = keys
    await kept.erase_personal_data(erased=[erased(key_ids=("k-1", "k-2"))])
    after = (store.cases[CID].model_copy(deep=True), dict(records.complaints), dict(records.entries))

    await kept.erase_personal_data(erased=[erased(key_ids=("k-1", "k-2"))])

    assert keys.forgotten == {"k-1", "k-2"}
    assert (store.cases[CID], dict(records.complaints), dict(records.entries)) == after


async def test_a_complaint_without_a_case_is_erased_and_shows_so_once_its_case_opens(service, store, records):
    await service.record_received(received=[make_received(email=f"{MARK}@example.org")])

    await service.erase_personal_data(erased=[erased()])
    store.put(open_case_in(CaseState.OPENED))
    file = await service.view(complaint_id=CID, principal=ADMIN)

    assert MARK not in records.complaints[CID].model_dump_json()
    assert file.complaint.customer.email == ERASED_SHOWN and file.case.personal_data_erased_at is None


async def test_a_case_changed_meanwhile_is_erased_again_with_the_values_still_known(kept, store, records):
    store.lose_next_save(CID, to_version=store.cases[CID].version + 1)

    with pytest.raises(CaseNotReady):
        await kept.erase_personal_data(erased=[erased()])

    assert records.complaints[CID].customer.email == f"{MARK}@example.org"  # a retry still knows what to look for


async def test_one_batch_is_one_write_of_the_cases_and_one_of_the_records(kept, store, records, monkeypatch):
    calls: list[str] = []
    for name, target in (("save", store), ("erase", records)):
        original = getattr(target, name)

        async def counted(*args, _original=original, _name=name, **kwargs):
            calls.append(_name)
            return await _original(*args, **kwargs)

        monkeypatch.setattr(target, name, counted)

    await kept.erase_personal_data(erased=[erased(), erased(OTHER)])

    assert calls == ["save", "erase"]


async def test_the_access_export_holds_every_record_of_the_complaints_asked_for(kept):
    records = await kept.kept_records(complaint_ids=[CID, "c-unknown-0009"])

    assert set(records) == {CID}
    kept_here = records[CID]
    assert kept_here.case is not None and kept_here.case.complaint_id == CID
    assert kept_here.complaint is not None and kept_here.complaint.customer.email == f"{MARK}@example.org"
    assert [e.text for e in kept_here.customer_entries] == [f"Sign: {MARK}", f"{MARK} is unhappy"]


async def test_after_erasure_the_access_export_holds_no_personal_data(kept):
    await kept.erase_personal_data(erased=[erased()])

    records = await kept.kept_records(complaint_ids=[CID])

    assert MARK not in records[CID].model_dump_json()
    assert records[CID].complaint is not None and records[CID].complaint.erasure is not None


async def test_what_arrives_opened_after_the_erasure_is_kept_without_personal_data(kept, records):
    # A batch decoded before its erasure was handled may still carry opened values (the key was cached).
    await kept.erase_personal_data(erased=[erased()])

    await kept.record_received(received=[make_received(email=f"{MARK}@example.org")])
    await kept.hear_customer(events=[CustomerMessageReceived(complaint_id=CID, time=ERASED_AT, message_id="m-9",
                                                             text=f"Late: {MARK}")])

    assert MARK not in records.complaints[CID].model_dump_json()
    late = [e for e in records.entries.values() if e.complaint_id == CID]
    assert len(late) == 3 and all(e.erased and e.text is None for e in late)


@pytest.mark.parametrize("written", ["hear_customer", "record_received"])
async def test_an_erasure_handled_while_records_are_written_still_takes_them_out(kept, records, monkeypatch, written):
    # Another consumer handles the erasure between this batch's look-up of erasures and its writes: the erasure
    # found nothing of what the batch then writes, so the batch must take it out itself.
    for name in ("add_customer_entries", "record_details"):
        original = getattr(records, name)

        async def erased_first(*args, _original=original, **kwargs):
            await kept.erase_personal_data(erased=[erased()])
            return await _original(*args, **kwargs)

        monkeypatch.setattr(records, name, erased_first)

    if written == "hear_customer":
        await kept.hear_customer(events=[CustomerMessageReceived(complaint_id=CID, time=ERASED_AT,
                                                                 message_id="m-8", text=f"Meanwhile: {MARK}")])
    else:
        await kept.record_received(received=[make_received(email=f"{MARK}@example.org")])

    assert not any(MARK in word for word in records.words[CID])
    assert MARK not in records.complaints[CID].model_dump_json()
    assert all(e.erased and e.text is None for e in records.entries.values() if e.complaint_id == CID)
