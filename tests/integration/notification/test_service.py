"""The notification service on the embedded broker and store, with a real SMTP server and HTTP receiver."""

import json
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from complaint_contracts import (
    AccessCodeIssued,
    CaseEscalated,
    Clock,
    ComplaintClosed,
    ComplaintReceived,
    ComplaintResolved,
    ComplaintRouted,
    DeadlineBreached,
    DeadlineWarning,
    Event,
    InformationRequested,
    Money,
    Outcome,
    PossibleDuplicateDetected,
    PublicNoteAdded,
    RedressPaid,
    Remedy,
    RemedyKind,
    ResolutionDecisionReceived,
    ResolutionProposed,
    SystemicIssueDetected,
    from_kafka,
    topics,
)
from complaint_contracts.resolution import ComplaintMerged, PlanStep, PlanStepOverdue
from complaints_chassis import dead_letters as dl
from notification.config import NotificationSettings
from notification.domain.recipients import COMPLAINT_MANAGERS_ROLE, CUSTOMER_KEY, QUALITY_ROLE
from notification.main import create_app
from standardwebhooks import Webhook

from tests.support.backends import Backend
from tests.support.kafka import eventually, read_until
from tests.support.settings import fast_settings

from .harness import ASSIGNEE, DIRECTORY, RECEIVED_AT, TEAM, Suite, holds, is_set, received, routed, text_of
from .servers import REJECTED, BrokenSmtp, KeyServer, SmtpServer, WebhookReceiver, free_port

pytestmark = pytest.mark.integration

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


@pytest.fixture(scope="module")
async def suite(backend: Backend) -> AsyncIterator[Suite]:
    smtp = SmtpServer(free_port())
    smtp.start()
    # Intake's key API without keys: the tests here publish plaintext; sealed records other modules left on the
    # session's topics show as erased.
    with WebhookReceiver() as hooks, KeyServer() as keys:
        settings = fast_settings(
            NotificationSettings, backend, retry_attempts=3,
            smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_sender="complaints@northwind.example",
            webhook_secret=SECRET, sms_webhook_url=hooks.url, chat_webhook_url=hooks.url,
            delivery_retries=40, delivery_backoff_seconds=0.05, delivery_backoff_max_seconds=0.2,
            delivery_jitter_seconds=0.01, organisation_name="Northwind Retail",
            status_url="https://complaints.example.org/track/{tracking_number}",
            survey_url="https://complaints.example.org/survey/{tracking_number}",
            staff_directory=json.dumps(DIRECTORY), **keys.settings(),
        )
        app = create_app(settings)
        async with app.router.lifespan_context(app):
            yield Suite(app, smtp, hooks, backend)
    smtp.stop()


async def open_complaint(suite: Suite, **customer) -> tuple[ComplaintReceived, ComplaintRouted]:
    complaint = received(**customer)
    routing = routed(complaint)
    await suite.publish(complaint, routing)
    await suite.mail(routing)
    return complaint, routing


async def test_routing_acknowledges_with_the_deadlines_and_assigns_the_owner(suite: Suite) -> None:
    complaint = received()
    routing = routed(complaint)

    await suite.publish(complaint, routing)

    acknowledgement = await suite.mail(routing)
    assert acknowledgement["To"] == "alesia@example.org"
    assert complaint.tracking_number in acknowledgement["Subject"]
    text = text_of(acknowledgement)
    assert "Final response: by 27 April 2026, 18:00 (Europe/London)" in text
    assert f"https://complaints.example.org/track/{complaint.tracking_number}" in text
    assignment = await suite.mail(routing, f"employee:{ASSIGNEE}")
    assert assignment["To"] == "ivan@northwind.example" and assignment["Content-Language"] == "ru"
    sent = await read_until(suite.backend.kafka_bootstrap, topics.NOTIFICATION,
                            lambda r: r.key == complaint.complaint_id.encode()
                            and b"acknowledgement" in r.value)
    event = from_kafka(sent.topic, sent.value, sent.headers)
    assert (event.type, event.template, event.recipient_kind) == (
        "complaints.notification.NotificationSent", "acknowledgement", "customer")
    assert event.trigger_event_id == str(routing.id)


