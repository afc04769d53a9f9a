"""Replay the topics into the facts: `python -m analytics.entrypoints.replay [--accept-truncated-topics]` (prints
the report as JSON; exit code 3, with the reason and what to do, when it refuses).

The topics are those the live consumer reads (derived from the projected events). What they still hold is merged
into the live facts (see `replay.replay_facts`): it fills in what the facts missed and never drops a fact, and may
run while the service runs. Once retention has deleted events newer than the oldest fact, it refuses: the
override merges only the complaints whose history starts inside the topics. Systemic-issue episodes are detector
state, not a read model of the topics: untouched.
"""

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict

from complaints_chassis.mongo import make_mongo_client, service_database
from complaints_chassis.settings import load_settings
from pymongo.asynchronous.database import AsyncDatabase

from ..adapters.event_log import KafkaEventLog
from ..adapters.store import MongoFactStore
from ..config import AnalyticsSettings
from ..replay import ReplayReport, TopicsTruncated, replay_facts
from .handlers import events

REFUSED_EXIT_CODE = 3
"""Not 2: argparse exits with 2 on a bad option."""


async def replay(db: AsyncDatabase, *, bootstrap: str, topics: Sequence[str] = events.topics,
                 accept_truncated: bool = False) -> ReplayReport:
    """Merge the facts rebuilt from the topics into those of the service database `db`."""
    store = MongoFactStore(db)
    await store.ensure_indexes()
    return await replay_facts(store=store, source=KafkaEventLog(bootstrap=bootstrap, topics=topics),
                              accept_truncated=accept_truncated)


def arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m analytics.entrypoints.replay",
                                     description="Merge what the topics hold into analytics' facts.")
    parser.add_argument("--accept-truncated-topics", action="store_true",
                        help="when retention has deleted events newer than the oldest fact, merge only the "
                             "complaints whose history starts inside the topics instead of refusing")
    return parser.parse_args(argv)


async def main(argv: Sequence[str] | None = None) -> int:
    options = arguments(argv)
    settings = load_settings(AnalyticsSettings)
    client = make_mongo_client(settings)
    try:
        report = await replay(service_database(client, settings), bootstrap=settings.kafka_bootstrap,
                              accept_truncated=options.accept_truncated_topics)
    except TopicsTruncated as exc:
        print(f"Replay refused. {exc}", file=sys.stderr)
        return REFUSED_EXIT_CODE
    finally:
        await client.close()
    print(json.dumps(asdict(report), default=str))
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
