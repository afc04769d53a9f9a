"""The steps of a complaint's journey through the running suite, shared by the end-to-end tests.

A customer files and follows a complaint through intake (tracking number + access code), staff work the case
through resolution's API with signed tokens, and the tests watch the topics, the mailbox and analytics. Every
wait polls with a deadline and fails with what it last saw.
"""

import asyncio
import csv
import email
import email.policy
import io
import mailbox
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

import httpx
import jwt
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from babel.dates import format_date, get_timezone
from complaint_contracts import (
    ComplaintReceived,
    ComplaintRouted,
    ComplaintSubmission,
    Event,
    KafkaRecord,
    from_kafka,
    to_kafka,
    topics,
)
from complaints_cli.suite import Suite

T = TypeVar("T")
WAIT = 45.0
"""Seconds any one asynchronous step may take on a busy two-core machine."""

FCA_FINAL_RESPONSE = (
    "This is our final response to your complaint. We are sorry that your account was closed without notice; "
    "it has been reopened and we have paid you the goodwill amount we offered. If you remain dissatisfied, you "
    "may refer your complaint to the Financial Ombudsman Service, free of charge, within six months of the date "
    "of this final response: www.financial-ombudsman.org.uk or 0800 023 4567. The enclosed leaflet explains how."
)
"""A final response carrying everything FCA DISP 1.6 makes mandatory."""


