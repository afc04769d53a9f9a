"""Erasure on the embedded broker and store: notification opens a sealed complaint (and a sealed question from
staff that greets the customer by name) with the keys intake's key API gives it and mails the customer; after the
keys are destroyed and the erasure announced, no raw document of its database holds a personal value, the customer
gets nothing more (recorded as not sent, not dead-lettered), an event read without its keys mails nothing, and the
access export keeps the record without the person."""

import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
import pytest
from bson import json_util
from complaint_contracts import AccessCodeIssued, Event, InformationRequested, PersonalDataErased
from complaints_chassis.personal_data import DataKey, new_data_key, sealing
from complaints_chassis.publishing import outgoing
from notification.config import NotificationSettings
from notification.domain.delivery_log import LogStatus
from notification.domain.erasure import PERSONAL_DATA_ERASED
from notification.domain.facts import ComplaintFacts
from notification.domain.recipients import CUSTOMER_KEY
from notification.main import create_app

from tests.support.backends import Backend
from tests.support.kafka import eventually
from tests.support.settings import fast_settings
from tests.support.staff import TEST_JWT_SECRET, bearer, staff_token

from .harness import DIRECTORY, Suite, facts_known, received, routed, start_after_history
from .servers import KeyServer, SmtpServer, WebhookReceiver, free_port

pytestmark = pytest.mark.integration


@dataclass
class Stand:
    suite: Suite
    keys: KeyServer

    async def publish_sealed(self, event: Event, key: DataKey) -> None:
        """Publish as intake does: every personal field sealed with the data subject's key."""
        await self.suite.app.state.runtime.publisher.send([outgoing(event, personal=sealing(key))])

    async def facts(self, complaint_id: str) -> ComplaintFacts:
        return (await self.suite.deps.service.store.facts_of([complaint_id]))[complaint_id]

    async def raw_documents(self) -> str:
        """Every document of every collection of the service's database, as stored."""
        db = self.suite.deps.service.store.facts.database
        return "\n".join([json_util.dumps(doc) for name in await db.list_collection_names()
                          async for doc in db[name].find()]).lower()


@pytest.fixture(scope="module")
async def stand(backend: Backend) -> AsyncIterator[Stand]:
    smtp = SmtpServer(free_port())
    smtp.start()
    with KeyServer() as keys, WebhookReceiver() as hooks:
        settings = fast_settings(NotificationSettings, backend, smtp_host="127.0.0.1", smtp_port=smtp.port,
                                 smtp_sender="complaints@northwind.example", staff_directory=json.dumps(DIRECTORY),
                                 jwt_secret=TEST_JWT_SECRET, **keys.settings())
        await start_after_history(settings)
        app = create_app(settings)
        async with app.router.lifespan_context(app):
            yield Stand(Suite(app, smtp, hooks, backend), keys)
    smtp.stop()


@dataclass
class Erased:
    complaint_id: str
    markers: list[str]
    key: DataKey
    late_code: AccessCodeIssued
    """Issued before the erasure and read after it: its code can no longer be opened."""


@pytest.fixture(scope="module")
async def erased(stand: Stand) -> Erased:
    token = uuid.uuid4().hex[:10]
    digits = str(uuid.uuid4().int)[:7]
    key = new_data_key()
    stand.keys.keys[key.id] = key
    complaint = received(name=f"Zorya {token}", email=f"{token}@example.org", phone=f"+4479{digits}",
                         postal_address=f"{token} Mill Lane, Leeds", customer_ref=f"CUST-{token}")
    complaint = complaint.model_copy(update={"description": f"The refund {token} never came."})
    code = AccessCodeIssued(complaint_id=complaint.complaint_id, tracking_number=complaint.tracking_number,
                            access_code=f"Q{digits}", send_to="email", reason="requested")
    await stand.publish_sealed(complaint, key)
    await eventually(lambda: facts_known(stand.suite.deps, complaint.complaint_id))
    routing = routed(complaint)
    await stand.suite.publish(routing)
    await stand.publish_sealed(code, key)

    # Resolution seals what staff write to the customer with the same key: a question that greets them by name.
    question = InformationRequested(complaint_id=complaint.complaint_id, request_id=f"rq-{token}",
                                    question=f"Dear Zorya {token}, which card did you pay with?", by="emp-it-0042")
    await stand.publish_sealed(question, key)

    acknowledgement = await stand.suite.mail(routing)
    mailed_code = await stand.suite.mail(code)
    asked = await stand.suite.mail(question)
    assert f"Dear Zorya {token}, which card" in asked.get_body(("plain",)).get_content(), "the question was opened"
    assert acknowledgement["To"] == f"{token}@example.org", "the sealed complaint was opened with its key"
    assert f"Q{digits}" in mailed_code.get_body(("plain",)).get_content()
    markers = [token, digits]
    stored = await stand.raw_documents()
    assert all(m in stored for m in markers), "the test must see the contact stored first"

    del stand.keys.keys[key.id]  # intake destroys the keys, then announces the erasure
    await stand.suite.publish(PersonalDataErased(
        complaint_id=complaint.complaint_id, erasure_id=f"er-{token}", reason="request", key_ids=[key.id],
        erased_at=datetime.now(UTC)))

    async def facts_erased() -> bool:
        return (await stand.facts(complaint.complaint_id)).personal_data_erased

    await eventually(facts_erased)
    late_code = AccessCodeIssued(complaint_id=complaint.complaint_id, tracking_number=complaint.tracking_number,
                                 access_code=f"R{digits}", send_to="email", reason="requested")
    return Erased(complaint.complaint_id, markers, key, late_code)


