"""A complaint record at the end of its retention on the embedded broker and store: notification deletes the facts
and the deliveries of the complaint (no raw document of its database names it afterwards), a second delivery of the
event is harmless, and another complaint keeps its facts and deliveries."""

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from bson import json_util
from complaint_contracts import ComplaintRecordExpired
from notification.config import NotificationSettings
from notification.main import create_app

from tests.support.backends import Backend
from tests.support.kafka import eventually
from tests.support.settings import fast_settings
from tests.support.staff import TEST_JWT_SECRET

from .harness import DIRECTORY, Suite, received, routed, start_after_history
from .servers import KeyServer, SmtpServer, WebhookReceiver, free_port

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
async def suite(backend: Backend) -> AsyncIterator[Suite]:
    smtp = SmtpServer(free_port())
    smtp.start()
    with KeyServer() as keys, WebhookReceiver() as hooks:
        settings = fast_settings(NotificationSettings, backend, smtp_host="127.0.0.1", smtp_port=smtp.port,
                                 smtp_sender="complaints@northwind.example", staff_directory=json.dumps(DIRECTORY),
                                 jwt_secret=TEST_JWT_SECRET, **keys.settings())
        await start_after_history(settings)
        app = create_app(settings)
        async with app.router.lifespan_context(app):
            yield Suite(app, smtp, hooks, backend)
    smtp.stop()


async def collections_naming(suite: Suite, complaint_id: str) -> list[str]:
    """The collections of the service's database with a document naming the complaint (raw, as stored)."""
    db = suite.deps.service.store.facts.database
    return [name for name in await db.list_collection_names()
            if any(complaint_id in json_util.dumps(doc) for doc in await db[name].find().to_list())]


async def test_an_expired_complaint_leaves_no_document_and_the_other_keeps_its_own(suite: Suite):
    old, kept = received(), received()
    for complaint in (old, kept):
        await suite.receive(complaint)
        routing = routed(complaint)
        await suite.publish(routing)
        await suite.mail(routing)  # acknowledged: a delivery is logged
    assert set(await collections_naming(suite, old.complaint_id)) >= {"fact_versions", "deliveries"}
    store = suite.deps.service.store
    kept_deliveries = {r.notification_id for r in await store.deliveries_of([kept.complaint_id])}

    closed_at = datetime.now(UTC) - timedelta(days=2200)
    expired = ComplaintRecordExpired(complaint_id=old.complaint_id, closed_at=closed_at, retention_days=2191,
                                     expired_at=datetime.now(UTC))
    await suite.publish(expired, expired)  # delivered twice: the second finds nothing left

    async def gone() -> bool:
        return await collections_naming(suite, old.complaint_id) == []

    await eventually(gone)
    assert kept.complaint_id in await store.facts_of([kept.complaint_id])
    assert {r.notification_id for r in await store.deliveries_of([kept.complaint_id])} == kept_deliveries