def _by(complaint_id: str) -> dict:
    return {"complaint_id": complaint_id, "by": ASSIGNEE}


TRIGGERS: dict[str, tuple[Callable[[str], Event], list[tuple[str, str]]]] = {
    # template → (the event, [(recipient key, text the mail must contain)])
    "information_requested": (lambda c: InformationRequested(
        request_id="rq-1", question="Please send the courier's return receipt.", **_by(c)),
        [(CUSTOMER_KEY, "Please send the courier's return receipt.")]),
    "resolution_proposed": (lambda c: ResolutionProposed(
        proposal_id="pr-1", summary="We will refund the kettle.", **_by(c),
        remedies=[Remedy(kind=RemedyKind.REFUND, amount=Money(amount=Decimal("1249.90"), currency="GBP"))]),
        [(CUSTOMER_KEY, "£1,249.90")]),
    "final_response": (lambda c: ComplaintResolved(
        outcome=Outcome.UPHELD, final_response="We refunded the kettle on 9 March.", **_by(c)),
        [(CUSTOMER_KEY, "https://www.financial-ombudsman.org.uk")]),
    "complaint_closed": (lambda c: ComplaintClosed(reason="resolved", **_by(c)),
                         [(CUSTOMER_KEY, "https://complaints.example.org/survey/")]),
    "deadline_warning": (lambda c: DeadlineWarning(
        complaint_id=c, deadline="final_response", clock=Clock.REGULATORY,
        due_at=datetime(2026, 4, 27, 17, tzinfo=UTC), elapsed_fraction=0.75), [(f"employee:{ASSIGNEE}", "")]),
    "deadline_breached": (lambda c: DeadlineBreached(
        complaint_id=c, deadline="final_response", clock=Clock.REGULATORY,
        due_at=datetime(2026, 4, 27, 17, tzinfo=UTC)), [(f"employee:{ASSIGNEE}", ""), (COMPLAINT_MANAGERS_ROLE, "")]),
    "case_escalated": (lambda c: CaseEscalated(tier=2, trigger="breach", reason="Final response missed", **_by(c)),
                       [(f"team:{TEAM}", "Final response missed"), (COMPLAINT_MANAGERS_ROLE, ""),
                        (CUSTOMER_KEY, "")]),
    "possible_duplicate": (lambda c: PossibleDuplicateDetected(
        complaint_id=c, duplicate_of="c-earlier-0001", similarity=0.93, reason="Same order and wording"),
        [(f"employee:{ASSIGNEE}", "c-earlier-0001")]),
    # Service messages go without marketing consent (the suite's customers give it: see the test below).
    "proposal_accepted": (lambda c: ResolutionDecisionReceived(complaint_id=c, proposal_id="pr-1", decision="accepted"),
                          [(CUSTOMER_KEY, "https://complaints.example.org/track/")]),
    "redress_paid": (lambda c: RedressPaid(
        proposal_id="pr-1", kind=RemedyKind.REFUND, amount=Money(amount=Decimal("49.99"), currency="GBP"),
        payment_reference="PAY-IT-0001", **_by(c)), [(CUSTOMER_KEY, "PAY-IT-0001")]),
    "complaint_merged": (lambda c: ComplaintMerged(
        merged_into="c-surviving-0001", merged_into_tracking_number="CMP-SURV-IT", reason="Filed twice", **_by(c)),
        [(CUSTOMER_KEY, "https://complaints.example.org/track/CMP-SURV-IT")]),
    "plan_step_overdue": (lambda c: PlanStepOverdue(
        complaint_id=c, proposal_id="pr-1", step_id="s-1", description="Refund the kettle to the card used",
        due_at=datetime(2026, 3, 14, 17, tzinfo=UTC), owner=ASSIGNEE),
        [(f"employee:{ASSIGNEE}", "Refund the kettle to the card used")]),
}


@pytest.mark.parametrize("template", TRIGGERS)
async def test_each_event_sends_its_messages(suite: Suite, template: str) -> None:
    complaint, _ = await open_complaint(suite)
    build, expected = TRIGGERS[template]
    event = build(complaint.complaint_id)

    await suite.publish(event)

    for recipient_key, content in expected:
        mail = await suite.mail(event, recipient_key)
        assert content in text_of(mail)


