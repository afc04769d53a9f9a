"""A complaint record at the end of its retention on the real broker and store: analytics deletes the complaint's
fact (no raw document names it afterwards but the change journal's, itself deleted within ten minutes), a second
delivery is harmless, and the other complaints' facts stay as they were.

Other tests publish on the same topics: every assertion is scoped to this module's own complaints.
"""

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from analytics.adapters.changes import CHANGES
from analytics.adapters.store import MongoFactStore
from analytics.config import AnalyticsSettings
from analytics.domain.projections import project
from analytics.main import create_app
from bson import json_util
from complaint_contracts.intake import ComplaintRecordExpired
from fastapi import FastAPI

from tests.support.backends import Backend
from tests.support.kafka import eventually
from tests.support.settings import fast_settings
from tests.support.staff import TEST_JWT_SECRET

from .lifecycle import lifecycle


@pytest.fixture(scope="module")
async def app(backend: Backend) -> AsyncIterator[FastAPI]:
    app = create_app(fast_settings(AnalyticsSettings, backend, jwt_secret=TEST_JWT_SECRET))
    async with app.router.lifespan_context(app):
        yield app


async def collections_naming(app: FastAPI, complaint_id: str) -> list[str]:
    db = app.state.runtime.db
    return [name for name in await db.list_collection_names()
            if any(complaint_id in json_util.dumps(doc) for doc in await db[name].find().to_list())]


async def test_an_expired_complaint_leaves_no_fact_and_the_others_keep_theirs(app: FastAPI) -> None:
    _, stories = lifecycle(uuid.uuid4().hex[:8])
    gone, *kept = stories
    events = [event for story in stories.values() for event in story]
    store = MongoFactStore(app.state.runtime.db)
    await app.state.runtime.publisher.publish(events)

    async def stored() -> bool:  # every event projected, not only the first of each complaint
        found = store.facts.find({"complaint_id": {"$in": list(stories)}})
        return {doc["complaint_id"]: doc async for doc in found} == project(events)

    await eventually(stored)
    assert "facts" in await collections_naming(app, gone)
    expected = {fact.complaint_id: fact for fact in await store.of_complaints(kept)}
    expired = ComplaintRecordExpired(complaint_id=gone, closed_at=datetime.now(UTC) - timedelta(days=2200),
                                     retention_days=2191, expired_at=datetime.now(UTC))
    await app.state.runtime.publisher.publish([expired, expired])  # delivered twice: the second deletes nothing

    async def deleted() -> bool:
        # The change journal names it for a while: that is how every instance's gauges learn it is gone.
        return await collections_naming(app, gone) in ([], [CHANGES])

    await eventually(deleted)
    assert {fact.complaint_id: fact for fact in await store.of_complaints(kept)} == expected
