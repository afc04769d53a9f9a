"""Erasure keeps the record and loses the person (GDPR Art. 17 with crypto-shredding).

Two customers file over HTTP and one of them also through a partner's Kafka submission (sealed by the partner with
the customer's key from intake's key API) and once more by phone
alone (another subject id, found through the phone number of the first complaint), with unique markers in every
personal field; the first complaint is worked to closure and rated, staff greeting the customer by name in a
public note and the final response (as the response templates do). After the first customer's erasure no
store, no topic and no log holds their markers in plaintext, the other customer's data is untouched and readable,
and the regulatory return and the transparency report are what they were.
"""

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from bson import json_util
from complaint_contracts import topics
from complaints_cli.staff_client import bearer, mint_staff_token
from complaints_cli.suite import Suite
from complaints_cli.suite.processes import SERVICES
from pymongo import MongoClient

from tests.e2e import journey
from tests.e2e.journey.customer import Customer
from tests.e2e.journey.staff import FCA_FINAL_RESPONSE, Staff
from tests.support.suite import running_suite

ERASED = "[erased]"


@pytest.fixture(scope="module")
def suite(request: pytest.FixtureRequest) -> Iterator[Suite]:
    """A suite of its own: its stores, topics and logs hold this module's customers only, and the open cases it
    leaves do not fill the teams other journeys expect to be routed to."""
    with running_suite(request, prefix="complaints-erasure-") as running:
        yield running


def _markers(label: str) -> dict[str, str]:
    token = uuid.uuid4().hex[:10]
    digits = str(uuid.uuid4().int)[:8]
    # A German mobile range where any eight digits make a valid number (with "+4479", ~0.5 % were not).
    return {"name": f"Zorya {label}{token}", "email": f"{label}{token}@example.org", "phone": f"+49151{digits}",
            "address": f"{token} {label} Lane, Leeds", "ref": f"CUST-{label}{token}", "order": f"ORD-{label}{token}",
            "text": f"text-{label}{token}", "token": token, "digits": digits}


def _filing(m: dict[str, str]) -> dict:
    # A credit card is under the FCA's DISP whatever the complaint is about (a current account's regime turns on
    # whether routing reads a payment problem), so the record kept after erasure is known before routing reads it.
    return {"language": "en", "jurisdiction": "GB", "product": "credit-card",
            "title": f"Credit card cancelled without notice {m['text']}-title",
            "description": f"You cancelled my credit card without any notice and nobody told me why. "
                           f"My words: {m['text']}-description.",
            "desired_remedy": "refund", "desired_remedy_details": f"Reopen it and refund the fee, {m['text']}-remedy",
            "order_reference": m["order"], "about_employee_name": f"{m['text']}-employee",
            "customer": {"name": m["name"], "email": m["email"], "phone": m["phone"],
                         "postal_address": m["address"], "customer_ref": m["ref"], "consent_marketing": True}}


def _greeting(m: dict[str, str]) -> str:
    """How a response template greets the customer: by name (`$customer_name`)."""
    return f"Dear {m['name']}, "


def _quoting_note(m: dict[str, str]) -> str:
    """An internal note quoting the customer the way staff write, not as the values are stored: the first name
    alone, a part of the address, the phone number grouped as dialled at home."""
    first, address, digits = m["name"].split()[0], m["address"].split(",")[0], m["digits"]
    return f"{first} rang from 0151 {digits[:4]} {digits[4:]}; still lives at {address}."


def _file(suite: Suite, m: dict[str, str]) -> Customer:
    answer = httpx.post(f"{suite.url('intake')}/v1/complaints", json=_filing(m), timeout=15)
    assert answer.status_code == 201, answer.text
    receipt = answer.json()
    return Customer(suite=suite, complaint_id=receipt["complaint_id"], tracking_number=receipt["tracking_number"],
                    access_code=receipt["access_code"], email=m["email"])