async def test_a_systemic_issue_goes_to_quality(suite: Suite) -> None:
    value = f"kettle-{uuid.uuid4().hex[:6]}"
    issue = SystemicIssueDetected(issue_id=f"si-{value}", dimension="product", value=value,
                                  window_start=RECEIVED_AT - timedelta(days=7), window_end=RECEIVED_AT, observed=41,
                                  expected=6.5, test="Poisson upper tail", p_value=0.0002, complaint_ids=["c-1"])

    await suite.publish(issue)

    mail = await suite.mail(issue, QUALITY_ROLE)
    assert mail["To"] == "quality@northwind.example" and value in mail["Subject"]


async def test_a_redelivered_event_sends_nothing_new(suite: Suite) -> None:
    complaint, routing = await open_complaint(suite)
    # Same topic and key as the redelivered event: once its mail is out, the redelivery was handled before it.
    behind = PossibleDuplicateDetected(complaint_id=complaint.complaint_id, duplicate_of="c-earlier-0002",
                                       similarity=0.9, reason="Same order")

    await suite.publish(routing, behind)

    await suite.mail(behind, f"employee:{ASSIGNEE}")
    assert len(await suite.mails(routing)) == 1
    assert len(await suite.mails(routing, f"employee:{ASSIGNEE}")) == 1


async def test_smtp_down_is_retried_and_the_mail_delivered_once(suite: Suite) -> None:
    complaint = received()
    routing = routed(complaint)
    suite.smtp.stop()
    try:
        async with BrokenSmtp(suite.smtp.port) as broken:
            await suite.publish(complaint, routing)
            await eventually(lambda: holds(broken.connections >= 1))
    finally:
        suite.smtp.start()

    await suite.mail(routing)
    await eventually(lambda: is_set(suite.delivery(routing, CUSTOMER_KEY, "email")))
    assert len(await suite.mails(routing)) == 1
    assert (await suite.delivery(routing, CUSTOMER_KEY, "email")).attempts >= 2


async def test_webhook_messages_verify_with_the_standard_webhooks_verifier(suite: Suite) -> None:
    complaint, _ = await open_complaint(suite, phone="+375291234567", preferred_channel="phone")
    question = InformationRequested(request_id="rq-3", question="Which order?", **_by(complaint.complaint_id))
    webhook_id = await suite.delivery_id(question, CUSTOMER_KEY, "sms")

    await suite.publish(question)

    await eventually(lambda: holds(any(h.get("webhook-id") == webhook_id for h, _ in suite.hooks.received)))
    [(headers, body)] = [(h, b) for h, b in suite.hooks.received if h.get("webhook-id") == webhook_id]
    payload = Webhook(SECRET).verify(body, headers)
    assert (payload["data"]["channel"], payload["data"]["to"]) == ("sms", "+375291234567")
    assert "Which order?" in payload["data"]["text"]


async def test_a_permanently_refused_address_is_reported_failed_and_dead_lettered(suite: Suite) -> None:
    complaint = received(email=REJECTED)
    routing = routed(complaint)

    await suite.publish(complaint, routing)

    key = complaint.complaint_id.encode()
    failed = await read_until(suite.backend.kafka_bootstrap, topics.NOTIFICATION,
                              lambda r: r.key == key and b"NotificationFailed" in dict(r.headers)["ce_type"])
    event = from_kafka(failed.topic, failed.value, failed.headers)
    assert (event.template, event.permanent, event.reason) == ("acknowledgement", True, "recipient refused (550)")
    dead = await read_until(suite.backend.kafka_bootstrap, topics.dlq(topics.NOTIFICATION), lambda r: r.key == key)
    headers = {k: v.decode() for k, v in dead.headers}
    assert headers[dl.ERROR_CLASS] == "PermanentDeliveryFailure"
    assert headers[dl.REASON] == "permanent delivery failure: recipient refused (550)"
    assert from_kafka(topics.NOTIFICATION, dead.value, dead.headers).notification_id == event.notification_id
    assert await suite.mails(routing) == []


async def test_metrics_count_deliveries_by_channel_and_template(suite: Suite) -> None:
    await open_complaint(suite)

    metrics = await suite.metrics()

    assert 'complaints_notification_sent_total{channel="email",template="acknowledgement"}' in metrics
    assert 'complaints_notification_delivery_duration_seconds_count{channel="email"}' in metrics
    assert "alesia" not in metrics


