"""Erasure: every complaint of the data subject loses its personal data (keys destroyed), keeps its record, is
announced once per complaint; the audit holds no personal data; asking again is harmless; a new complaint of the
same customer gets a new key."""

from typing import Any

import pytest
from complaint_contracts import PersonalDataErased
from complaint_contracts.personal_data import ERASED_TEXT
from intake.domain.erasure import ErasureRequest
from intake.usecases import ErasureService, NotFound, SubjectFinder
from intake.usecases.subjects import NoSuchSubject

from tests.support.builders import make_submission

from .fake_privacy import FakePrivacyStore
from .test_service import FILING, Intake

OFFICER = "emp-dpo-1"
THEIRS = FILING | {"customer": {"name": "Алеся Кузьміч", "email": "alesia@example.org", "phone": "+375291234567"}}
SOMEONE_ELSE = FILING | {"customer": {"name": "Sam", "email": "sam@example.org"},
                         "description": "Someone else's words"}


class Office(Intake):
    """The customer-side services and the privacy office's erasure over the same fakes."""

    def __init__(self) -> None:
        super().__init__()
        self.privacy = FakePrivacyStore(self.store)
        self.finder = SubjectFinder(store=self.privacy, complaints=self.store, subjects=self.subjects)
        self.erasure = ErasureService(store=self.privacy, finder=self.finder, keys=self.keys, clock=self.clock,
                                      notify=self.notify, metrics=self.customers.metrics)

    async def erase(self, **body: Any):
        return await self.erasure.request(request=ErasureRequest.model_validate(body), requested_by=OFFICER)

    def announced(self, complaint_id: str) -> list[PersonalDataErased]:
        return [e for e in self.store.complaints[complaint_id].outbox if isinstance(e, PersonalDataErased)]


@pytest.fixture
def office() -> Office:
    return Office()


async def test_erasure_by_email_covers_every_complaint_of_the_customer_and_nothing_of_anyone_else(
        office: Office) -> None:
    first = (await office.file(THEIRS)).receipt
    by_kafka = make_submission(customer={"name": "Алеся", "email": "ALESIA@example.org"})
    await office.filing.accept_submissions(submissions=[by_kafka])
    other = (await office.file(SOMEONE_ELSE)).receipt
    subject = office.store.complaints[first.complaint_id].complaint.subject.id
    key_ids = [k.id for k in office.keys.subjects[subject]]
    notified = office.notified

    record = await office.erase(email="Alesia@Example.org", reference="DSR-2026-0042")

    theirs = sorted(c for c in office.store.complaints if c != other.complaint_id)
    assert (record.status, record.complaint_ids, record.keys_destroyed) == ("completed", theirs, 1)
    assert (record.basis, record.reason, record.requested_by, record.reference) == (
        "email", "request", OFFICER, "DSR-2026-0042")
    assert subject not in office.keys.subjects
    for complaint_id in theirs:
        [event] = office.announced(complaint_id)
        assert (event.erasure_id, event.reason, event.key_ids) == (record.erasure_id, "request", key_ids)
        assert office.store.complaints[complaint_id].erased is not None
    assert office.announced(other.complaint_id) == [] and office.store.complaints[other.complaint_id].erased is None
    assert office.notified == notified + 1

    page = await office.page(first)
    assert page.complaint is not None and page.complaint.description == ERASED_TEXT
    assert page.status == "received" and page.timeline  # the record stays
    kept = await office.page(other)
    assert kept.complaint is not None and kept.complaint.description == SOMEONE_ELSE["description"]


async def test_the_audit_holds_no_personal_data_and_records_the_start_and_the_completion(office: Office) -> None:
    await office.file(THEIRS)
    record = await office.erase(phone="+375 29 123 45 67")
    assert [r.status for r in office.privacy.saved] == ["in_progress", "completed"]
    assert office.privacy.saved[0].erasure_id == record.erasure_id
    audit = record.model_dump_json()
    for personal in ("alesia", "375291234567", "Кузьміч", FILING["description"]):
        assert personal not in audit
    assert await office.erasure.record(record.erasure_id) == record
    with pytest.raises(NotFound):
        await office.erasure.record("er-unknown")


