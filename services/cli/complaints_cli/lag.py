"""Consumer lag of every service's group, sampled once a second while the load runs."""

import asyncio
import time
from typing import Any

from aiokafka import AIOKafkaConsumer
from aiokafka.admin import AIOKafkaAdminClient

from .suite import SERVICES


class LagSampler:
    def __init__(self, bootstrap: str, interval: float = 1.0) -> None:
        self._bootstrap = bootstrap
        self._interval = interval
        self.samples: list[dict[str, Any]] = []
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        self._admin = AIOKafkaAdminClient(bootstrap_servers=self._bootstrap)
        self._consumer = AIOKafkaConsumer(bootstrap_servers=self._bootstrap)
        await self._admin.start()
        await self._consumer.start()
        self._started = time.monotonic()
        self._task = asyncio.create_task(self._run())

    async def sample(self) -> dict[str, Any]:
        row: dict[str, Any] = {"t_s": round(time.monotonic() - self._started, 1)}
        for group in SERVICES:
            committed = await self._admin.list_consumer_group_offsets(group)
            if not committed:
                continue
            ends = await self._consumer.end_offsets(list(committed))
            row[group] = sum(max(ends[tp] - meta.offset, 0) for tp, meta in committed.items() if meta.offset >= 0)
        return row

    async def _run(self) -> None:
        while True:
            self.samples.append(await self.sample())
            await asyncio.sleep(self._interval)

    async def stop(self) -> list[dict[str, Any]]:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        await self._consumer.stop()
        await self._admin.close()
        return self.samples