def _work_to_closure(suite: Suite, customer: Customer, m: dict[str, str]) -> None:
    routed = journey.routed(suite, customer.complaint_id)
    agent = Staff(suite, team=routed.team, sub="emp-erasure")
    agent.wait_case(customer.complaint_id)
    customer.act("messages", text=f"{m['text']}-message: the branch in town said the same.")
    agent.act(customer.complaint_id, "investigation")
    agent.act(customer.complaint_id, "notes", text=_greeting(m) + "we are looking into it.", public=True)
    agent.act(customer.complaint_id, "notes", text=_quoting_note(m), public=False)
    agent.act(customer.complaint_id, "proposals", summary="We reopen your account and pay £50.",
              remedies=[{"kind": "goodwill", "amount": {"amount": "50.00", "currency": "GBP"}}])
    page = customer.wait_status(lambda p: p["status"] == "decision_needed", what="a proposal")
    customer.act("decision", proposal_id=page["open_proposal"]["proposal_id"], decision="accepted",
                 reason=f"{m['text']}-reason")
    agent.wait_case(customer.complaint_id, lambda c: c["state"] == "accepted", what="accepted")
    agent.act(customer.complaint_id, "implementation", details="Account reopened; £50 paid")
    agent.act(customer.complaint_id, "resolution", outcome="upheld", final_response=_greeting(m) + FCA_FINAL_RESPONSE,
              root_cause="process")
    agent.act(customer.complaint_id, "closure", close_reason="resolved")
    customer.wait_status(lambda p: p["status"] == "closed", what="closed")
    customer.act("feedback", satisfaction=4, comment=f"{m['text']}-comment")


def _privacy(suite: Suite) -> dict[str, str]:
    return bearer(mint_staff_token(suite.resolution_jwt_secret, sub="emp-dpo", role="privacy"))


def _figures(suite: Suite) -> dict:
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    period = {"period_start": (today - timedelta(days=40)).isoformat(),
              "period_end": (today + timedelta(days=2)).isoformat()}
    compliance = bearer(mint_staff_token(suite.resolution_jwt_secret, sub="emp-comp", role="compliance"))
    returns = httpx.get(f"{suite.url('analytics')}/v1/returns/uk_fca_disp", params=period, headers=compliance,
                        timeout=15)
    transparency = httpx.get(f"{suite.url('analytics')}/v1/transparency", params=period, timeout=15)
    assert returns.status_code == transparency.status_code == 200, (returns.text, transparency.text)
    figures = {"returns": returns.json(), "transparency": transparency.json()}
    for report in figures.values():
        report.pop("generated_at", None)
    return figures


def _needles(m: dict[str, str]) -> list[str]:
    return [m["token"].lower(), m["digits"]]


def _plaintext_in_stores(suite: Suite, needles: list[str]) -> list[str]:
    found = []
    for service in SERVICES:
        client: MongoClient = MongoClient(suite.mongo_url_of(service), retryWrites=False)
        try:
            for db_name in client.list_database_names():
                if db_name in ("admin", "local", "config"):
                    continue
                for collection in client[db_name].list_collection_names():
                    for document in client[db_name][collection].find():
                        raw = json_util.dumps(document).lower()
                        found += [f"{service}:{db_name}.{collection}" for n in needles if n in raw]
        finally:
            client.close()
    return sorted(set(found))


def _plaintext_on_topics(suite: Suite, needles: list[str]) -> list[str]:
    found = []
    for topic in topics.ALL_WITH_DLQ:
        for record in journey.records(suite, topic, timeout=10):
            raw = (record.value or b"").decode(errors="replace").lower()
            found += [topic for n in needles if n in raw]
    return sorted(set(found))


def _found_by_staff(suite: Suite, text: str) -> list[str]:
    """The complaints staff search finds by the words."""
    staff = Staff(suite, role="admin")
    answer = httpx.post(f"{staff.url}/cases/search", json={"text": text}, headers=bearer(staff.token), timeout=15)
    assert answer.status_code == 200, answer.text
    return [line["complaint_id"] for line in answer.json()["items"]]


def _plaintext_in_logs(suite: Suite, needles: list[str]) -> list[str]:
    return sorted({path.name for path in suite.logs.glob("*") if path.is_file()
                   for n in needles if n in path.read_text(errors="replace").lower()})


