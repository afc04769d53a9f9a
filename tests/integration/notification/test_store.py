"""The facts on the embedded store: inserted as versions and never updated (but for erasure), two runs that read the
same version both kept, every version scrubbed on erasure, and facts stored by the previous version (one document per
complaint, updated in place) adopted at start-up, once, by the running service too."""

import json
import uuid
from collections.abc import AsyncIterator

import pytest
from bson import json_util
from notification.adapters.documents import facts_fields
from notification.adapters.legacy_facts import LEGACY_COLLECTION, adopt_legacy_facts
from notification.adapters.store import MongoNotificationStore
from notification.config import NotificationSettings
from notification.domain.facts import ComplaintFacts, erased_facts, facts_from_received
from notification.main import create_app
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from tests.support.backends import Backend
from tests.support.settings import fast_settings

from .harness import DIRECTORY, Suite, received, routed, start_after_history
from .servers import KeyServer, SmtpServer, WebhookReceiver, free_port

pytestmark = pytest.mark.integration


@pytest.fixture
async def db(backend: Backend) -> AsyncIterator[AsyncDatabase]:
    client = AsyncMongoClient(backend.mongo_url)
    yield client[f"notification_store_{uuid.uuid4().hex[:8]}"]
    await client.close()


@pytest.fixture
async def store(db: AsyncDatabase) -> MongoNotificationStore:
    store = MongoNotificationStore(db)
    await store.ensure_indexes()
    return store


def new_facts(**customer) -> ComplaintFacts:
    return facts_from_received(event=received(**customer))


async def versions(store: MongoNotificationStore, complaint_id: str) -> list[dict]:
    return await store.facts.find({"complaint_id": complaint_id}).sort("revision", 1).to_list()


async def test_each_change_is_a_new_version_and_a_redelivered_receipt_adds_none(store: MongoNotificationStore):
    facts = new_facts()
    await store.remember_received([facts])
    [read] = (await store.facts_of([facts.complaint_id])).values()
    await store.save_facts([read.model_copy(update={"team": "team-it-1"})])
    await store.remember_received([facts.model_copy(update={"title": "re-sent"})])

    [latest] = (await store.facts_of([facts.complaint_id])).values()
    assert (latest.team, latest.title, latest.revision) == ("team-it-1", facts.title, 1)
    assert [(v["_id"], v["revision"]) for v in await versions(store, facts.complaint_id)] == [
        (f"{facts.complaint_id}/0", 0), (f"{facts.complaint_id}/1", 1)]


async def test_two_runs_that_read_the_same_version_store_one_after_the_other(store: MongoNotificationStore):
    facts = new_facts()
    await store.remember_received([facts])
    [first_read] = (await store.facts_of([facts.complaint_id])).values()
    [second_read] = (await store.facts_of([facts.complaint_id])).values()

    await store.save_facts([first_read.model_copy(update={"team": "team-first-1"})])
    await store.save_facts([second_read.model_copy(update={"team": "team-second-1"})])

    [latest] = (await store.facts_of([facts.complaint_id])).values()
    assert (latest.team, latest.revision) == ("team-second-1", 2)
    assert [v["facts"]["team"] for v in await versions(store, facts.complaint_id)] == [
        None, "team-first-1", "team-second-1"]


async def test_the_erasure_leaves_no_version_with_a_personal_value(store: MongoNotificationStore):
    token = uuid.uuid4().hex[:10]
    facts = new_facts(name=f"Zorya {token}", email=f"{token}@example.org")
    other = new_facts(email=f"other-{token}@example.org")
    await store.remember_received([facts, other])
    read = (await store.facts_of([facts.complaint_id]))[facts.complaint_id]
    await store.save_facts([read.model_copy(update={"team": "team-it-1"})])
    [routed_facts] = (await store.facts_of([facts.complaint_id])).values()

    await store.save_facts([erased_facts(routed_facts)])
    await store.scrub_facts([facts.complaint_id])

    stored = json_util.dumps(await versions(store, facts.complaint_id))
    assert token not in stored and len(await versions(store, facts.complaint_id)) == 3
    assert (await store.facts_of([facts.complaint_id]))[facts.complaint_id].team == "team-it-1"
    assert (await store.facts_of([other.complaint_id]))[other.complaint_id].customer.email == other.customer.email


async def previous_version_stored(db: AsyncDatabase, *facts: ComplaintFacts) -> None:
    """Facts as the previous version kept them: one document per complaint, keyed by the complaint id."""
    await db[LEGACY_COLLECTION].insert_many([{"_id": f.complaint_id, **facts_fields(f)} for f in facts])


async def test_facts_the_previous_version_stored_are_adopted_once(db: AsyncDatabase, store: MongoNotificationStore):
    routed_facts = [new_facts().model_copy(update={"team": "team-it-1"}) for _ in range(3)]
    await previous_version_stored(db, *routed_facts)
    # A start-up cut short earlier: one complaint copied, its original not yet deleted.
    await store.remember_received(routed_facts[:1])

    moved = await adopt_legacy_facts(store.facts)
    again = await adopt_legacy_facts(store.facts)

    ids = [f.complaint_id for f in routed_facts]
    assert (moved, again) == (3, 0)
    assert await store.facts_of(ids) == {f.complaint_id: f for f in routed_facts}
    assert LEGACY_COLLECTION not in await db.list_collection_names()


async def test_the_upgraded_service_acknowledges_a_complaint_the_previous_version_received(backend: Backend):
    complaint = received(email=f"{uuid.uuid4().hex[:10]}@example.org")
    smtp = SmtpServer(free_port())
    smtp.start()
    try:
        with KeyServer() as keys, WebhookReceiver() as hooks:
            settings = fast_settings(NotificationSettings, backend, smtp_host="127.0.0.1", smtp_port=smtp.port,
                                     smtp_sender="complaints@northwind.example",
                                     staff_directory=json.dumps(DIRECTORY), **keys.settings())
            client = AsyncMongoClient(settings.mongo_url)
            await previous_version_stored(client[settings.mongo_database], facts_from_received(event=complaint))
            await client.close()
            await start_after_history(settings)
            app = create_app(settings)
            async with app.router.lifespan_context(app):
                suite = Suite(app, smtp, hooks, backend)
                routing = routed(complaint)
                await suite.publish(routing)

                assert (await suite.mail(routing))["To"] == complaint.customer.email
    finally:
        smtp.stop()