async def test_no_raw_document_keeps_a_personal_value_of_the_erased_complaint(stand: Stand, erased: Erased):
    documents = await stand.raw_documents()

    assert [m for m in erased.markers if m in documents] == []
    assert (await stand.facts(erased.complaint_id)).tracking_number.startswith("CMP-")


async def test_the_customer_gets_nothing_more_and_it_is_recorded_once(stand: Stand, erased: Erased):
    request = InformationRequested(complaint_id=erased.complaint_id, request_id=f"rq-{uuid.uuid4().hex[:6]}",
                                   question="Please send the receipt.", respond_by=datetime(2026, 4, 1, tzinfo=UTC),
                                   by="emp-it-0042")
    await stand.suite.publish(request)

    async def recorded() -> bool:
        return await stand.suite.delivery(request, CUSTOMER_KEY, "none") is not None

    await eventually(recorded)
    record = await stand.suite.delivery(request, CUSTOMER_KEY, "none")
    assert record is not None and (record.status, record.reason) == (LogStatus.FAILED, PERSONAL_DATA_ERASED)
    assert await stand.suite.mails(request) == []


async def test_an_event_read_without_its_keys_mails_nothing(stand: Stand, erased: Erased):
    mails_before = len(stand.suite.smtp.sink.mails)
    await stand.publish_sealed(erased.late_code, erased.key)

    async def recorded() -> bool:
        return await stand.suite.delivery(erased.late_code, CUSTOMER_KEY, "none") is not None

    await eventually(recorded)
    record = await stand.suite.delivery(erased.late_code, CUSTOMER_KEY, "none")
    assert record is not None and record.reason == PERSONAL_DATA_ERASED
    assert len(stand.suite.smtp.sink.mails) == mails_before


async def test_the_export_keeps_the_record_without_the_person(stand: Stand, erased: Erased):
    transport = httpx.ASGITransport(app=stand.suite.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://notification") as client:
        answer = await client.post("/v1/data-subject-exports", json={"complaint_ids": [erased.complaint_id]},
                                   headers=bearer(staff_token(role="privacy")))

    assert answer.status_code == 200, answer.text
    record = answer.json()["complaints"][erased.complaint_id]
    sent = {(m["kind"], m["audience"], m["status"]) for m in record["messages"]}
    assert {("acknowledgement", "customer", "sent"), ("access_code", "customer", "sent")} <= sent
    assert record["facts"]["customer"]["email"] is None
    assert not any(m in answer.text.lower() for m in erased.markers)


async def test_facts_a_run_read_before_the_erasure_cannot_bring_the_contact_back(stand: Stand):
    token = uuid.uuid4().hex[:10]
    store = stand.suite.deps.service.store
    complaint = received(email=f"{token}@example.org")
    await stand.suite.receive(complaint)
    [read_before] = (await store.facts_of([complaint.complaint_id])).values()
    await stand.suite.publish(PersonalDataErased(complaint_id=complaint.complaint_id, erasure_id=f"er-{token}",
                                                 reason="retention", erased_at=datetime.now(UTC)))

    async def facts_erased() -> bool:
        return (await stand.facts(complaint.complaint_id)).personal_data_erased

    await eventually(facts_erased)
    await store.save_facts([read_before.model_copy(update={"team": "team-late-1"})])

    stored = await stand.facts(complaint.complaint_id)
    assert stored.personal_data_erased and stored.customer.email is None
    assert stored.team == "team-late-1", "what the late run learnt is kept, without the personal data"
    assert token not in await stand.raw_documents()
