"""The use cases against the in-memory store: filing, submissions, the customer's side and the timeline."""

import asyncio
import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from complaint_contracts import (
    ComplaintReceived,
    ComplaintRouted,
    CustomerMessageReceived,
    Language,
    ResolutionProposed,
)
from complaints_chassis.consumer import PermanentError
from intake.adapters.lookup_guard import LookupGuard
from intake.adapters.metrics import IntakeMetrics
from intake.domain import access
from intake.domain.limits import IntakeLimits
from intake.domain.lookup_policy import LookupPolicy
from intake.domain.problems import InvalidComplaint
from intake.domain.requests import DecisionRequest, FeedbackRequest, MessageRequest
from intake.domain.subjects import SubjectIndex
from intake.domain.submission import complaint_id_for_submission
from intake.domain.tracking import new_tracking_number
from intake.usecases import (
    ConcurrentChange,
    CustomerService,
    FilingService,
    IdempotencyKeyReused,
    NotFound,
    Refused,
    TooManyLookups,
)
from prometheus_client import CollectorRegistry

from tests.support.builders import make_submission
from tests.support.caused import PublishedWithTheWrite

from .fakes import PEPPER, FakeIntakeStore, FakeKeyStore, FixedClock

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
FREE_FAILURES = 3
FILING: dict[str, Any] = {
    "language": "be",
    "customer": {"name": "Алеся Кузьміч", "email": "alesia@example.org"},
    "title": "Грошы не вярнулі",
    "description": "Заказ №123 адменены, грошы не вярнулі 😞",
    "attachments": [{"name": "чэк.pdf", "media_type": "application/pdf", "content_base64": "JVBERi0xLjQ="}],
}


class Intake:
    """Both services over one fake store, with counters for what they notify and count."""

    def __init__(self) -> None:
        self.store = FakeIntakeStore()
        self.keys = FakeKeyStore()
        self.subjects = SubjectIndex(PEPPER)
        self.clock = FixedClock(NOW)
        self.registry = CollectorRegistry()
        self.notified = 0
        metrics = IntakeMetrics(self.registry)
        self.submitted = PublishedWithTheWrite()
        self.filing = FilingService(store=self.store, clock=self.clock, limits=IntakeLimits(), notify=self.notify,
                                    submitted=self.submitted,
                                    metrics=metrics, keys=self.keys, subjects=self.subjects)
        self.customers = CustomerService(
            store=self.store, clock=self.clock, notify=self.notify, metrics=metrics, keys=self.keys,
            lookups=LookupGuard(policy=LookupPolicy(free_failures=FREE_FAILURES), client_failures_per_minute=10,
                                number_failures_per_hour=100))

    def notify(self) -> None:
        self.notified += 1

    def count(self, name: str, **labels: str) -> float:
        return self.registry.get_sample_value(name, labels) or 0.0

    async def file(self, filing: dict[str, Any] | None = None, key: str | None = None):
        return await self.filing.file(body=json.dumps(filing or FILING).encode(), idempotency_key=key)

    async def page(self, receipt, **kwargs: Any):
        return await self.customers.status(tracking_number=receipt.tracking_number, access_code=receipt.access_code,
                                           client="198.51.100.7", **kwargs)

    async def act(self, receipt, request):
        return await self.customers.act(tracking_number=receipt.tracking_number, access_code=receipt.access_code,
                                        client="198.51.100.7", request=request)

    async def progress(self, receipt, *events) -> None:
        complaint_id = receipt.complaint_id
        await self.customers.follow(events=[e.model_copy(update={"complaint_id": complaint_id}) for e in events])


@pytest.fixture
def intake() -> Intake:
    return Intake()


def routed(**changes: Any) -> ComplaintRouted:
    return ComplaintRouted(complaint_id="c-0123456789abcdef", department="customer_support", team="support-1",
                           rules_version="1", kind="complaint", category="billing", priority="medium",
                           regime="none", time=NOW + timedelta(minutes=1), **changes)


def proposal() -> ResolutionProposed:
    return ResolutionProposed(complaint_id="c-0123456789abcdef", proposal_id="prop-1", by="emp-0042",
                              summary="Вернем 49.99 BYN", time=NOW + timedelta(days=1),
                              remedies=[{"kind": "refund", "amount": {"amount": "49.99", "currency": "BYN"}}])


async def test_a_filing_is_stored_with_its_files_and_announced_once(intake: Intake) -> None:
    filed = await intake.file()
    assert not filed.replayed
    receipt = filed.receipt
    assert receipt.access_code and receipt.status_url == f"/v1/complaints/{receipt.tracking_number}"
    assert (receipt.received_at, receipt.language) == (NOW, Language.BE)
    [event] = intake.store.queued()
    assert isinstance(event, ComplaintReceived) and event.tracking_number == receipt.tracking_number
    [attachment] = event.attachments
    assert intake.store.attachments[attachment.attachment_id].content == b"%PDF-1.4"
    assert intake.notified == 1
    assert intake.count("complaints_intake_received_total", channel="web", path="http") == 1