@pytest.fixture(scope="module")
def erased_and_kept(suite: Suite):
    gone, kept = _markers("gone"), _markers("kept")
    first = _file(suite, gone)
    other = _file(suite, kept)
    submitted = journey.submission(customer={"name": gone["name"], "email": gone["email"],
                                             "preferred_channel": "email"},
                                   title=f"Card refused twice {gone['text']}-kafka-title",
                                   description=f"{gone['text']}-kafka: my card was refused twice.",
                                   desired_remedy="apology", desired_remedy_details=f"Say sorry, {gone['text']}-kafka")
    journey.submit_sealed(suite, submitted)
    by_kafka = journey.received_submission(suite, submitted)
    # The same person by phone alone: another subject id and key, found through the number the first one gave. Its
    # words differ from the first complaint's, so that routing does not link the two as possible duplicates (a link
    # from this open case would keep naming the first complaint after its record expires).
    by_phone = httpx.post(f"{suite.url('intake')}/v1/complaints", timeout=15, json=_filing(gone) | {
        "title": "Interest on my statement", "description": f"Interest was charged on a balance I paid off in full "
                                                            f"last month. Reference {gone['text']}-phone.",
        "customer": {"name": gone["name"], "phone": gone["phone"], "preferred_channel": "phone"}})
    assert by_phone.status_code == 201, by_phone.text
    _work_to_closure(suite, first, gone)
    # Closure and rating come on different topics: both must be in before the figures are taken.
    journey.fact_row_when(suite, first.complaint_id, lambda r: bool(r["satisfaction"]) and r["state"] == "closed",
                          what="the rated, closed complaint in analytics")
    other_agent = Staff(suite, team=journey.routed(suite, other.complaint_id).team, sub="emp-erasure")
    other_agent.wait_case(other.complaint_id)
    other_agent.act(other.complaint_id, "notes", text=_greeting(kept) + "we have your complaint.", public=True)
    journey.routed(suite, by_kafka.complaint_id)
    journey.routed(suite, by_phone.json()["complaint_id"])
    before = _figures(suite)
    # The status page opens what staff wrote, which travels and rests sealed with the customer's key.
    shown = [item.get("text") or "" for item in first.status()["timeline"]]
    assert sum(text.startswith(_greeting(gone)) for text in shown) == 2, shown
    assert _plaintext_in_stores(suite, _needles(gone)), "the test must see the customer's data somewhere first"
    for words in (f"{gone['text']}-title", f"{gone['text']}-remedy"):
        assert first.complaint_id in _found_by_staff(suite, words), words

    answer = httpx.post(f"{suite.url('intake')}/v1/erasure-requests", json={"email": gone["email"]},
                        headers=_privacy(suite), timeout=30)
    assert answer.status_code == 201, answer.text
    return {"gone": gone, "kept": kept, "first": first, "other": other, "by_kafka": by_kafka, "before": before,
            "erasure": answer.json()}


def test_the_erasure_covers_every_complaint_of_the_customer_and_is_audited(suite: Suite, erased_and_kept) -> None:
    erasure = erased_and_kept["erasure"]
    assert (erasure["complaints"], erasure["status"]) == (3, "completed")
    assert (erasure["keys_destroyed"], erasure["identifiers_followed"]) == (2, ["email", "phone"])
    audit = httpx.get(f"{suite.url('intake')}/v1/erasure-requests/{erasure['erasure_id']}",
                      headers=_privacy(suite), timeout=15)
    assert audit.status_code == 200, audit.text
    assert not any(n in audit.text.lower() for n in _needles(erased_and_kept["gone"]))
    assert erased_and_kept["gone"]["email"].lower() not in audit.text.lower()


def test_no_store_topic_or_log_keeps_the_erased_customer_in_plaintext(suite: Suite, erased_and_kept) -> None:
    needles = _needles(erased_and_kept["gone"])
    journey.wait_until(lambda: not _plaintext_in_stores(suite, needles) or None,
                       what="every service dropped its plaintext copies", timeout=60, interval=1.0)
    assert _plaintext_on_topics(suite, needles) == []
    assert _plaintext_in_logs(suite, needles) == []


