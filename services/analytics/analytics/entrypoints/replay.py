"""Rebuild the facts from the topics: `python -m analytics.entrypoints.replay` (prints the report as JSON).

The topics are those the live consumer reads (derived from the projected events); the rebuild goes into a fresh
collection that then replaces the live one. Systemic-issue episodes are detector state, not a read model of the
topics: they are kept.
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
from ..service import ReplayReport, rebuild_facts
from .handlers import events


async def rebuild(db: AsyncDatabase, *, bootstrap: str, topics: Sequence[str] = events.topics) -> ReplayReport:
    """Rebuild the facts of the service database `db` from the topics and swap them in."""
    return await rebuild_facts(store=MongoFactStore(db), source=KafkaEventLog(bootstrap=bootstrap, topics=topics))


async def main() -> None:
    settings = load_settings(AnalyticsSettings)
    client = make_mongo_client(settings)
    try:
        report = await rebuild(service_database(client, settings), bootstrap=settings.kafka_bootstrap)
    finally:
        await client.close()
    print(json.dumps(asdict(report)))


if __name__ == "__main__":
    asyncio.run(main())
