"""Consumer lag of every service, sampled once a second while the load runs.

Read from each service's own `complaints_consumer_lag_messages` gauge (the chassis computes it from the fetch
high-water marks), not from ListOffsets: the embedded broker answers ListOffsets wrongly, and this way the
report shows what the dashboards show.
"""

import asyncio
import time
from typing import Any

import httpx
from prometheus_client.parser import text_string_to_metric_families

LAG_METRIC = "complaints_consumer_lag_messages"


def lag_from_metrics(text: str) -> int:
    """Sum of the lag gauge over topics in one /metrics page."""
    return int(sum(sample.value for family in text_string_to_metric_families(text) if family.name == LAG_METRIC
                   for sample in family.samples))


class LagSampler:
    def __init__(self, service_urls: dict[str, str], interval: float = 1.0) -> None:
        self._urls = service_urls
        self._interval = interval
        self.samples: list[dict[str, Any]] = []
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        self._client = httpx.AsyncClient(timeout=2)
        self._started = time.monotonic()
        self._task = asyncio.create_task(self._run())

    async def sample(self) -> dict[str, Any]:
        row: dict[str, Any] = {"t_s": round(time.monotonic() - self._started, 1)}
        for service, url in self._urls.items():
            try:
                row[service] = lag_from_metrics((await self._client.get(f"{url}/metrics/")).text)
            except httpx.HTTPError:
                row[service] = None  # the service did not answer in time: a gap in the series, not a zero
        return row

    async def _run(self) -> None:
        while True:
            self.samples.append(await self.sample())
            await asyncio.sleep(self._interval)

    async def stop(self) -> list[dict[str, Any]]:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        await self._client.aclose()
        return self.samples
