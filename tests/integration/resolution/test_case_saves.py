"""Saves of cases on the embedded store: each writes only what its change altered since the case was read, and the
stored case is exactly what writing every field stores, also when the deadline scan moved its look-again moment
between the read and the save, and when the case was not read first."""

import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from complaint_contracts.routing import ComplaintRouted
from pymongo import AsyncMongoClient
from resolution.adapters.documents import HIDDEN
from resolution.adapters.store import MongoCaseStore
from resolution.domain.case import SYSTEM, Acting
from resolution.domain.changes import AlertMoment, Before, CaseChange
from resolution.domain.opening import open_case
from resolution.domain.policy import DEFAULT_POLICY
from resolution.domain.states import CaseState

from tests.support.backends import Backend
from tests.unit.resolution.builders import MONDAY_9AM, PATHS, make_routed, service_deadline

LOOK_AGAIN = MONDAY_9AM + timedelta(days=2)
SCAN_MOVED_IT_TO = MONDAY_9AM + timedelta(days=5)


@pytest.fixture(scope="module")
async def client(backend: Backend) -> AsyncIterator[AsyncMongoClient]:
    mongo: AsyncMongoClient = AsyncMongoClient(backend.mongo_url, tz_aware=True, uuidRepresentation="standard")
    yield mongo
    await mongo.close()


def _stores(client: AsyncMongoClient) -> tuple[MongoCaseStore, MongoCaseStore]:
    """A store as the service runs it, and one that keeps no document as read (so every save writes everything)."""
    run = uuid.uuid4().hex[:8]
    return MongoCaseStore(client[f"resolution_saves_{run}"]), MongoCaseStore(client[f"resolution_full_{run}"],
                                                                             kept_as_read=0)


def _routed(prefix: str) -> ComplaintRouted:
    return make_routed(complaint_id=f"{prefix}-{uuid.uuid4().hex[:8]}",
                       deadlines=[service_deadline(MONDAY_9AM + timedelta(days=8))])


async def _stored(store: MongoCaseStore, complaint_id: str) -> dict[str, Any]:
    # Without what differs from write to write whatever is written: event ids, move ids, the write's token.
    doc = await store.cases.find_one({"_id": complaint_id}, {**HIDDEN, "write_token": 0})
    assert doc is not None
    return doc


async def _open(store: MongoCaseStore, routed: ComplaintRouted) -> None:
    case, events = open_case(routed=routed, acting=Acting(by=SYSTEM, at=MONDAY_9AM))
    change = CaseChange.of(case, events, before=None, next_alert_at=LOOK_AGAIN, policy=DEFAULT_POLICY)
    assert not await store.insert([change])


async def _step(store: MongoCaseStore, complaint_id: str, step: Any, hour: int, *, read_whole: bool) -> None:
    case = (await store.get_many([complaint_id]))[complaint_id] if read_whole else await store.get(complaint_id)
    assert case is not None
    before = Before.of(case)
    # The scan looks at the unchanged case meanwhile and moves its look-again moment (without a new version).
    await store.set_alert_moments([AlertMoment(complaint_id, case.version, SCAN_MOVED_IT_TO)])
    step(case, hour)
    assert not await store.save([CaseChange.of(case, [], before=before, next_alert_at=LOOK_AGAIN,
                                               policy=DEFAULT_POLICY)])


async def test_a_case_worked_to_closure_is_stored_alike_whether_saves_write_changes_or_everything(
        client: AsyncMongoClient) -> None:
    changes_only, everything = _stores(client)
    routed = _routed("c-saves")
    cid = routed.complaint_id
    for store in (changes_only, everything):
        await _open(store, routed)

    for hour, step in enumerate(PATHS[CaseState.CLOSED], start=1):
        for store in (changes_only, everything):
            await _step(store, cid, step, hour, read_whole=hour % 2 == 0)
        stored = await _stored(changes_only, cid)
        assert stored == await _stored(everything, cid)
        assert (stored["version"], stored["next_alert_at"]) == (hour + 1, LOOK_AGAIN)
    assert (await _stored(changes_only, cid))["state"] == "closed"


@pytest.mark.parametrize("read_by_the_saving_store", [True, False])
async def test_a_save_writes_only_what_its_change_touched_if_its_store_read_the_case_else_everything(
        client: AsyncMongoClient, read_by_the_saving_store: bool) -> None:
    store, _ = _stores(client)
    routed = _routed("c-touched")
    cid = routed.complaint_id
    await _open(store, routed)
    case = await (store if read_by_the_saving_store else MongoCaseStore(store.cases.database)).get(cid)
    assert case is not None
    before = Before.of(case)
    PATHS[CaseState.INVESTIGATING][0](case, 1)
    # Only to see what the update carried: nothing but the version-guarded saves writes this field.
    await store.cases.update_one({"_id": cid}, {"$set": {"team": "untouched-by-the-save"}})

    assert not await store.save([CaseChange.of(case, [], before=before, next_alert_at=None, policy=DEFAULT_POLICY)])

    stored = await _stored(store, cid)
    team = "untouched-by-the-save" if read_by_the_saving_store else case.team
    assert (stored["state"], stored["team"], stored["version"]) == ("investigating", team, 2)


async def test_a_document_kept_from_an_older_read_is_not_what_a_save_compares_with(client: AsyncMongoClient) -> None:
    # This store read the case at version 1; another instance saved version 2, whose team differs from version 1's
    # (set outside, for the test). A save from version 2 keeping version 1's team must write it: compared with
    # the document kept from version 1 it would look unchanged.
    store, _ = _stores(client)
    routed = _routed("c-older")
    cid = routed.complaint_id
    await _open(store, routed)
    assert await store.get(cid) is not None
    other_instance = MongoCaseStore(store.cases.database, kept_as_read=0)
    case = await other_instance.get(cid)
    assert case is not None
    before = Before.of(case)
    PATHS[CaseState.INVESTIGATING][0](case, 1)
    assert not await other_instance.save([CaseChange.of(case, [], before=before, next_alert_at=None,
                                                        policy=DEFAULT_POLICY)])
    await store.cases.update_one({"_id": cid}, {"$set": {"team": "changed-outside-at-version-2"}})
    before = Before.of(case)
    PATHS[CaseState.AWAITING_CUSTOMER][1](case, 2)  # asks the customer for information

    assert not await store.save([CaseChange.of(case, [], before=before, next_alert_at=None, policy=DEFAULT_POLICY)])

    assert (await _stored(store, cid))["team"] == case.team