async def test_the_access_code_opens_the_status_page_in_the_complaints_language(intake: Intake) -> None:
    receipt = (await intake.file()).receipt
    page = await intake.page(receipt)
    assert (page.status, page.language) == ("received", Language.BE)
    assert (await intake.page(receipt, language=Language.EN)).language == Language.EN


async def test_a_retry_with_the_same_key_answers_with_the_same_complaint_and_no_code(intake: Intake) -> None:
    first = await intake.file(key="retry-1")
    again = await intake.file(key="retry-1")
    assert again.replayed and again.receipt.access_code is None
    assert again.receipt.tracking_number == first.receipt.tracking_number
    assert len(intake.store.complaints) == 1
    with pytest.raises(IdempotencyKeyReused):
        await intake.file(FILING | {"title": "Іншая скарга"}, key="retry-1")


async def test_filings_under_way_together_share_their_key_look_up_and_their_insert_and_look_for_no_retry(
        intake: Intake) -> None:
    customers = [FILING | {"customer": FILING["customer"] | {"email": f"customer-{n}@example.org"}} for n in range(5)]

    filed = await asyncio.gather(*(intake.file(filing, key=f"key-{n}") for n, filing in enumerate(customers)))

    assert len({f.receipt.complaint_id for f in filed}) == len(intake.store.complaints) == 5
    assert intake.store.idempotency_batches == []  # a retry is found by the insert, not looked for before it
    assert intake.keys.batches == [5] and intake.store.filed_batches == [5]
    assert intake.notified == 5


async def test_in_one_batch_a_taken_number_is_drawn_again_and_a_retry_answers_with_the_first(intake: Intake) -> None:
    taken = (await intake.file()).receipt.tracking_number
    fresh = [new_tracking_number(), new_tracking_number(), new_tracking_number()]
    draws = iter([taken, fresh[0], fresh[1], fresh[2]])
    intake.filing.draw_tracking_number = lambda: next(draws)
    intake.store.filed_batches.clear()

    drawn_again, first, retry = await asyncio.gather(intake.file(key="other"), intake.file(key="same"),
                                                     intake.file(key="same"))

    assert drawn_again.receipt.tracking_number not in (taken, first.receipt.tracking_number)
    assert retry.replayed and retry.receipt.tracking_number == first.receipt.tracking_number
    assert intake.store.filed_batches[0] == 3 and len(intake.store.complaints) == 3


async def test_an_invalid_filing_names_every_problem_and_counts_them(intake: Intake) -> None:
    with pytest.raises(InvalidComplaint) as invalid:
        await intake.file(FILING | {"title": " ", "customer": {"name": "A", "email": "alesia@"}})
    assert {(p.field, p.code) for p in invalid.value.problems} == {("title", "missing"),
                                                                   ("customer.email", "bad_email")}
    assert intake.count("complaints_intake_rejected_total", reason="bad_email", path="http") == 1
    assert intake.store.complaints == {}


async def test_a_taken_tracking_number_is_drawn_again(intake: Intake) -> None:
    taken = (await intake.file()).receipt.tracking_number
    fresh = new_tracking_number()
    draws = iter([taken, fresh])
    intake.filing.draw_tracking_number = lambda: next(draws)
    assert (await intake.file()).receipt.tracking_number == fresh


async def test_valid_submissions_are_stored_once_and_invalid_ones_refused_after(intake: Intake) -> None:
    valid, invalid = make_submission(), make_submission(title=" ")
    with pytest.raises(PermanentError, match="title: missing"):
        await intake.filing.accept_submissions(submissions=[valid, invalid])
    await intake.filing.accept_submissions(submissions=[valid])
    complaint_id = complaint_id_for_submission(source_system=valid.source_system,
                                               external_reference=valid.external_reference)
    assert list(intake.store.complaints) == [complaint_id]
    assert [e.complaint_id for e in intake.store.queued()] == [complaint_id]
    # What they caused is published after each write (the relay is not woken), for a redelivery again.
    assert intake.submitted.asked == [[complaint_id], [complaint_id]] and intake.notified == 0
    assert intake.count("complaints_intake_received_total", channel="phone", path="kafka") == 1
    assert intake.store.complaints[complaint_id].complaint.access_code_hash is None


@pytest.mark.parametrize("jurisdiction", ["XX", "US-ZZ", "GB-XYZ"])
async def test_a_submission_under_no_real_jurisdiction_is_refused_for_the_dead_letters(intake: Intake,
                                                                                     jurisdiction: str) -> None:
    with pytest.raises(PermanentError, match="^jurisdiction: unknown_value$"):
        await intake.filing.accept_submissions(submissions=[make_submission(jurisdiction=jurisdiction)])
    assert intake.store.complaints == {}
    assert intake.count("complaints_intake_rejected_total", reason="unknown_value", path="kafka") == 1


async def test_a_submission_whose_tracking_number_is_taken_is_drawn_again(intake: Intake) -> None:
    taken = (await intake.file()).receipt.tracking_number
    fresh = new_tracking_number()
    draws = iter([taken, fresh])
    intake.filing.draw_tracking_number = lambda: next(draws)
    submission = make_submission()
    await intake.filing.accept_submissions(submissions=[submission])
    stored = [s.complaint for s in intake.store.complaints.values() if s.complaint.received.source_system]
    assert [c.tracking_number for c in stored] == [fresh]