async def test_an_access_code_reaches_the_contact_named_and_the_store_keeps_no_trace_of_it(suite: Suite) -> None:
    complaint, _ = await open_complaint(suite, phone="+375291234567", consent_marketing=False)
    code = f"IT-{uuid.uuid4().hex[:12].upper()}"
    issued = AccessCodeIssued(complaint_id=complaint.complaint_id, tracking_number=complaint.tracking_number,
                              access_code=code, send_to="email", reason="requested")

    await suite.publish(issued)

    mail = await suite.mail(issued)
    assert mail["To"] == "alesia@example.org" and code in text_of(mail)
    assert f"https://complaints.example.org/track/{complaint.tracking_number}" in text_of(mail)
    await eventually(lambda: is_final(suite, issued))
    assert not any(code in str(hook) for hook in suite.hooks.received)  # not by SMS as well
    db = suite.deps.service.store.deliveries.database
    for name in await db.list_collection_names():
        async for document in db[name].find():
            assert code not in str(document), name


async def test_a_complaint_filed_by_another_system_is_told_where_to_ask_for_an_access_code(suite: Suite) -> None:
    complaint = received().model_copy(update={"source_system": "crm", "external_reference": "CRM-IT-1"})
    routing = routed(complaint)

    await suite.publish(complaint, routing)

    text = text_of(await suite.mail(routing))
    assert "http://localhost:8000/access-code" in text and "Ask for one with your tracking number" in text


async def test_the_proposal_lists_the_plan_and_its_acceptance_is_confirmed_with_it(suite: Suite) -> None:
    complaint, _ = await open_complaint(suite)
    step = PlanStep(step_id="s-1", description="Replace the kettle", due_at=datetime(2026, 3, 20, 12, tzinfo=UTC),
                    owner=ASSIGNEE)
    proposal = ResolutionProposed(proposal_id="pr-plan", summary="We will replace the kettle.", plan=[step],
                                  remedies=[Remedy(kind=RemedyKind.REPLACEMENT)], **_by(complaint.complaint_id))
    accepted = ResolutionDecisionReceived(complaint_id=complaint.complaint_id, proposal_id="pr-plan",
                                          decision="accepted")

    await suite.publish(proposal)
    assert "- Replace the kettle: by 20 March 2026" in text_of(await suite.mail(proposal))
    await suite.publish(accepted)

    assert "- Replace the kettle: by 20 March 2026" in text_of(await suite.mail(accepted))


async def is_final(suite: Suite, event: Event) -> bool:
    delivery = await suite.delivery(event, CUSTOMER_KEY, "email")
    return delivery is not None and delivery.final


async def test_a_merged_complaint_gets_one_letter_saying_where_it_went_even_when_redelivered(suite: Suite) -> None:
    complaint, _ = await open_complaint(suite)
    closed = ComplaintClosed(reason="duplicate", **_by(complaint.complaint_id))
    merged = ComplaintMerged(merged_into="c-earlier-0003", merged_into_tracking_number="CMP-2B7D-4HXR-K",
                             reason="Same order, filed twice", **_by(complaint.complaint_id))
    # Same topic and key as the closure and the merge: once its mail is out, everything before it was handled.
    behind = PublicNoteAdded(note_id="n-merge-1", text="We carry on under the other complaint.",
                             **_by(complaint.complaint_id))

    await suite.publish(closed, merged)
    await suite.publish(closed, merged, behind)  # redelivered

    await suite.mail(behind)
    letter = await suite.mail(merged)
    assert "CMP-2B7D-4HXR-K" in text_of(letter)
    to_customer = [m["Subject"] for m in list(suite.smtp.sink.mails)
                   if m["To"] == "alesia@example.org" and complaint.tracking_number in m["Subject"]]
    assert len(to_customer) == 3, to_customer  # acknowledgement, merge letter, note: no closing letter
    logged = await suite.deps.service.store.deliveries.find({"complaint_id": complaint.complaint_id}).to_list()
    assert sorted(d["template"] for d in logged if d["recipient_kind"] == "customer") == [
        "acknowledgement", "case_note", "complaint_merged"]