async def test_a_phone_number_reaches_every_subject_it_is_on_file_for(office: Office) -> None:
    with_email = (await office.file(THEIRS)).receipt
    same_email_no_phone = (await office.file(THEIRS | {"customer": {"email": "alesia@example.org"}})).receipt
    phone_only = (await office.file(FILING | {"customer": {"phone": "+375 29 123 45 67"}})).receipt
    other = (await office.file(SOMEONE_ELSE)).receipt
    record = await office.erase(phone="+375291234567")
    assert record.complaint_ids == sorted([with_email.complaint_id, same_email_no_phone.complaint_id,
                                           phone_only.complaint_id])
    assert record.keys_destroyed == 2 and office.announced(other.complaint_id) == []


async def test_a_tracking_number_names_the_subject_of_its_complaint(office: Office) -> None:
    first = (await office.file(THEIRS)).receipt
    second = (await office.file(THEIRS)).receipt
    await office.file(SOMEONE_ELSE)
    record = await office.erase(tracking_number=second.tracking_number.lower())
    assert (record.basis, record.complaint_ids) == ("tracking_number", sorted([first.complaint_id,
                                                                               second.complaint_id]))


async def test_asking_again_says_the_customer_was_erased_already_and_destroys_nothing(office: Office) -> None:
    receipt = (await office.file(THEIRS)).receipt
    subject = office.store.complaints[receipt.complaint_id].complaint.subject.id
    key_ids = [k.id for k in office.keys.subjects[subject]]
    first = await office.erase(email="alesia@example.org")
    again = await office.erase(email="alesia@example.org")
    by_number = await office.erase(tracking_number=receipt.tracking_number)
    assert again.erasure_id != first.erasure_id
    assert (first.complaint_ids, first.already_erased, first.keys_destroyed) == ([receipt.complaint_id], 0, 1)
    assert (again.complaint_ids, again.already_erased, again.keys_destroyed, again.status) == (
        [receipt.complaint_id], 1, 0, "completed")
    assert (by_number.already_erased, by_number.keys_destroyed) == (1, 0)
    assert [e.key_ids for e in office.announced(receipt.complaint_id)] == [key_ids, [], []]
    assert office.count("complaints_intake_erasures_total", reason="request") == 3


@pytest.mark.parametrize(("body", "field", "reason"), [
    ({"email": "nobody@example.org"}, "email", "no complaint on file gives this e-mail address"),
    ({"phone": "+375 33 000 00 00"}, "phone", "no complaint on file gives this phone number"),
    ({"tracking_number": "CMP-0000-0000-0"}, "tracking_number", "no complaint on file has this tracking number"),
    ({"tracking_number": "not a number"}, "tracking_number", "no complaint on file has this tracking number"),
], ids=["e-mail", "phone", "unknown number", "malformed number"])
async def test_nobody_found_is_no_erasure_and_nothing_is_recorded(office: Office, body: dict[str, str], field: str,
                                                                  reason: str) -> None:
    receipt = (await office.file(THEIRS)).receipt
    with pytest.raises(NoSuchSubject) as nobody:
        await office.erase(**body)
    assert (nobody.value.field, nobody.value.reason) == (field, reason)
    assert office.privacy.saved == [] and office.announced(receipt.complaint_id) == []
    assert office.count("complaints_intake_erasures_total", reason="request") == 0


