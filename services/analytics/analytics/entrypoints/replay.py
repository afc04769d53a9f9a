"""Replay the topics into the facts: `python -m analytics.entrypoints.replay` (prints the report as JSON).

The topics are those the live consumer reads (derived from the projected events). What they still hold is merged
into the live facts (see `service.replay_facts`): it fills in what the facts missed and never drops a fact, so it
is safe to run at any time, also long after the topics' retention has deleted the events of older complaints, and
while the service runs. Systemic-issue episodes are detector state, not a read model of the topics: untouched.
"""

import asyncio
import json
from collections.abc import Sequence
from dataclasses import asdict

from complaints_chassis.mongo import make_mongo_client, service_database
from complaints_chassis.settings import load_settings
from pymongo.asynchronous.database import AsyncDatabase

from ..adapters.event_log import KafkaEventLog
from ..adapters.store import MongoFactStore
from ..config import AnalyticsSettings
from ..service import ReplayReport, replay_facts
from .handlers import events


async def replay(db: AsyncDatabase, *, bootstrap: str, topics: Sequence[str] = events.topics) -> ReplayReport:
    """Merge the facts rebuilt from the topics into those of the service database `db`."""
    store = MongoFactStore(db)
    await store.ensure_indexes()
    return await replay_facts(store=store, source=KafkaEventLog(bootstrap=bootstrap, topics=topics))


async def main() -> None:
    settings = load_settings(AnalyticsSettings)
    client = make_mongo_client(settings)
    try:
        report = await replay(service_database(client, settings), bootstrap=settings.kafka_bootstrap)
    finally:
        await client.close()
    print(json.dumps(asdict(report)))


if __name__ == "__main__":
    asyncio.run(main())