def test_the_erased_complaint_keeps_its_record_and_shows_the_fields_as_erased(suite: Suite, erased_and_kept) -> None:
    first = erased_and_kept["first"]
    page = first.status()
    assert page["status"] == "closed"
    assert erased_and_kept["gone"]["token"] not in json.dumps(page).lower()
    # What staff wrote to them (the note and the final response greeted them by name, and the proposal) travels
    # and rests sealed with their key: with the key destroyed it reads as erased.
    assert [item["text"] for item in page["timeline"] if item.get("text")] == ["[erased]"] * 3
    # The title and the remedy in the customer's words are theirs too: erased everywhere, found by nobody.
    assert page["complaint"]["title"] == "[erased]"
    gone = erased_and_kept["gone"]
    assert _found_by_staff(suite, f"{gone['text']}-title") == _found_by_staff(suite, f"{gone['text']}-remedy") == []
    case = Staff(suite, role="admin").case(first.complaint_id)
    assert case["complaint"]["title"] == case["complaint"]["desired_remedy_details"] == "not available: erased"
    assert case["complaint"]["desired_remedy"] == "refund"
    assert [note["text"] for note in case["notes"] if not note["public"]] == [
        f"{ERASED} rang from {ERASED}; still lives at {ERASED}."]
    row = journey.fact_row(suite, first.complaint_id)
    assert row is not None and (row["regime"], row["outcome"], row["satisfaction"]) == ("uk_fca_disp", "upheld", "4")
    assert _figures(suite) == erased_and_kept["before"]


def test_the_other_customer_is_untouched_and_their_access_request_finds_them(suite: Suite, erased_and_kept) -> None:
    kept, other = erased_and_kept["kept"], erased_and_kept["other"]
    assert f"{kept['text']}-description" in json.dumps(other.status())
    shown = [item.get("text") or "" for item in other.status()["timeline"]]
    assert _greeting(kept) + "we have your complaint." in shown
    case = Staff(suite, team=journey.routed(suite, other.complaint_id).team).case(other.complaint_id)
    assert kept["name"] in json.dumps(case)
    export = httpx.post(f"{suite.url('intake')}/v1/data-subject-exports/lookups", json={"email": kept["email"]},
                        headers=_privacy(suite), timeout=30)
    assert export.status_code == 200, export.text
    document = export.json()
    assert document["subject"]["complaints"] == [other.complaint_id]
    assert kept["name"] in json.dumps(document["services"]["intake"])
    assert all("error" not in part for part in document["services"].values()), document["services"]
    gone = httpx.post(f"{suite.url('intake')}/v1/data-subject-exports/lookups",
                      json={"email": erased_and_kept["gone"]["email"]}, headers=_privacy(suite), timeout=30)
    assert gone.status_code == 200 and erased_and_kept["gone"]["token"] not in gone.text.lower()


SEVEN_YEARS = timedelta(days=7 * 366)


def test_years_after_closure_the_record_itself_goes_from_every_store(suite: Suite, erased_and_kept) -> None:
    # Last in this module: intake restarted seven years on (the record retention is six), its retention pass every
    # second. The closed complaint's record goes everywhere; the complaints still open stay.
    first, other = erased_and_kept["first"], erased_and_kept["other"]
    suite.stop_service("intake")
    suite.config.extra_env |= {"INTAKE_CLOCK_OFFSET_SECONDS": str(int(SEVEN_YEARS.total_seconds())),
                               "INTAKE_RETENTION_INTERVAL_SECONDS": "1"}
    suite.start_service("intake")
    suite.wait_ready(timeout=120)

    def stores_naming(complaint_id: str) -> list[str]:
        # Analytics' change journal names a complaint for at most ten minutes so every instance's gauges let it go.
        return [where for where in _plaintext_in_stores(suite, [complaint_id]) if not where.endswith(".fact_changes")]

    journey.wait_until(lambda: not stores_naming(first.complaint_id) or None,
                       what="every service deleted the expired complaint's record", timeout=90, interval=2.0)
    assert journey.fact_row(suite, first.complaint_id) is None
    lookup = httpx.post(f"{suite.url('intake')}/v1/complaints/{first.tracking_number}/lookup",
                        data={"access_code": first.access_code}, timeout=15)
    assert lookup.status_code == 404, lookup.text
    kept_by = {where.split(":")[0] for where in stores_naming(other.complaint_id)}
    assert kept_by == set(SERVICES), kept_by  # the other customer's open complaint: every service still has it