def wait_until(check: Callable[[], T | None], *, what: str, timeout: float = WAIT, interval: float = 0.25) -> T:
    """Poll `check` until it returns something truthy and return that; fail naming `what` otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout:.0f} s")
        time.sleep(interval)


def wait_for(get: Callable[[], T], check: Callable[[T], bool], *, what: str, timeout: float = WAIT,
             interval: float = 0.5) -> T:
    """Poll `get` until its value passes `check` and return that value."""
    def look() -> tuple[T] | None:
        value = get()
        return (value,) if check(value) else None

    return wait_until(look, what=what, timeout=timeout, interval=interval)[0]


def unique_email(label: str) -> str:
    return f"{label}-{uuid.uuid4().hex[:10]}@example.org"


# --- the customer ---------------------------------------------------------------------------------------------


@dataclass
class Mail:
    to: str
    subject: str
    text: str


@dataclass
class Customer:
    """A customer who filed a complaint over HTTP and follows it with the tracking number and access code."""

    suite: Suite
    complaint_id: str
    tracking_number: str
    access_code: str
    email: str

    def _url(self, action: str = "") -> str:
        return f"{self.suite.url('intake')}/v1/complaints/{self.tracking_number}{action}"

    def status(self) -> dict[str, Any]:
        answer = httpx.get(self._url(), headers={"X-Access-Code": self.access_code}, timeout=10)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def wait_status(self, check: Callable[[dict[str, Any]], bool], *, what: str,
                    timeout: float = WAIT) -> dict[str, Any]:
        """Poll the status page until `check` holds for it."""
        def look() -> dict[str, Any] | None:
            page = self.status()
            return page if check(page) else None

        return wait_until(look, what=f"status page of {self.tracking_number}: {what}", timeout=timeout)

    def attempt(self, action: str, **body: Any) -> httpx.Response:
        """POST a customer action (`messages`, `decision`, `feedback`, `withdrawal`, `escalation`)."""
        return httpx.post(self._url(f"/{action}"), json=body, headers={"X-Access-Code": self.access_code},
                          timeout=10)

    def act(self, action: str, **body: Any) -> dict[str, Any]:
        answer = self.attempt(action, **body)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def mails(self) -> list[Mail]:
        return [m for m in mails(self.suite) if m.to == self.email]

    def wait_mail(self, subject: str, *, timeout: float = WAIT) -> Mail:
        """The first mail to the customer whose subject contains `subject`."""
        return wait_until(lambda: next((m for m in self.mails() if subject in m.subject), None),
                          what=f"mail '{subject}' to the customer of {self.tracking_number}", timeout=timeout)


def filing(*, title: str, description: str, email_address: str, language: str = "en", jurisdiction: str = "GB",
           product: str | None = None, consent_marketing: bool = False, name: str = "Sam Carter") -> dict[str, Any]:
    """The JSON body of an HTTP filing."""
    body: dict[str, Any] = {
        "language": language, "jurisdiction": jurisdiction, "title": title, "description": description,
        "customer": {"name": name, "email": email_address, "consent_marketing": consent_marketing},
    }
    if product is not None:
        body["product"] = product
    return body


def file_complaint(suite: Suite, *, title: str, description: str, email_address: str | None = None,
                   **fields: Any) -> Customer:
    """File a complaint over HTTP and return the customer holding its receipt."""
    address = email_address or unique_email("customer")
    answer = httpx.post(f"{suite.url('intake')}/v1/complaints", timeout=15,
                        json=filing(title=title, description=description, email_address=address, **fields))
    assert answer.status_code == 201, answer.text
    receipt = answer.json()
    assert receipt["access_code"], receipt
    return Customer(suite=suite, complaint_id=receipt["complaint_id"], tracking_number=receipt["tracking_number"],
                    access_code=receipt["access_code"], email=address)


def milestones(page: dict[str, Any]) -> list[str]:
    return [item["milestone"] for item in page["timeline"]]


# --- the mailbox ----------------------------------------------------------------------------------------------


def mails(suite: Suite) -> list[Mail]:
    """Every mail the SMTP sink kept so far, decoded."""
    found = []
    for stored in mailbox.Maildir(suite.mailbox, factory=None, create=False):
        message = email.message_from_bytes(stored.as_bytes(), policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        found.append(Mail(to=str(message["To"]), subject=str(message["Subject"]),
                          text=body.get_content() if body is not None else ""))
    return found


def deadline_day(due_at: datetime, *, locale: str = "en_GB", time_zone: str = "Europe/London") -> str:
    """The calendar day of a deadline as a mail to a customer of that locale writes it."""
    return format_date(due_at.astimezone(get_timezone(time_zone)), "long", locale=locale)


# --- the staff ------------------------------------------------------------------------------------------------


class Staff:
    """An employee working cases through resolution's API with a token signed like the identity provider's."""

    def __init__(self, suite: Suite, *, role: str | list[str] = "agent", team: str | list[str] | None = None,
                 department: str | list[str] | None = None, sub: str = "emp-e2e") -> None:
        claims: dict[str, Any] = {"sub": sub, "role": role, "exp": int(time.time()) + 3600}
        claims.update({k: v for k, v in (("team", team), ("department", department)) if v is not None})
        token = jwt.encode(claims, suite.resolution_jwt_secret, algorithm="HS256")
        self.client = httpx.Client(base_url=suite.url("resolution"), timeout=15,
                                   headers={"Authorization": f"Bearer {token}"})

    def get(self, complaint_id: str) -> httpx.Response:
        return self.client.get(f"/cases/{complaint_id}")

    def case(self, complaint_id: str) -> dict[str, Any]:
        answer = self.get(complaint_id)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def wait_case(self, complaint_id: str, check: Callable[[dict[str, Any]], bool] = lambda _: True, *,
                  what: str = "opened", timeout: float = WAIT) -> dict[str, Any]:
        """Poll the case (404 until routing's decision opened it) until `check` holds."""
        def look() -> dict[str, Any] | None:
            answer = self.get(complaint_id)
            if answer.status_code == 404:
                return None
            assert answer.status_code == 200, answer.text
            case = answer.json()
            return case if check(case) else None

        return wait_until(look, what=f"case {complaint_id}: {what}", timeout=timeout)

    def attempt(self, complaint_id: str, action: str, **body: Any) -> httpx.Response:
        """POST an action at the case's current version; a customer event landing meanwhile is retried."""
        for _ in range(5):
            version = self.case(complaint_id)["version"]
            answer = self.client.post(f"/cases/{complaint_id}/{action}", json={"version": version, **body})
            if answer.status_code != 409 or answer.json().get("type") != "/problems/version-conflict":
                return answer
        return answer

    def act(self, complaint_id: str, action: str, **body: Any) -> dict[str, Any]:
        answer = self.attempt(complaint_id, action, reason=f"e2e: {action}", **body)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def shift_clock(self, seconds: float) -> dict[str, Any]:
        """Move resolution's clock (admins, with clock control on); the deadline scan runs at once."""
        answer = self.client.post("/admin/clock", json={"seconds": seconds})
        assert answer.status_code == 200, answer.text
        return answer.json()

    def clock(self) -> datetime:
        answer = self.client.get("/admin/clock")
        assert answer.status_code == 200, answer.text
        return datetime.fromisoformat(answer.json()["now"])


# --- the topics -----------------------------------------------------------------------------------------------


async def _records(bootstrap: str, topic: str, timeout: float) -> list[ConsumerRecord]:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        deadline = time.monotonic() + timeout
        appears_by = time.monotonic() + 3.0
        while not (parts := consumer.partitions_for_topic(topic)):
            if time.monotonic() > appears_by:
                return []  # nobody has written to the topic yet
            await consumer._client.force_metadata_update()
            await asyncio.sleep(0.2)
        partitions = [TopicPartition(topic, p) for p in sorted(parts)]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        found: list[ConsumerRecord] = []
        behind = [p for p in partitions if ends[p] > 0]
        while behind:
            if time.monotonic() > deadline:
                raise AssertionError(f"could not read {topic} to its end within {timeout:.0f} s")
            for batch in (await consumer.getmany(*behind, timeout_ms=500)).values():
                found.extend(batch)
            behind = [p for p in behind if await consumer.position(p) < ends[p]]
        return found
    finally:
        await consumer.stop()


def records(suite: Suite, topic: str, *, timeout: float = 20.0) -> list[ConsumerRecord]:
    """Every record on the topic so far (an absent topic has none)."""
    return asyncio.run(_records(suite.kafka_bootstrap, topic, timeout))


def events(suite: Suite, topic: str, kind: type[Event] | None = None, *,
           about: Iterable[str] | str | None = None) -> list[Any]:
    """The decoded events on the topic so far, of one type and about some complaints if asked."""
    wanted = {about} if isinstance(about, str) else set(about) if about is not None else None
    decoded = [from_kafka(topic, r.value, r.headers) for r in records(suite, topic)]
    return [e for e in decoded if (kind is None or isinstance(e, kind))
            and (wanted is None or getattr(e, "complaint_id", None) in wanted)]


def wait_event(suite: Suite, topic: str, kind: type[T], *, about: str, check: Callable[[T], bool] = lambda _: True,
               what: str | None = None, timeout: float = WAIT) -> T:
    """The first event of this type about the complaint that passes `check`."""
    return wait_until(
        lambda: next((e for e in events(suite, topic, kind, about=about) if check(e)), None),  # type: ignore[arg-type]
        what=what or f"{kind.__name__} about {about} on {topic}", timeout=timeout, interval=0.5)


def routed(suite: Suite, complaint_id: str, *, timeout: float = WAIT) -> ComplaintRouted:
    """Routing's decision about the complaint."""
    return wait_event(suite, topics.ROUTING, ComplaintRouted, about=complaint_id, timeout=timeout)


async def _produce(bootstrap: str, topic: str, records: list[KafkaRecord]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        for record in records:
            await producer.send_and_wait(topic, record.value, key=record.key, headers=record.headers)
    finally:
        await producer.stop()


def produce(suite: Suite, *records: KafkaRecord, topic: str = topics.SUBMISSIONS) -> None:
    """Write the records, in order, as another system would."""
    asyncio.run(_produce(suite.kafka_bootstrap, topic, list(records)))


def submission(**overrides: Any) -> ComplaintSubmission:
    """A call centre's submission of a complaint, unique by its external reference."""
    fields: dict[str, Any] = {
        "source": "/crm/callcentre", "source_system": "crm", "external_reference": f"CRM-{uuid.uuid4().hex[:12]}",
        "channel": "phone", "language": "en", "jurisdiction": "GB",
        "customer": {"name": "Robin Hale", "email": unique_email("caller"), "preferred_channel": "email"},
        "title": "Parcel arrived late", "description": "My parcel arrived two weeks late and the box was open.",
    }
    fields.update(overrides)
    return ComplaintSubmission(**fields)


def submit(suite: Suite, *submissions: ComplaintSubmission) -> None:
    produce(suite, *(to_kafka(s) for s in submissions))


def received_submission(suite: Suite, submitted: ComplaintSubmission, *, timeout: float = WAIT) -> ComplaintReceived:
    """The complaint intake recorded for a submission."""
    return wait_until(lambda: next(iter(received_for(suite, submitted)), None),
                      what=f"ComplaintReceived for submission {submitted.external_reference}", timeout=timeout,
                      interval=0.5)


def received_for(suite: Suite, submitted: ComplaintSubmission) -> list[ComplaintReceived]:
    """Every ComplaintReceived intake published for the submission's system and reference."""
    return [e for e in events(suite, topics.INTAKE, ComplaintReceived)
            if (e.source_system, e.external_reference) == (submitted.source_system, submitted.external_reference)]


# --- analytics ------------------------------------------------------------------------------------------------


def fact_row(suite: Suite, complaint_id: str) -> dict[str, str] | None:
    """The complaint's row in analytics' facts export, if analytics has it."""
    answer = httpx.get(f"{suite.url('analytics')}/v1/facts.csv", timeout=15)
    assert answer.status_code == 200, answer.text
    return next((row for row in csv.DictReader(io.StringIO(answer.text)) if row["complaint_id"] == complaint_id),
                None)