async def test_a_wrong_code_is_not_found_and_a_guesser_must_wait_while_the_customer_gets_in(intake: Intake) -> None:
    receipt = (await intake.file()).receipt
    for _ in range(FREE_FAILURES + 1):
        with pytest.raises(NotFound):
            await intake.customers.status(tracking_number=receipt.tracking_number, access_code="0000-0000-0000-0000",
                                          client="198.51.100.9")
    with pytest.raises(TooManyLookups) as limited:
        await intake.customers.status(tracking_number=receipt.tracking_number, access_code=receipt.access_code,
                                      client="198.51.100.9")
    assert limited.value.retry_after >= 1
    assert intake.count("complaints_intake_rate_limited_total", budget="lookup_failures") == 1
    assert (await intake.page(receipt)).status == "received"  # from another address: not locked out


@pytest.mark.parametrize("tracking_number", ["known", "CMP-0000-0000-0", "not a tracking number"])
async def test_every_failed_lookup_hashes_the_typed_code_once_whether_or_not_the_number_exists(
        intake: Intake, monkeypatch: pytest.MonkeyPatch, tracking_number: str) -> None:
    receipt = (await intake.file()).receipt
    hashed: list[str] = []
    digest = access._digest

    def spy(normalised_code: str, salt: bytes) -> bytes:
        hashed.append(normalised_code)
        return digest(normalised_code, salt)

    monkeypatch.setattr(access, "_digest", spy)
    number = receipt.tracking_number if tracking_number == "known" else tracking_number
    with pytest.raises(NotFound):
        await intake.customers.status(tracking_number=number, access_code="7K3Q-9XWA-F2MB-HT4C", client="192.0.2.1")
    assert hashed == ["7K3Q9XWAF2MBHT4C"]


async def test_a_customer_message_is_recorded_and_announced(intake: Intake) -> None:
    receipt = (await intake.file()).receipt
    page = await intake.act(receipt, MessageRequest(text="Дзе мае грошы?"))
    assert page.timeline[-1].milestone == "customer_replied"
    message = intake.store.queued()[-1]
    assert isinstance(message, CustomerMessageReceived) and message.text == "Дзе мае грошы?"
    assert intake.count("complaints_intake_customer_actions_total", action="reply", outcome="accepted") == 1
    assert (await intake.page(receipt)).timeline[-1].milestone == "customer_replied"


async def test_an_action_the_state_does_not_allow_is_refused_with_what_is_allowed(intake: Intake) -> None:
    receipt = (await intake.file()).receipt
    with pytest.raises(Refused) as refused:
        await intake.act(receipt, FeedbackRequest(satisfaction=5))
    assert refused.value.refusal.code == "not_resolved"
    assert refused.value.allowed == ["reply", "withdraw", "ask_escalation"]
    assert refused.value.status_text == "Мы атрымалі вашу скаргу."
    assert intake.count("complaints_intake_customer_actions_total", action="give_feedback", outcome="refused") == 1
    assert len(intake.store.queued()) == 1


async def test_an_action_is_retried_on_a_fresh_read_when_the_complaint_changed(intake: Intake,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    receipt = (await intake.file()).receipt
    await intake.progress(receipt, routed(), proposal())
    intake.clock.now = NOW + timedelta(days=2)
    writes = 0
    record_action = intake.store.record_action

    async def changed_once(**kwargs: Any) -> bool:
        nonlocal writes
        writes += 1
        return False if writes == 1 else await record_action(**kwargs)

    monkeypatch.setattr(intake.store, "record_action", changed_once)
    page = await intake.act(receipt, DecisionRequest(proposal_id="prop-1", decision="accepted"))
    assert (writes, page.status) == (2, "resolution_accepted")


async def test_an_action_gives_up_when_the_complaint_keeps_changing(intake: Intake,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    receipt = (await intake.file()).receipt

    async def always_changed(**kwargs: Any) -> bool:
        return False

    monkeypatch.setattr(intake.store, "record_action", always_changed)
    with pytest.raises(ConcurrentChange):
        await intake.act(receipt, MessageRequest(text="Вы тут?"))


async def test_progress_reaches_the_timeline_once_and_strangers_are_parked(intake: Intake) -> None:
    receipt = (await intake.file()).receipt
    assigned = routed()
    await intake.progress(receipt, assigned)
    await intake.progress(receipt, assigned)
    stranger = routed()
    await intake.customers.follow(events=[stranger])
    page = await intake.page(receipt)
    assert [item.milestone for item in page.timeline] == ["received", "assigned"]
    assert page.handled_by is not None
    assert list(intake.store.unmatched) == [stranger.dedupe_key]
    assert intake.count("complaints_intake_unmatched_events_total") == 1


async def test_the_published_process_is_in_the_asked_language(intake: Intake) -> None:
    steps = await intake.customers.process(language=Language.RU)
    assert [s.state for s in steps] == ["next"] * len(steps)
    assert steps[0].stage == "receipt" and re.search("[А-Яа-я]", steps[0].title)
