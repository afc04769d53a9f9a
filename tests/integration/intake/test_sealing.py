"""Personal data at rest and on the wire is sealed with the data subject's key: neither the stored documents (their
outbox included) nor the published records hold it in plaintext, while the customer's status page and every reader
with the key still read it."""

import uuid

from complaint_contracts import AccessCodeIssued, ComplaintReceived, CustomerMessageReceived, EscalationRequested
from complaint_contracts.personal_data import sealed_key_id
from intake.domain.submission import complaint_id_for_submission

from tests.support.builders import make_submission
from tests.support.kafka import eventually

from .conftest import Intake
from .support import file, status
from .support_sealing import found_in, marked_customer, marked_filing, marker, needles, published, readable
from .test_kafka_submissions import produce


async def test_a_filing_and_what_the_customer_sends_are_stored_and_published_sealed(intake: Intake) -> None:
    body = marked_filing() | {"title": f"Parcel never arrived {marker('title')}", "desired_remedy": "refund",
                              "desired_remedy_details": f"My money back {marker('remedy')}"}
    message, reason = marker("message"), marker("reason")
    wanted = [*needles(body), body["title"], body["desired_remedy_details"], message, reason]
    async with intake.client() as client:
        receipt = await file(client, body)
        code = {"X-Access-Code": receipt["access_code"]}
        stored_before_publishing = await intake.store.complaints.find_one({"_id": receipt["complaint_id"]})
        for action, payload in (("messages", {"text": message}), ("escalation", {"reason": reason})):
            answer = await client.post(f"{receipt['status_url']}/{action}", json=payload, headers=code)
            assert answer.status_code == 200, answer.text
        page = await status(client, receipt)

    assert page["complaint"] == {"title": body["title"], "description": body["description"]}
    stored = await intake.store.complaints.find_one({"_id": receipt["complaint_id"]})
    assert found_in(readable(stored_before_publishing), wanted) == []
    assert found_in(readable(stored), wanted) == []
    subject = stored["subject"]
    assert subject in stored["subject_refs"] and len(stored["subject_refs"]) == 2  # e-mail and phone

    key_ids = set()
    for event_type, cls in (("complaints.intake.ComplaintReceived", ComplaintReceived),
                            ("complaints.intake.CustomerMessageReceived", CustomerMessageReceived),
                            ("complaints.intake.EscalationRequested", EscalationRequested)):
        record = await published(intake, receipt["complaint_id"], event_type)
        assert found_in(record.value.decode(), wanted) == []
        event = await intake.decoded(record)
        assert isinstance(event, cls)
        key_ids |= {sealed_key_id(v) for v in record.value.decode().split('"') if v.startswith("pd1.")}
    assert event.reason == reason
    assert key_ids == {(await intake.keys.key_for(subject)).id}


async def test_a_submission_arrives_in_plaintext_and_is_kept_and_announced_sealed(intake: Intake) -> None:
    customer = marked_customer()
    customer["phone"] = customer["phone"].replace(" ", "")  # partners send E.164
    event = make_submission(external_reference=f"CRM-{uuid.uuid4().hex[:10]}", customer=customer,
                            description=f"Card refused. {marker('text')}", order_reference=marker("order"),
                            about_employee=marker("emp"), about_employee_name=f"Ivan {marker('emp')}",
                            title=f"Card refused {marker('title')}",
                            desired_remedy_details=f"An apology {marker('remedy')}", issue_access_code=True)
    wanted = [*needles({**event.model_dump(), "customer": customer}), event.title, event.desired_remedy_details]
    await produce(intake, event)
    complaint_id = complaint_id_for_submission(source_system=event.source_system,
                                               external_reference=event.external_reference)
    await eventually(lambda: intake.store.complaints.count_documents({"_id": complaint_id}))

    assert found_in(readable(await intake.store.complaints.find_one({"_id": complaint_id})), wanted) == []
    received = await published(intake, complaint_id, "complaints.intake.ComplaintReceived")
    assert found_in(received.value.decode(), wanted) == []
    opened = await intake.decoded(received)
    assert isinstance(opened, ComplaintReceived)
    assert (opened.title, opened.description, opened.desired_remedy_details, opened.about_employee,
            opened.customer.email) == (event.title, event.description, event.desired_remedy_details,
                                       event.about_employee, customer["email"])
    issued = await published(intake, complaint_id, "complaints.intake.AccessCodeIssued")
    code = await intake.decoded(issued)
    assert isinstance(code, AccessCodeIssued)
    assert found_in(issued.value.decode(), [code.access_code, code.access_code.replace("-", "")]) == []


async def test_one_customer_is_one_data_subject_whatever_the_case_of_their_address(intake: Intake) -> None:
    email = f"{marker('same')}@example.org"
    async with intake.client() as client:
        first = await file(client, marked_filing() | {"customer": {"email": email}})
        second = await file(client, marked_filing() | {"customer": {"email": email.upper(), "name": "Sam"}})
        by_phone = await file(client, marked_filing() | {"customer": {"phone": "+375 29 765 43 21"}})
        by_letter = await file(client, marked_filing() | {"customer": {"postal_address": "1 High Street"}})
    documents = {d["_id"]: d async for d in intake.store.complaints.find(
        {"_id": {"$in": [r["complaint_id"] for r in (first, second, by_phone, by_letter)]}})}
    subjects = [documents[r["complaint_id"]]["subject"] for r in (first, second, by_phone, by_letter)]
    assert subjects[0] == subjects[1] and len(set(subjects)) == 3
    assert documents[by_letter["complaint_id"]]["subject_refs"] == []
    indexes = await intake.store.complaints.index_information()
    assert {"subject", "subject_refs"} <= set(indexes)