class TestLinkedComplaints:
    """A person who filed with their e-mail address and phone number, then with the phone number alone, has two
    subject ids (two keys): a request by either identifier finds both complaints and destroys both keys."""

    async def test_an_email_reaches_the_complaint_filed_with_the_same_phone_only(self, office: Office) -> None:
        with_both = (await office.file(THEIRS)).receipt
        phone_only = (await office.file(FILING | {"customer": {"phone": "+375 29 123 45 67"}})).receipt
        other = (await office.file(SOMEONE_ELSE)).receipt
        subjects = {office.store.complaints[r.complaint_id].complaint.subject.id for r in (with_both, phone_only)}
        assert len(subjects) == 2  # two keys for one person

        record = await office.erase(email="alesia@example.org")

        assert record.complaint_ids == sorted([with_both.complaint_id, phone_only.complaint_id])
        assert (record.keys_destroyed, record.identifiers_followed) == (2, ["email", "phone"])
        assert not subjects & set(office.keys.subjects)
        assert (await office.page(phone_only)).complaint.description == ERASED_TEXT  # type: ignore[union-attr]
        assert office.announced(other.complaint_id) == []

    async def test_links_are_followed_until_no_new_complaint_turns_up(self, office: Office) -> None:
        chain = [FILING | {"customer": customer} for customer in (
            {"email": "alesia@example.org", "phone": "+375291234567"},
            {"email": "a.kuzmich@example.com", "phone": "+375291234567"},
            {"email": "a.kuzmich@example.com"},
            {"email": "a.kuzmich@example.com", "phone": "+375447654321"},
            {"phone": "+375447654321"})]
        linked = [(await office.file(filing)).receipt for filing in chain]
        unrelated = (await office.file(FILING | {"customer": {"phone": "+375330000000"}})).receipt

        record = await office.erase(tracking_number=linked[-1].tracking_number)

        assert record.complaint_ids == sorted(r.complaint_id for r in linked)
        # Three subject ids: the two e-mail addresses', and the second phone number's (its only complaint).
        assert (record.basis, record.keys_destroyed, record.identifiers_followed) == (
            "tracking_number", 3, ["email", "phone"])
        assert office.announced(unrelated.complaint_id) == []
        assert office.privacy.identifier_lookups <= len(chain) + 1  # each identifier asked for once

    async def test_a_phone_someone_else_shares_is_not_followed_when_the_officer_says_so(self, office: Office) -> None:
        """A household's phone: the customer gave it with their e-mail address, their partner filed with it alone."""
        with_both = (await office.file(THEIRS)).receipt
        email_only = (await office.file(THEIRS | {"customer": {"email": "alesia@example.org"}})).receipt
        partners = (await office.file(FILING | {"customer": {"name": "Сяргей", "phone": "+375291234567"},
                                                "description": "Мая скарга"})).receipt
        theirs = sorted([with_both.complaint_id, email_only.complaint_id])

        by_number = await office.erase(tracking_number=email_only.tracking_number, follow_links=False)
        assert (by_number.complaint_ids, by_number.identifiers_followed, by_number.follow_links) == (
            theirs, [], False)
        record = await office.erase(email="alesia@example.org", follow_links=False)

        assert (record.complaint_ids, record.identifiers_followed, record.follow_links) == (theirs, ["email"], False)
        assert office.announced(partners.complaint_id) == []
        kept = await office.page(partners)
        assert kept.complaint is not None and kept.complaint.description == "Мая скарга"
        followed = await office.erase(email="alesia@example.org")
        assert partners.complaint_id in followed.complaint_ids and followed.follow_links

    async def test_a_customer_known_only_by_email_follows_only_email(self, office: Office) -> None:
        receipt = (await office.file(FILING)).receipt
        record = await office.erase(email="ALESIA@example.org")
        assert (record.complaint_ids, record.identifiers_followed) == ([receipt.complaint_id], ["email"])

    async def test_a_complaint_without_contact_details_is_its_own_subject(self, office: Office) -> None:
        receipt = (await office.file(FILING | {"customer": {"postal_address": "1 High Street, Leeds"}})).receipt
        await office.file(THEIRS)
        record = await office.erase(tracking_number=receipt.tracking_number)
        assert (record.complaint_ids, record.identifiers_followed, record.keys_destroyed) == (
            [receipt.complaint_id], [], 1)


async def test_after_erasure_the_same_customer_files_again_under_a_new_key(office: Office) -> None:
    old = (await office.file(THEIRS)).receipt
    subject = office.store.complaints[old.complaint_id].complaint.subject.id
    destroyed = {k.id for k in office.keys.subjects[subject]}
    await office.erase(email="alesia@example.org")
    new = (await office.file(THEIRS)).receipt
    [key] = office.store.complaints[new.complaint_id].sealed_with
    assert key not in destroyed and office.store.complaints[new.complaint_id].complaint.subject.id == subject
    page = await office.page(new)
    assert page.complaint is not None and page.complaint.description == THEIRS["description"]
    assert (await office.page(old)).complaint.description == ERASED_TEXT  # type: ignore[union-attr]
