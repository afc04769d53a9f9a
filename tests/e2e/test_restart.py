"""Services stopped and started again while complaints keep coming in: nothing is lost, nothing happens twice."""

import threading
import time
from collections import Counter

from complaint_contracts import CaseOpened, ComplaintRouted, topics
from complaints_cli.suite import Suite

from tests.e2e import journey

ACKNOWLEDGEMENT = "We have received your complaint"


class Filer(threading.Thread):
    """Files complaints one after another over HTTP until stopped, as customers would."""

    def __init__(self, suite: Suite) -> None:
        super().__init__(daemon=True)
        self.suite, self.filed, self.errors = suite, [], []
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.is_set():
            n = len(self.filed)
            try:
                self.filed.append(journey.file_complaint(
                    self.suite, title=f"Order {n} arrived damaged",
                    description=f"Order number {n} arrived with the box crushed and a cracked lid ({time.time()}).",
                    name=f"Customer {n}"))
            except Exception as exc:  # kept, and the test fails on it in stop()
                self.errors.append(repr(exc))
            time.sleep(0.3)

    def stop(self) -> list[journey.Customer]:
        self.halt.set()
        self.join(timeout=30)
        assert self.errors == [], self.errors
        return self.filed


def _restart_mid_flow(suite: Suite, filer: Filer, service: str) -> None:
    before = len(filer.filed)
    journey.wait_until(lambda: len(filer.filed) >= before + 5, what=f"complaints filed before {service} stops")
    suite.stop_service(service)
    down_since = len(filer.filed)
    journey.wait_until(lambda: len(filer.filed) >= down_since + 8, what=f"complaints filed while {service} is down")
    suite.start_service(service)
    suite.wait_ready(timeout=120)


def test_a_service_restarted_mid_flow_loses_nothing_and_duplicates_nothing(suite: Suite) -> None:
    filer = Filer(suite)
    filer.start()
    try:
        _restart_mid_flow(suite, filer, "routing")
        _restart_mid_flow(suite, filer, "notification")
        started = len(filer.filed)
        journey.wait_until(lambda: len(filer.filed) >= started + 5, what="complaints filed after the restarts")
    finally:
        customers = filer.stop()
    ids = {c.complaint_id for c in customers}
    assert len(ids) == len(customers) >= 25

    # Every complaint routed, opened as a case and acknowledged ...
    def decisions() -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for event in journey.events(suite, topics.ROUTING, ComplaintRouted, about=ids):
            found.setdefault(event.complaint_id, set()).add(str(event.id))
        return found

    def cases_opened() -> Counter[str]:
        return Counter(e.complaint_id for e in journey.events(suite, topics.RESOLUTION, CaseOpened, about=ids))

    def acknowledgements() -> Counter[str]:
        # What notification promises: one message per effect. A mail the SMTP server took but notification had not
        # recorded when it stopped (a stop that overran its grace period is a kill) goes again with the same
        # Message-ID, which mail clients show once: distinct messages are counted, not deliveries.
        by_address = {c.email: c for c in customers}
        acks = [m for m in journey.mails(suite)
                if m.to in by_address and m.subject == f"{ACKNOWLEDGEMENT} {by_address[m.to].tracking_number}"]
        assert all(m.message_id for m in acks), "every mail carries a Message-ID"
        return Counter(by_address[m.to].complaint_id for m in {m.message_id: m for m in acks}.values())

    routed = journey.wait_for(decisions, lambda found: set(found) == ids, what="every complaint routed", timeout=120)
    opened = journey.wait_for(cases_opened, lambda found: set(found) == ids, what="every case opened", timeout=120)
    acknowledged = journey.wait_for(acknowledgements, lambda found: set(found) == ids,
                                    what="every complaint acknowledged", timeout=120)

    # ... exactly once each: one routing decision per complaint (a repeated record of the same decision is
    # absorbed by the consumers' idempotence), one case, one acknowledgement mail.
    assert {cid: sorted(d) for cid, d in routed.items() if len(d) != 1} == {}
    assert {cid: n for cid, n in opened.items() if n != 1} == {}
    assert {cid: n for cid, n in acknowledged.items() if n != 1} == {}
    # Intake saw every acknowledgement too, so the customers' status pages say so.
    for customer in customers[:: max(1, len(customers) // 5)]:
        customer.wait_status(lambda p: "acknowledged" in journey.milestones(p), what="acknowledged")
