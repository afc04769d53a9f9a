"""Random event streams for analytics (hypothesis): a few complaints' stories told in any order, with duplicates,
cut into consumed batches, and the moments the business metrics are refreshed at.

Each event has its own id; an event that comes again is an exact copy (a redelivery). Events that write a value
only their kind writes (a receipt, a routing, an offer) come at most once per complaint, as in the suite.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import NAMESPACE_URL, uuid5

from complaint_contracts import SystemicIssueDetected
from complaint_contracts.base import Event
from hypothesis import strategies as st

from tests.unit.analytics.builders import (
    MONDAY,
    acknowledged,
    breached,
    closed,
    corrected,
    corrective_action,
    deadline,
    decided,
    erased,
    feedback,
    info_requested,
    paid,
    proposed,
    received,
    reopened,
    reported,
    rerouted,
    resolved,
    routed,
)

START = MONDAY - timedelta(days=10)
END = MONDAY + timedelta(days=110)
PRODUCTS = ("current-account", "savings-account", "insulin-pump")
PRIORITIES = ("low", "medium", "high", "critical")
REGIMES = ("uk_fca_disp", "us_cfpb", "us_fda_mdr")
moments = st.integers(0, (END - START) // timedelta(minutes=1)).map(lambda m: START + timedelta(minutes=m))

REPEATABLE = {
    "acknowledged": lambda d, cid, at, n: acknowledged(
        cid, at, template=d(st.sampled_from(["acknowledgement", "status-update"])), step=f"ack-{n}"),
    "info_requested": lambda d, cid, at, n: info_requested(cid, at),
    "resolved": lambda d, cid, at, n: resolved(
        cid, at, outcome=d(st.sampled_from(["upheld", "partially_upheld", "not_upheld"])),
        root_cause=d(st.sampled_from([None, "courier", "pricing"])), step=f"resolved-{n}"),
    "closed": lambda d, cid, at, n: closed(cid, at, reason=d(st.sampled_from(["resolved", "duplicate"])),
                                           step=f"closed-{n}"),
    "reopened": lambda d, cid, at, n: reopened(cid, at, step=f"reopened-{n}"),
    "rerouted": lambda d, cid, at, n: rerouted(cid, at, department=d(st.sampled_from(["specialists", "legal"])),
                                               tier=d(st.integers(1, 3))),
    "breached": lambda d, cid, at, n: breached(cid, at, **d(st.sampled_from([
        {"deadline": "final_response", "clock": "regulatory"}, {"deadline": "first_response", "clock": "service"}]))),
    "reported": lambda d, cid, at, n: reported(cid, at, filed_at=at - timedelta(hours=d(st.integers(0, 48))),
                                               deadlines_met=(d(st.sampled_from(["mdr_report", "final_response"])),)),
    "decided": lambda d, cid, at, n: decided(cid, at, decision=d(st.sampled_from(["accepted", "rejected"]))),
    "paid": lambda d, cid, at, n: paid(cid, at, amount=d(st.sampled_from(["10.00", "25.50"])), step=f"paid-{n}"),
    "feedback": lambda d, cid, at, n: feedback(cid, at, score=d(st.integers(1, 5))),
    "erased": lambda d, cid, at, n: erased(cid, at, reason=d(st.sampled_from(["request", "retention"]))),
    "corrected": lambda d, cid, at, n: corrected(cid, at, step=f"corrected-{n}", **d(st.sampled_from([
        {"category": "delivery"}, {"priority": "high", "department": "specialists"}, {"kind": "enquiry"}]))),
}


def _own_id(event: Event, key: str) -> Event:
    return event.model_copy(update={"id": str(uuid5(NAMESPACE_URL, f"/analytics-streams/{key}"))})


@st.composite
def story(draw: st.DrawFn, cid: str) -> list[Event]:
    """One complaint's events, each with its own id."""
    events: list[Event] = []
    if draw(st.integers(0, 9)) > 0:
        events.append(received(cid, draw(moments), channel=draw(st.sampled_from(["web", "email", "phone"])),
                               product=draw(st.sampled_from(PRODUCTS))))
    if draw(st.integers(0, 9)) > 1:
        at = draw(moments)
        events.append(routed(cid, at, category=draw(st.sampled_from(["billing", "delivery"])),
                             priority=draw(st.sampled_from(PRIORITIES)), regime=draw(st.sampled_from(REGIMES)),
                             department=draw(st.sampled_from(["customer_support", "specialists"])),
                             deadlines=(deadline("final_response", "regulatory", at + timedelta(weeks=8)),
                                        deadline("first_response", "service", at + timedelta(days=1)),
                                        deadline("mdr_report", "regulatory", at + timedelta(days=30)))))
    if draw(st.booleans()):
        events.append(proposed(cid, draw(moments), amount=draw(st.sampled_from(["10.00", "40.00"]))))
    for n, kind in enumerate(draw(st.lists(st.sampled_from(sorted(REPEATABLE)), max_size=8))):
        events.append(_own_id(REPEATABLE[kind](draw, cid, draw(moments), n), f"{cid}/{kind}/{n}"))
    return events


@st.composite
def across(draw: st.DrawFn, cids: list[str]) -> list[Event]:
    """Events about several complaints at once: corrective actions and systemic issues."""
    events: list[Event] = []
    for n in range(draw(st.integers(0, 2))):
        chosen = draw(st.lists(st.sampled_from(cids), min_size=1, max_size=3, unique=True))
        if draw(st.booleans()):
            events.append(_own_id(corrective_action(chosen, draw(moments), root_cause=f"cause-{n}"), f"capa/{n}"))
        else:
            at = draw(moments)
            events.append(SystemicIssueDetected(
                id=str(uuid5(NAMESPACE_URL, f"/analytics-streams/issue/{n}")), time=at, issue_id=f"issue.{n}",
                dimension="product", value=PRODUCTS[0], window_start=at - timedelta(days=1), window_end=at,
                observed=len(chosen), expected=0.5, test="Poisson upper tail, alpha 0.001", complaint_ids=chosen))
    return events


@dataclass(frozen=True)
class Run:
    """What the consumer is handed, batch by batch, and the moment of the metrics refresh after each (if any)."""

    events: list[Event]
    batches: list[list[Event]]
    refreshes: list[datetime | None]


@st.composite
def runs(draw: st.DrawFn, token: str = "stream", complaints: int = 5) -> Run:
    """A stream of events about a few complaints, in any order, some twice, cut into batches."""
    cids = [f"c-{token}-{i:04d}" for i in range(complaints)]
    events = [event for cid in cids for event in draw(story(cid))] + draw(across(cids))
    stream = list(draw(st.permutations(events)))
    for _ in range(draw(st.integers(0, 4))):
        if stream:
            stream.insert(draw(st.integers(0, len(stream))), draw(st.sampled_from(stream)))
    cuts = sorted(draw(st.sets(st.integers(1, max(1, len(stream) - 1)), max_size=5)))
    batches = [stream[a:b] for a, b in zip([0, *cuts], [*cuts, len(stream)], strict=True) if stream[a:b]]
    refreshes = [draw(st.one_of(st.none(), moments)) for _ in batches]
    return Run(events=events, batches=batches, refreshes=refreshes)
