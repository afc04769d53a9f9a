"""The floor of this stack: the suite's pipeline shape with none of its rules, to report the suite as a ratio.

Five stages, each with its own store (the suite's five stores), each consuming the previous stage's topic in
batches, inserting one ~1 KB document per record in one `insert_many`, publishing one ~1 KB record onward, then
committing — insert-only, batched, no business logic, no mail. What the suite costs above this is what its rules,
its updates and its extra events cost.
"""

import asyncio
import os
import time
import uuid
from collections.abc import Mapping
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from pymongo import AsyncMongoClient

STAGES = 5


async def _stage(n: int, *, bootstrap: str, source: str, target: str | None, mongo_url: str, run: str,
                 producer: AIOKafkaProducer, batch: int, done: asyncio.Queue[int]) -> None:
    client: AsyncMongoClient = AsyncMongoClient(mongo_url, retryWrites=False)
    documents = client[f"floor_{run}"][f"stage_{n}"]
    consumer = AIOKafkaConsumer(source, bootstrap_servers=bootstrap, group_id=f"floor-{run}-{n}",
                                enable_auto_commit=False, auto_offset_reset="earliest", max_poll_records=batch)
    await consumer.start()
    try:
        while True:
            batches = await consumer.getmany(timeout_ms=200, max_records=batch)
            records = [r for rs in batches.values() for r in rs]
            if not records:
                continue
            await documents.insert_many([{"_id": f"{r.key.decode()}-{n}", "v": r.value} for r in records],
                                        ordered=False)
            if target is not None:
                futures = [await producer.send(target, r.value, key=r.key) for r in records]
                await asyncio.gather(*futures)
            await consumer.commit()
            done.put_nowait(len(records))
    finally:
        await consumer.stop()
        await client.drop_database(documents.database.name)
        await client.close()


async def floor_pipeline(bootstrap: str, stores: Mapping[str, str], *, complaints: int = 5000,
                         value_bytes: int = 1000, batch: int = 500, partitions: int = 12) -> dict[str, Any]:
    """Push `complaints` records through five insert-only stages; wall time from first send to last commit."""
    run = uuid.uuid4().hex[:8]
    names = [f"bench.floor.{run}.{i}" for i in range(STAGES)]
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    await admin.create_topics([NewTopic(name, partitions, 1) for name in names])
    await admin.close()
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5, max_batch_size=256 * 1024)
    await producer.start()
    urls = list(stores.values())
    finished: list[asyncio.Queue[int]] = [asyncio.Queue() for _ in range(STAGES)]
    tasks = [asyncio.create_task(_stage(i, bootstrap=bootstrap, source=names[i],
                                        target=names[i + 1] if i + 1 < STAGES else None,
                                        mongo_url=urls[i % len(urls)], run=run, producer=producer, batch=batch,
                                        done=finished[i]))
             for i in range(STAGES)]
    try:
        value = os.urandom(value_bytes // 2).hex().encode()
        started = time.monotonic()
        futures = [await producer.send(names[0], value, key=f"c-{i:09d}".encode()) for i in range(complaints)]
        await asyncio.gather(*futures)
        through, deadline = 0, time.monotonic() + 300
        while through < complaints:
            for task in tasks:
                if task.done():
                    task.result()  # a stage that stopped failed: raise its error rather than wait for nothing
            if time.monotonic() > deadline:
                raise TimeoutError(f"the floor pipeline moved {through} of {complaints} records in 300 s")
            try:
                through += await asyncio.wait_for(finished[-1].get(), timeout=1.0)
            except TimeoutError:
                continue
        elapsed = time.monotonic() - started
    finally:
        for task in tasks:
            task.cancel()
        outcomes = await asyncio.gather(*tasks, return_exceptions=True)
        await producer.stop()
    failed = [o for o in outcomes if isinstance(o, Exception) and not isinstance(o, asyncio.CancelledError)]
    if failed:
        raise failed[0]
    return {"complaints": complaints, "value_bytes": value_bytes, "batch": batch, "stages": STAGES,
            "seconds": round(elapsed, 2), "per_s": round(complaints / elapsed, 1)}
