"""The facts store on the real store: upgrading a store the previous version wrote, the write path's shortcuts, and
the change journal every instance keeps its gauges from."""

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from analytics.adapters.changes import MongoChangeJournal
from analytics.adapters.documents import INDEXES
from analytics.adapters.store import MongoFactStore
from analytics.config import AnalyticsSettings
from analytics.domain.projections import batch_updates, project
from analytics.domain.selection import FactFilter
from analytics.gauge_keeper import GaugeKeeper
from complaints_chassis.mongo import make_mongo_client
from pymongo.asynchronous.database import AsyncDatabase

from tests.support.backends import Backend
from tests.support.settings import fast_settings
from tests.unit.analytics.builders import MONDAY, full_story, received

from .previous_store import PreviousFactStore

pytestmark = pytest.mark.integration


@pytest.fixture
async def db(backend: Backend) -> AsyncIterator[AsyncDatabase]:
    settings = fast_settings(AnalyticsSettings, backend)
    client = make_mongo_client(settings)
    yield client[settings.mongo_database]
    await client.drop_database(settings.mongo_database)
    await client.close()


async def _documents(store: MongoFactStore) -> dict[str, dict]:
    return {document["complaint_id"]: document async for document in store.facts.find()}


async def test_a_store_the_previous_version_wrote_keeps_its_facts_and_loses_its_nine_indexes(db) -> None:
    stories = {cid: full_story(cid, MONDAY + timedelta(days=n)) for n, cid in enumerate(["c-old-0001", "c-old-0002"])}
    events = [event for story in stories.values() for event in story]
    previous = PreviousFactStore(db)
    await previous.ensure_indexes()
    await previous.apply(batch_updates(events[:20]))

    store = MongoFactStore(db)
    for _ in range(2):  # every start-up runs it
        await store.ensure_indexes()
    await store.apply(batch_updates(events[20:]))

    assert {index["name"] async for index in await store.facts.list_indexes()} == {"_id_", *INDEXES}
    assert await _documents(store) == project(events)
    assert [f.complaint_id for f in await store.find(FactFilter(received_from=MONDAY, product="current-account"))] \
        == list(stories)
    snapshot = await GaugeKeeper(store=store, changes=store.journal).refresh(MONDAY + timedelta(days=30))
    assert snapshot.durations["resolve"]["medium"].count == 2


WHERE = {"c-gb-0001": "GB", "c-gb-eng-0001": "GB-ENG", "c-gb-sct-0001": "GB-SCT", "c-de-0001": "DE"}


@pytest.mark.parametrize(("selected", "found"), [
    ("GB", ["c-gb-0001", "c-gb-eng-0001", "c-gb-sct-0001"]),
    ("GB-SCT", ["c-gb-sct-0001"]),
    ("DE", ["c-de-0001"]),
])
async def test_a_country_selects_its_subdivisions_in_the_store_and_a_subdivision_itself(db, selected, found) -> None:
    store = MongoFactStore(db)
    await store.ensure_indexes()
    await store.apply(batch_updates([received(cid, MONDAY, jurisdiction=code) for cid, code in WHERE.items()]))

    for scope in (FactFilter(jurisdiction=selected),
                  FactFilter(jurisdiction=selected, received_before=MONDAY + timedelta(days=1))):
        assert sorted(fact.complaint_id for fact in await store.find(scope)) == found


class RacedStore(MongoFactStore):
    """Another instance stores the same complaint's first fact between this one's read and its write."""

    def __init__(self, db: AsyncDatabase, other: list) -> None:
        super().__init__(db)
        self.other = other

    async def _write(self, inserts, updated) -> None:
        await MongoFactStore(self.db).apply(self.other)
        await super()._write(inserts, updated)


async def test_a_fact_another_instance_inserted_meanwhile_takes_the_update_instead(db) -> None:
    events = full_story("c-race-0001")
    store = RacedStore(db, other=batch_updates(events[:5]))
    await store.ensure_indexes()
    await store.apply(batch_updates(events[5:]))
    assert await _documents(store) == project(events)


class CountingStore(MongoFactStore):
    def __init__(self, db: AsyncDatabase) -> None:
        super().__init__(db)
        self.written: list[tuple[int, int]] = []

    async def _write(self, inserts, updated) -> None:
        self.written.append((len(inserts), len(updated)))
        await super()._write(inserts, updated)


async def test_new_facts_are_inserted_changed_ones_updated_and_unchanged_ones_left_alone(db) -> None:
    first, second = full_story("c-write-0001"), full_story("c-write-0002")
    store = CountingStore(db)
    await store.ensure_indexes()
    await store.apply(batch_updates(first[:4]))
    await store.apply(batch_updates(first[4:] + second))
    await store.apply(batch_updates(list(reversed(first + second))))  # redelivered: nothing new

    assert store.written == [(1, 0), (1, 1), (0, 0)]
    assert await _documents(store) == project(first + second)
    assert len(await store.journal.changes.find().to_list()) == 3, "the redelivered run is journalled all the same"


async def test_every_instance_reads_what_any_instance_wrote_once(db) -> None:
    mine, theirs = MongoFactStore(db), MongoFactStore(db)
    await mine.ensure_indexes()
    keeper = GaugeKeeper(store=mine, changes=mine.journal)
    await keeper.refresh(MONDAY)
    reader = MongoChangeJournal(db["fact_changes"])
    await reader.start()
    await theirs.apply(batch_updates(full_story("c-theirs-0001")))
    await mine.apply(batch_updates(full_story("c-mine-0001")))

    assert await reader.read() == {"c-theirs-0001", "c-mine-0001"}
    assert await reader.read() == set()
    snapshot = await keeper.refresh(MONDAY + timedelta(days=30))
    assert snapshot.durations["acknowledge"]["medium"].count == 2
    assert keeper.loads == 1


async def test_a_reader_that_has_not_read_for_longer_than_the_retention_has_lapsed(db) -> None:
    journal = MongoChangeJournal(db["fact_changes"], lookback=timedelta(seconds=1), retention=timedelta(seconds=2))
    assert journal.lapsed()
    await journal.start()
    await journal.record(["c-kept-0001"])
    assert not journal.lapsed()
    assert await journal.read() == {"c-kept-0001"}
    await asyncio.sleep(1.2)
    assert journal.lapsed()
    await asyncio.sleep(2.0)  # entries are stamped to the second
    await journal.read()
    assert await db["fact_changes"].count_documents({}) == 0, "entries older than the retention are deleted"
