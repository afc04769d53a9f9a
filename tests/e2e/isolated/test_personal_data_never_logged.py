"""No personal data in logs or metrics: complaints filed over HTTP and over Kafka carry a distinctive random marker
in every field the contracts mark personal; the customers write, reject, ask, withdraw, rate and ask for a new
access code, staff look them up by e-mail and phone and work one to closure; invalid filings carry markers too.
Then every line every process of the suite logged, and every /metrics page, is searched for the markers (the mail
sink's mailbox is not a log: mails are meant to name the customer)."""

import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field

import complaint_contracts
import httpx
import pytest
from complaint_contracts import topics
from complaint_contracts.types import PERSONAL_DATA_KEY
from complaints_cli.staff_client import bearer
from complaints_cli.suite import Suite
from complaints_cli.suite.processes import PROCESSES
from pydantic import BaseModel

from tests.e2e import journey
from tests.e2e.journey import Customer, Staff
from tests.support.suite import running_suite


@pytest.fixture(scope="module")
def suite(request: pytest.FixtureRequest) -> Iterator[Suite]:
    """A suite of its own, so that its logs hold this module's run and nothing else."""
    with running_suite(request, prefix="complaints-personal-data-") as running:
        yield running


@dataclass
class Markers:
    """Distinctive random strings, each put in one personal field: `needles` maps which customer's field to what
    must never show in a log or a metric (an e-mail's local part, a phone's digits); `fields` names the contract
    fields given one."""

    needles: dict[str, str] = field(default_factory=dict)
    fields: set[str] = field(default_factory=set)

    def text(self, label: str, field_name: str, value: str = "") -> str:
        value = value or f"zq{secrets.token_hex(7)}"
        self.needles[label] = value
        self.fields.add(field_name)
        return value

    def phone(self, label: str) -> str:
        return "+" + self.text(label, "phone", f"37529{secrets.choice('123456789')}{secrets.randbelow(10**6):06d}")

    def access_code(self, label: str, code: str) -> None:
        self.text(label, "access_code", code)
        self.needles[f"{label}, without dashes"] = code.replace("-", "")


def details(markers: Markers, who: str) -> dict[str, object]:
    """A complaint with a marker in each of its personal fields (the employee's id only travels in submissions)."""
    def say(what: str, field_name: str) -> str:
        return markers.text(f"{who}: {what}", field_name)

    return {"title": f"Parcel never arrived {say('title', 'title')}", "jurisdiction": "GB", "language": "en",
            "description": f"My parcel never arrived. {say('description', 'description')}",
            "desired_remedy": "refund",
            "desired_remedy_details": f"My money back {say('remedy details', 'desired_remedy_details')}",
            "order_reference": say("order reference", "order_reference"),
            "about_employee_name": f"Driver {say('employee name', 'about_employee_name')}",
            "customer": {"name": f"Sam {say('name', 'name')}", "email": f"{say('e-mail', 'email')}@example.org",
                         "phone": markers.phone(f"{who}: phone"), "preferred_channel": "email",
                         "postal_address": f"1 {say('postal address', 'postal_address')} Street, Leeds",
                         "customer_ref": say("customer reference", "customer_ref")}}


def file_over_http(suite: Suite, markers: Markers) -> Customer:
    body = details(markers, "HTTP filer")
    answer = httpx.post(f"{suite.url('intake')}/v1/complaints", json=body, timeout=15)
    assert answer.status_code == 201, answer.text
    receipt = answer.json()
    markers.access_code("HTTP filer: access code", receipt["access_code"])
    return Customer(suite=suite, complaint_id=receipt["complaint_id"], tracking_number=receipt["tracking_number"],
                    access_code=receipt["access_code"], email=f"{markers.needles['HTTP filer: e-mail']}@example.org")


def mailed_code(suite: Suite, address: str, markers: Markers, label: str, *, other_than: str = "") -> str:
    """The access code mailed to the address (the events carry it sealed)."""
    def look() -> str | None:
        codes = [found.group(1) for mail in journey.mails(suite) if address in mail.to
                 and (found := re.search(r"Access code: (\S+)", mail.text))]
        return next((code for code in codes if code != other_than), None)

    code = journey.wait_until(look, what=f"{label} mailed")
    markers.access_code(label, code)
    return code


