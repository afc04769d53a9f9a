"""A complaint record at the end of its retention over the fake stores: the closed case, the complaint's details,
search words and conversation go, the corrective actions forget it, another complaint keeps everything, and the
open-case counts do not move; a repeat is harmless; a case still open here is kept and its event rejected."""

from datetime import timedelta

import pytest
from complaint_contracts.intake import ComplaintRecordExpired, CustomerMessageReceived
from complaints_chassis.consumer import PermanentError
from resolution.deps import ResolutionDeps
from resolution.domain.corrective import CorrectiveAction
from resolution.domain.states import CaseState
from resolution.entrypoints import handlers

from tests.unit.resolution.builders import MONDAY_9AM, make_received, open_case_in

GONE, KEPT, OPEN = "c-old-closed-0001", "c-old-closed-0002", "c-still-open-0003"


def expired(complaint_id: str) -> ComplaintRecordExpired:
    return ComplaintRecordExpired(complaint_id=complaint_id, closed_at=MONDAY_9AM, retention_days=2191,
                                  expired_at=MONDAY_9AM + timedelta(days=2192))


@pytest.fixture
async def kept(service, store, actions):
    """Two closed cases and an open one, each with its details and a message; one action lists all three; the
    open-case counts built from the cases."""
    for cid, state in ((GONE, CaseState.CLOSED), (KEPT, CaseState.CLOSED), (OPEN, CaseState.INVESTIGATING)):
        store.put(open_case_in(state, complaint_id=cid))
    await service.record_received(received=[make_received(complaint_id=cid, tracking_number=f"CMP-{n}AAA-0001-B")
                                            for n, cid in enumerate((GONE, KEPT, OPEN))])
    await service.hear_customer(events=[CustomerMessageReceived(complaint_id=cid, time=MONDAY_9AM,
                                                                message_id=f"m-{cid}", text="Still waiting")
                                        for cid in (GONE, KEPT, OPEN)])
    await actions.insert(CorrectiveAction(action_id="capa-1", origin="staff", action="Retrain the couriers",
                                          complaint_ids=[GONE, KEPT, OPEN], created_at=MONDAY_9AM,
                                          created_by="emp-quality"))
    await service.rebuild_workloads()
    return service


def held(store, records, complaint_id: str) -> list[str]:
    """Where the fakes still hold something of the complaint."""
    places = {"case": store.cases, "details": records.complaints, "words": records.words}
    found = [name for name, kept in places.items() if complaint_id in kept]
    return found + ["conversation"] * any(e.complaint_id == complaint_id for e in records.entries.values())


async def test_the_expired_complaint_goes_everywhere_and_the_counts_stay(kept, store, records, actions, workloads):
    counts, published = workloads.nonzero(), len(store.published)
    assert workloads.nonzero(), "the open case must count for this to mean much"
    other = (store.cases[KEPT], records.complaints[KEPT], records.words[KEPT])

    await kept.expire_records(expired=[expired(GONE), expired(GONE)])
    await kept.expire_records(expired=[expired(GONE)])  # redelivered: nothing left, nothing fails

    assert held(store, records, GONE) == []
    assert held(store, records, KEPT) == ["case", "details", "words", "conversation"]
    assert (store.cases[KEPT], records.complaints[KEPT], records.words[KEPT]) == other
    assert actions.actions["capa-1"].complaint_ids == [KEPT, OPEN]
    assert workloads.nonzero() == counts and len(store.published) == published


async def test_a_case_still_open_here_is_kept_whole_and_its_event_rejected(kept, store, records, workloads):
    counts = workloads.nonzero()

    with pytest.raises(PermanentError, match=OPEN):
        await kept.expire_records(expired=[expired(OPEN), expired(GONE)])

    assert held(store, records, OPEN) == ["case", "details", "words", "conversation"]
    assert held(store, records, GONE) == []
    assert workloads.nonzero() == counts


async def test_the_consumer_takes_expired_records_to_the_use_case(kept, store, records, clock):
    assert handlers.events.handlers[ComplaintRecordExpired] is handlers.on_complaint_record_expired

    await handlers.on_complaint_record_expired([expired(GONE)], ResolutionDeps(service=kept, clock=clock))

    assert held(store, records, GONE) == []
