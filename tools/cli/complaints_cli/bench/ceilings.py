"""Raw ceilings of the stack the suite runs on: what plain clients reach, to report the suite as a ratio."""

import asyncio
import os
import time
import uuid
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from complaints_chassis.reading_from_start import seek_to_start
from pymongo import AsyncMongoClient, UpdateOne


async def kafka_ceiling(bootstrap: str, *, messages: int = 20000, size: int = 300) -> dict[str, Any]:
    """Produce then consume `messages` values of `size` bytes with plain aiokafka (acks=all)."""
    topic = f"bench.ceiling.{uuid.uuid4().hex[:8]}"
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    await admin.create_topics([NewTopic(topic, 6, 1)])
    await admin.close()
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5, max_batch_size=256 * 1024)
    await producer.start()
    value = os.urandom(size)
    started = time.monotonic()
    futures = [await producer.send(topic, value, key=str(i).encode()) for i in range(messages)]
    await asyncio.gather(*futures)
    produced = time.monotonic() - started
    await producer.stop()
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest",
                                max_partition_fetch_bytes=8 * 1024 * 1024)
    await consumer.start()
    await consumer.topics()
    partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
    consumer.assign(partitions)
    seek_to_start(consumer, partitions)
    received, started = 0, time.monotonic()
    while received < messages:
        batches = await consumer.getmany(timeout_ms=1000, max_records=10000)
        received += sum(len(b) for b in batches.values())
    consumed = time.monotonic() - started
    await consumer.stop()
    return {"messages": messages, "value_bytes": size, "produce_per_s": round(messages / produced),
            "consume_per_s": round(messages / consumed)}


async def store_ceiling(mongo_url: str, *, documents: int = 5000, size: int = 1500) -> dict[str, Any]:
    """Bulk-insert, then bulk-update by _id, `documents` documents of about `size` bytes."""
    client = AsyncMongoClient(mongo_url)
    collection = client[f"bench_{uuid.uuid4().hex[:8]}"]["documents"]
    docs = [{"_id": i, "payload": "x" * size} for i in range(documents)]
    started = time.monotonic()
    for i in range(0, documents, 500):
        await collection.insert_many(docs[i:i + 500], ordered=False)
    inserted = time.monotonic() - started
    started = time.monotonic()
    for i in range(0, documents, 500):
        await collection.bulk_write([UpdateOne({"_id": d["_id"]}, {"$set": {"n": 1}}) for d in docs[i:i + 500]],
                                    ordered=False)
    updated = time.monotonic() - started
    started = time.monotonic()
    for i in range(200):
        await collection.insert_one({"_id": f"single-{i}", "payload": "x" * size})
    single = time.monotonic() - started
    await client.drop_database(collection.database.name)
    await client.close()
    return {"documents": documents, "document_bytes": size, "bulk_insert_per_s": round(documents / inserted),
            "bulk_update_per_s": round(documents / updated), "single_insert_per_s": round(200 / single)}