def submit_over_kafka(suite: Suite, markers: Markers) -> Customer:
    submitted = journey.submission(**details(markers, "Kafka submitter"), issue_access_code=True,
                                   about_employee=markers.text("Kafka submitter: employee id", "about_employee"))
    journey.submit(suite, submitted)
    received = journey.received_submission(suite, submitted)
    address = submitted.customer.email or ""
    code = mailed_code(suite, address, markers, "Kafka submitter: access code")
    return Customer(suite=suite, complaint_id=received.complaint_id, tracking_number=received.tracking_number,
                    access_code=code, email=address)


def file_invalid(suite: Suite, markers: Markers) -> None:
    """A filing and a submission refused for their shape: the refusal must not log what they said."""
    body = details(markers, "refused filer")
    body["customer"] |= {"phone": f"call {markers.text('refused filer: bad phone', 'phone')}"}
    assert httpx.post(f"{suite.url('intake')}/v1/complaints", json=body, timeout=15).status_code == 422
    refused = journey.submission(**details(markers, "refused submitter"), occurred_at="2999-01-01T00:00:00Z")
    journey.submit(suite, refused)
    journey.wait_until(lambda: any(dict(r.headers).get("ce_id") == str(refused.id).encode()
                                   for r in journey.records(suite, topics.dlq(topics.SUBMISSIONS))),
                       what="the refused submission dead-lettered")


def work_to_closure(suite: Suite, customer: Customer, markers: Markers) -> None:
    """The HTTP filer writes, rejects a proposal with a reason, accepts the next, rates the handling and asks to
    reopen; an agent of the team it was routed to works it to closure."""
    cid, say = customer.complaint_id, markers.text
    agent = Staff(suite, team=journey.routed(suite, cid).team, sub="emp-e2e-personal-data")
    agent.wait_case(cid)
    customer.act("messages", text=f"Any news? {say('HTTP filer: message', 'text')}")
    agent.act(cid, "investigation")
    # What staff write to the customer is personal too (a greeting by name, a quoted detail).
    agent.act(cid, "information-requests", question=f"Which branch? {say('agent: question', 'question')}")
    agent.act(cid, "investigation/resumption")
    agent.act(cid, "notes", text=f"We are on it. {say('agent: public note', 'text')}", public=True)
    agent.act(cid, "proposals", summary=f"We send a replacement parcel. {say('agent: proposal', 'summary')}",
              remedies=[{"kind": "replacement"}])
    first = customer.wait_status(lambda p: p["open_proposal"] is not None, what="a proposal")["open_proposal"]
    customer.act("decision", proposal_id=first["proposal_id"], decision="rejected",
                 reason=f"I want my money back. {say('HTTP filer: rejection reason', 'reason')}")
    agent.wait_case(cid, lambda c: c["state"] == "rejected", what="the proposal rejected")
    agent.act(cid, "proposals", summary="We refund the parcel in full.",
              remedies=[{"kind": "refund", "amount": {"amount": "35.00", "currency": "GBP"}}])
    second = customer.wait_status(lambda p: p["open_proposal"] not in (None, first),
                                  what="the second proposal")["open_proposal"]
    customer.act("decision", proposal_id=second["proposal_id"], decision="accepted")
    agent.wait_case(cid, lambda c: c["state"] == "accepted", what="the second proposal accepted")
    agent.act(cid, "implementation", details="Refund sent")
    agent.act(cid, "resolution", outcome="upheld",
              final_response=f"We have refunded you in full. {say('agent: final response', 'final_response')}")
    agent.act(cid, "closure", close_reason="resolved")
    customer.wait_status(lambda p: p["status"] == "closed", what="closed")
    customer.act("feedback", satisfaction=2, comment=f"Slow. {say('HTTP filer: feedback comment', 'comment')}")
    customer.act("reopening", reason=f"No refund yet. {say('HTTP filer: reopening reason', 'reason')}")
    agent.wait_case(cid, lambda c: c["reopen_count"] == 1, what="reopened at the customer's request")


def write_escalate_withdraw(suite: Suite, customer: Customer, markers: Markers) -> None:
    """The Kafka submitter follows the complaint with the code they were sent: writes, asks for escalation,
    withdraws."""
    say = markers.text
    journey.routed(suite, customer.complaint_id)
    customer.act("messages", text=f"Here is the receipt. {say('Kafka submitter: message', 'text')}")
    customer.act("escalation", reason=f"Nobody answers. {say('Kafka submitter: escalation reason', 'reason')}")
    customer.act("withdrawal", reason=f"Sorted it myself. {say('Kafka submitter: withdrawal reason', 'reason')}")
    Staff(suite, role="admin").wait_case(customer.complaint_id, lambda c: c["state"] == "closed",
                                         what="closed as withdrawn")


