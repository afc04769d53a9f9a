"""Partners' submissions sealed with the customer's key before they were published: intake opens them, judges them
by the same rules as plaintext ones and records them under the same key; one it cannot open is refused, never taken
as it came."""

import pytest
from complaint_contracts import ComplaintSubmission, from_kafka, to_kafka, topics
from complaint_contracts.personal_data import is_sealed
from complaints_chassis.consumer import PermanentError
from complaints_chassis.personal_data import DataKey, Keeping, new_data_key, sealing

from tests.support.builders import make_submission

from .faked_intake import KEY_SEALERS, FakedIntake

CUSTOMER = {"name": "Алеся Кузьміч", "email": "alesia@example.org", "phone": "+375291234567",
            "postal_address": "вул. Леніна 1, Мінск"}


def as_intake_reads(submission: ComplaintSubmission, key: DataKey) -> ComplaintSubmission:
    """The submission published sealed with `key`, as intake's consumer hands it over: sealed values kept."""
    record = to_kafka(submission, sealing(key))
    keeping = Keeping()
    return keeping.kept(from_kafka(topics.SUBMISSIONS, record.value, record.headers, personal=keeping))


async def partners_key(intake: FakedIntake, submission: ComplaintSubmission) -> DataKey:
    return await intake.data_keys.sealing_key(source_system=submission.source_system,
                                              external_reference=submission.external_reference,
                                              email=submission.customer.email, phone=submission.customer.phone)


def plaintext_count(intake: FakedIntake) -> float:
    return intake.count("complaints_intake_plaintext_submissions_total")


async def refusal(intake: FakedIntake, submission: ComplaintSubmission) -> str:
    with pytest.raises(PermanentError) as refused:
        await intake.filing.accept_submissions(submissions=[submission])
    assert intake.store.complaints == {}
    return str(refused.value)


async def test_a_sealed_submission_is_recorded_under_the_key_it_was_sealed_with_and_reads_as_sent() -> None:
    intake = FakedIntake()
    submission = make_submission(customer=CUSTOMER, title="Грошы не вярнулі", order_reference="ORD-77")
    key = await partners_key(intake, submission)
    sealed = as_intake_reads(submission, key)
    assert is_sealed(sealed.customer.email) and is_sealed(sealed.title)

    await intake.filing.accept_submissions(submissions=[sealed])

    [stored] = intake.store.complaints.values()
    assert stored.sealed_with == [key.id]
    assert stored.complaint.subject.id == intake.subjects.email_ref("alesia@example.org")
    received = stored.complaint.received
    assert (received.title, received.order_reference, received.customer.model_dump(include=set(CUSTOMER))) == (
        "Грошы не вярнулі", "ORD-77", CUSTOMER)
    assert plaintext_count(intake) == 0


async def test_a_submission_in_plaintext_is_still_recorded_and_counted_so_operators_see_who_does_not_seal() -> None:
    intake = FakedIntake()
    await intake.filing.accept_submissions(submissions=[make_submission(customer=CUSTOMER)])
    await intake.filing.accept_submissions(submissions=[make_submission(customer=CUSTOMER)])
    assert len(intake.store.complaints) == 2
    assert plaintext_count(intake) == 2


async def test_the_key_of_a_customer_without_email_or_phone_is_the_submissions_own() -> None:
    intake = FakedIntake()
    submission = make_submission(customer={"name": "Sam", "postal_address": "1 High St", "preferred_channel": "letter"})
    await intake.filing.accept_submissions(submissions=[as_intake_reads(submission, await partners_key(intake,
                                                                                                       submission))])
    [stored] = intake.store.complaints.values()
    assert stored.complaint.received.customer.postal_address == "1 High St"


async def test_a_submission_sealed_with_a_destroyed_key_is_refused_not_taken_as_erased() -> None:
    intake = FakedIntake()
    submission = make_submission(customer=CUSTOMER)
    sealed = as_intake_reads(submission, await partners_key(intake, submission))
    await intake.keys.destroy(intake.subjects.email_ref("alesia@example.org"))  # erased after the partner sealed
    assert await refusal(intake, sealed) == "customer: unreadable_personal_data"
    assert intake.count("complaints_intake_rejected_total", reason="unreadable_personal_data", path="kafka") == 1


async def test_a_submission_sealed_with_a_key_intake_never_made_or_altered_on_the_way_is_refused() -> None:
    intake = FakedIntake()
    submission = make_submission(customer=CUSTOMER)
    assert await refusal(intake, as_intake_reads(submission, new_data_key())) == "customer: unreadable_personal_data"
    sealed = as_intake_reads(submission, await partners_key(intake, submission))
    title = sealed.title
    altered = sealed.model_copy(update={"title": title[:-2] + ("AA" if not title.endswith("AA") else "BB")})
    assert await refusal(intake, altered) == "customer: unreadable_personal_data"


async def test_a_submission_sealed_with_another_customers_key_is_refused() -> None:
    """Else erasing the customer it names would leave it readable under someone else's key."""
    intake = FakedIntake()
    submission = make_submission(customer=CUSTOMER)
    someone_else = make_submission(customer={"name": "Sam", "email": "sam@example.org"})
    sealed = as_intake_reads(submission, await partners_key(intake, someone_else))
    assert await refusal(intake, sealed) == "customer: sealed_with_another_key"


async def test_what_a_sealed_submission_opens_to_is_judged_by_the_contract_and_the_rules() -> None:
    intake = FakedIntake()
    bad_phone = make_submission(customer=CUSTOMER).model_copy(update={"customer": make_submission(
        customer=CUSTOMER).customer.model_copy(update={"phone": "12345"})})
    assert "customer.phone" in await refusal(intake, as_intake_reads(bad_phone, await partners_key(intake, bad_phone)))
    bad_email = make_submission(customer=CUSTOMER | {"email": "not-an-address"})
    assert await refusal(intake, as_intake_reads(bad_email, await partners_key(intake, bad_email))) == (
        "customer.email: bad_email")


def test_only_configured_partners_may_ask_for_sealing_keys() -> None:
    intake = FakedIntake()
    assert intake.data_keys.sealer("crm", KEY_SEALERS["crm"]) == "crm"
    assert intake.data_keys.sealer("crm", "wrong") is None
    assert intake.data_keys.sealer("routing", "routing-reader-secret-for-unit-tests") is None
    assert intake.data_keys.reader("crm", KEY_SEALERS["crm"]) is None
