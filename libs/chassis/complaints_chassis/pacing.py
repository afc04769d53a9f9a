"""Holding back topics that are off a complaint's path to acknowledgement, so their records arrive in fewer batches.

Every batch costs the same whatever it holds: the middleware around the handler, a key look-up, a store round trip,
a transaction's commit and an offset commit. Under load a batch holds hundreds of records; at the rates most
deployments see (a few complaints a second) it holds one, and each complaint's ~20 consumed records across the
services became ~20 batches — measured at 5 complaints/s: ~200 ms of CPU per complaint, most of the machine.

Most of those records only follow a complaint (intake's status timeline, routing's workload counts, resolution
recording a sent acknowledgement, notification's mails about case work): a second's delay changes nothing for
anyone. A consumer names those topics (`EventConsumer(paced_topics=...)`); after a batch that was not full and held
any of their records, their partitions are paused for `consumer_paced_interval_ms` while the other topics flow at
once, then resumed, so what gathered meanwhile comes as one batch. A full batch means a backlog: nothing is paused
then, so pacing never limits throughput. Pausing only stops fetching: positions and commits are untouched, a
rebalance starts with nothing paused, and the resume touches only partitions still assigned and paused.
"""

import asyncio
from collections.abc import Collection, Sequence

from aiokafka import AIOKafkaConsumer, ConsumerRecord


class Pacer:
    def __init__(self, topics: Collection[str], *, seconds: float, full_batch: int) -> None:
        self.topics = frozenset(topics)
        self._seconds = seconds
        self._full_batch = full_batch
        self._resume: asyncio.TimerHandle | None = None

    def after_batch(self, consumer: AIOKafkaConsumer, records: Sequence[ConsumerRecord]) -> None:
        """Called once a batch is committed: hold back the paced topics for a while if this batch was not full."""
        if not self.topics or self._seconds <= 0 or self._resume is not None or len(records) >= self._full_batch:
            return
        if not any(record.topic in self.topics for record in records):
            return  # nothing of theirs came: the next one may come at once
        held = [tp for tp in consumer.assignment() if tp.topic in self.topics]
        if held:
            consumer.pause(*held)
            self._resume = asyncio.get_running_loop().call_later(self._seconds, self._release, consumer)

    def _release(self, consumer: AIOKafkaConsumer) -> None:
        self._resume = None
        # paused() lists only partitions of the current assignment: one revoked meanwhile is not touched.
        paused = [tp for tp in consumer.paused() if tp.topic in self.topics]
        if paused:
            consumer.resume(*paused)
