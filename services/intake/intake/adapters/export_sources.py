"""The other services' parts of an access export, asked over HTTP (`POST /v1/data-subject-exports`) with the
privacy officer's own token: each service checks the role itself. A service that fails is reported, not fatal."""

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any

import httpx
import structlog

from ..domain.export import MAX_COMPLAINTS
from .metrics import IntakeMetrics

log = structlog.get_logger(__name__)

EXPORT_PATH = "/v1/data-subject-exports"


class HttpExportSources:
    def __init__(self, sources: Mapping[str, str], *, timeout_seconds: float, metrics: IntakeMetrics,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self._clients = {name: httpx.AsyncClient(base_url=url, timeout=timeout_seconds, transport=transport)
                         for name, url in sorted(sources.items())}
        self.names = list(self._clients)
        self._metrics = metrics

    async def gather(self, complaint_ids: Sequence[str], *, authorization: str | None) -> dict[str, dict[str, Any]]:
        headers = {"Authorization": authorization} if authorization else {}
        parts = await asyncio.gather(*(self._one(name, client, complaint_ids, headers)
                                       for name, client in self._clients.items()))
        return dict(zip(self.names, parts, strict=True))

    async def _one(self, name: str, client: httpx.AsyncClient, complaint_ids: Sequence[str],
                   headers: dict[str, str]) -> dict[str, Any]:
        complaints: dict[str, Any] = {}
        try:
            for start in range(0, len(complaint_ids), MAX_COMPLAINTS):
                chunk = list(complaint_ids[start:start + MAX_COMPLAINTS])
                answer = await client.post(EXPORT_PATH, json={"complaint_ids": chunk}, headers=headers)
                if answer.status_code != 200:
                    return self._failed(name, f"{name} answered {answer.status_code}")
                complaints |= answer.json()["complaints"]
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
            return self._failed(name, f"{name} did not answer usably ({type(exc).__name__})")
        self._metrics.export_sources.labels(source=name, outcome="answered").inc()
        return {"complaints": complaints}

    def _failed(self, name: str, error: str) -> dict[str, Any]:
        # Reported in the export itself (the officer sees which part is missing) and here, without any ids.
        log.warning("a service's part of an access export is missing", source=name, error=error)
        self._metrics.export_sources.labels(source=name, outcome="failed").inc()
        return {"error": error}

    async def close(self) -> None:
        for client in self._clients.values():
            await client.aclose()
