"""Two instances of every service on one broker and one store per service, as a scaled-out deployment runs them:
every complaint gets one receipt, one routing decision, one case and one acknowledgement, and every timed job runs
once per item (resolution's deadline scan, with both instances' clocks moved past every deadline)."""

from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest
from complaint_contracts import (
    CaseOpened,
    ComplaintReceived,
    ComplaintRouted,
    DeadlineBreached,
    NotificationSent,
    topics,
)
from complaints_cli.staff_client import bearer, mint_staff_token
from complaints_cli.suite import Suite
from complaints_cli.suite.processes import SERVICES

from tests.e2e import journey
from tests.support.suite import running_suite

HTTP_FILINGS = 16
KAFKA_FILINGS = 8


@pytest.fixture(scope="module")
def scaled(request: pytest.FixtureRequest) -> Iterator[tuple[Suite, dict[str, str]]]:
    with running_suite(request, prefix="complaints-scaled-",
                       extra_env={"RESOLUTION_ALLOW_CLOCK_CONTROL": "true"}) as suite:
        replicas = {service: suite.start_replica(service) for service in SERVICES}
        for name in replicas.values():
            journey.wait_until(lambda n=name: _ready(suite.url(n)) or None, what=f"{name} ready", timeout=120)
        yield suite, replicas


def _ready(url: str) -> bool:
    try:
        return httpx.get(f"{url}/readyz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _file(url: str, n: int) -> str:
    body = journey.filing(title=f"Order {n} arrived damaged", email_address=journey.unique_email(f"scaled{n}"),
                          description=f"Order {n} arrived with the box crushed and the lid cracked.",
                          product="current-account")
    answer = httpx.post(f"{url}/v1/complaints", json=body, timeout=15)
    assert answer.status_code == 201, answer.text
    return answer.json()["complaint_id"]


TOPIC_OF = {ComplaintReceived: topics.INTAKE, ComplaintRouted: topics.ROUTING, CaseOpened: topics.RESOLUTION}


def _per_complaint(suite: Suite, kind: type, ids: set[str]) -> Counter:
    """Distinct events of `kind` per complaint (a record published twice under one id is one event: consumers
    deduplicate it, so it is one effect)."""
    seen = {(e.complaint_id, str(e.id)) for e in journey.events(suite, TOPIC_OF[kind], kind) if e.complaint_id in ids}
    return Counter(complaint for complaint, _ in seen)


def test_each_complaint_has_one_effect_everywhere_and_each_deadline_breaches_once(scaled) -> None:
    suite, replicas = scaled
    intakes = [suite.url("intake"), suite.url(replicas["intake"])]
    filed = {_file(intakes[n % 2], n) for n in range(HTTP_FILINGS)}
    submissions = [journey.submission() for _ in range(KAFKA_FILINGS)]
    journey.submit(suite, *submissions)
    by_kafka = {journey.received_submission(suite, s).complaint_id for s in submissions}
    ids = filed | by_kafka
    assert len(ids) == HTTP_FILINGS + KAFKA_FILINGS

    opened = journey.wait_until(lambda: (c := _per_complaint(suite, CaseOpened, ids)) and set(c) == ids and c,
                                what="a case opened for every complaint", timeout=120, interval=1.0)
    assert set(opened.values()) == {1}
    assert set(_per_complaint(suite, ComplaintReceived, ids).values()) == {1}
    assert set(_per_complaint(suite, ComplaintRouted, ids).values()) == {1}
    # The effect a customer sees: one acknowledgement mail per complaint, whichever instance sent it.
    journey.wait_until(lambda: {e.complaint_id for e in journey.events(suite, topics.NOTIFICATION, NotificationSent)
                                if e.template == "acknowledgement"} >= ids or None,
                       what="every complaint acknowledged", timeout=120, interval=1.0)
    tracking = {e.complaint_id: e.tracking_number for e in journey.events(suite, topics.INTAKE, ComplaintReceived)
                if e.complaint_id in ids}
    mails = Counter(number for m in journey.mails(suite) if "We have received your complaint" in m.subject
                    for number in tracking.values() if number in m.subject)
    assert mails == Counter(tracking.values())

    # Both resolution instances' clocks past every deadline: whichever holds the scan's lease breaches each once.
    admins = [bearer(mint_staff_token(suite.resolution_jwt_secret, sub="emp-admin", role="admin")) for _ in (0, 1)]
    shift = timedelta(weeks=26).total_seconds()
    urls = [suite.url("resolution"), suite.url(replicas["resolution"])]
    for url, headers in zip(urls, admins, strict=True):
        answer = httpx.post(f"{url}/admin/clock", json={"seconds": shift}, headers=headers, timeout=30)
        assert answer.status_code == 200, answer.text
    try:
        def breaches() -> Counter:
            seen = {(e.complaint_id, e.deadline, e.clock, str(e.id)) for e in journey.events(
                suite, topics.RESOLUTION, DeadlineBreached) if e.complaint_id in ids}
            return Counter((complaint, deadline, clock) for complaint, deadline, clock, _ in seen)

        first = journey.wait_until(lambda: (b := breaches()) and {k[0] for k in b} == ids and b,
                                   what="every complaint's deadlines breached", timeout=120, interval=1.0)
        journey.wait_until(lambda: breaches() if sum(breaches().values()) >= sum(first.values()) else None,
                           what="the breaches settle", timeout=10)
        settled = breaches()
        assert set(settled.values()) == {1}, [k for k, v in settled.items() if v > 1]
    finally:
        for url, headers in zip(urls, admins, strict=True):
            httpx.post(f"{url}/admin/clock", json={"seconds": -shift}, headers=headers, timeout=30)