def look_up(suite: Suite, customer: Customer, markers: Markers) -> None:
    """Staff find the HTTP filer's complaint by their e-mail, phone and words; the customer asks for a new access
    code with their e-mail (the last step: its mail is sent after everything before it)."""
    staff = Staff(suite, role="admin")
    contact = {"email": customer.email, "phone": f"+{markers.needles['HTTP filer: phone']}",
               "text": markers.needles["HTTP filer: description"]}
    for key, value in contact.items():
        answer = httpx.post(f"{staff.url}/cases/search", json={key: value}, headers=bearer(staff.token), timeout=15)
        assert [c["complaint_id"] for c in answer.json()["items"]] == [customer.complaint_id], (key, answer.text)
    answer = httpx.post(f"{suite.url('intake')}/v1/access-code-requests", timeout=15,
                        json={"tracking_number": customer.tracking_number, "email": customer.email})
    assert answer.status_code == 202, answer.text
    mailed_code(suite, customer.email, markers, "HTTP filer: new access code", other_than=customer.access_code)
    row = journey.fact_row_when(suite, customer.complaint_id,
                                lambda r: bool(r["satisfaction"]) and r["reopen_count"] == "1",
                                what="the rated, reopened complaint in facts")
    assert (row["satisfaction"], row["reopen_count"]) == ("2", "1")


@dataclass
class Observed:
    """The markers, every line of each log file of the run (by file name), and each process's /metrics page."""

    markers: Markers
    logs: dict[str, list[str]]
    metrics: dict[str, str]


@pytest.fixture(scope="module")
def observed(suite: Suite) -> Observed:
    """The journeys run; the metrics scraped; the suite stopped (its last words logged too); the logs read."""
    markers = Markers()
    http, kafka = file_over_http(suite, markers), submit_over_kafka(suite, markers)
    file_invalid(suite, markers)
    work_to_closure(suite, http, markers)
    write_escalate_withdraw(suite, kafka, markers)
    look_up(suite, http, markers)
    metrics = {}
    for name in PROCESSES:
        answer = httpx.get(f"{suite.url(name)}/metrics/", timeout=15)
        assert answer.status_code == 200, (name, answer.text)
        metrics[name] = answer.text
    suite.stop()
    logs = {path.name: path.read_text(encoding="utf-8", errors="replace").splitlines()
            for path in sorted(suite.logs.iterdir())}
    return Observed(markers, logs, metrics)


def found(needles: dict[str, str], lines: dict[str, list[str]]) -> list[str]:
    """Where each needle shows (case-insensitive): `source:line: label`, with the line cut short."""
    patterns = {label: re.compile(re.escape(needle), re.IGNORECASE) for label, needle in needles.items()}
    return [f"{source}:{number}: {label} in {line[:300]}" for source, content in lines.items()
            for number, line in enumerate(content, start=1) for label, pattern in patterns.items()
            if pattern.search(line)]


def test_every_field_a_contract_marks_personal_got_a_marker(observed: Observed):
    models = [m for m in vars(complaint_contracts).values() if isinstance(m, type) and issubclass(m, BaseModel)]
    personal = {name for model in models for name, info in model.model_fields.items()
                if isinstance(info.json_schema_extra, dict) and info.json_schema_extra.get(PERSONAL_DATA_KEY)}

    assert sorted(personal - observed.markers.fields) == [], "personal fields no journey filled"


def test_no_log_line_of_any_process_holds_personal_data(observed: Observed):
    assert {"intake.log", "routing.log", "resolution.log", "notification.log", "analytics.log", "web.log",
            "smtp.log"} <= set(observed.logs)
    assert sum(map(len, observed.logs.values())) > 0

    leaks = found(observed.markers.needles, observed.logs)

    assert leaks == [], "personal data in the logs:\n" + "\n".join(leaks)


def test_no_metric_of_any_service_holds_personal_data(observed: Observed):
    leaks = found(observed.markers.needles, {name: page.splitlines() for name, page in observed.metrics.items()})

    assert leaks == [], "personal data in the metrics:\n" + "\n".join(leaks)
