"""The operations overview: analytics' figures (volume, backlog, compliance, timings) and the event pipeline's
health (dead letters, consumer lag) read from the services' /metrics, since the embedded suite has no Grafana."""

import asyncio
from collections import Counter
from typing import Any

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import Response

from ...deps import Deps, Staff, WebDeps
from ...domain import desk_labels as labels
from ...domain.desk_metrics import Pipeline, pipeline_of
from ...domain.desk_refusals import Refused
from . import apis

router = APIRouter()
PIPELINE_SERVICES = ("intake", "routing", "resolution", "notification", "analytics")


@router.get("/operations")
async def operations(request: Request, deps: Deps, staff: Staff) -> Response:
    analytics = apis.analytics(deps, staff)
    try:
        volume, backlog, compliance, timings = await asyncio.gather(
            analytics.report("volume", dimension="channel", granularity="day"), analytics.report("backlog"),
            analytics.report("compliance"), analytics.report("timings"))
    except Refused as refused:
        return deps.pages.render(request, "desk/operations.html", {"refusal": refused.refusal, "labels": labels,
                                                                   "pipelines": await _pipelines(deps)},
                                 status_code=refused.refusal.status)
    by_channel = Counter[str]()
    for row in volume:
        by_channel[row["value"]] += row["count"]
    return deps.pages.render(request, "desk/operations.html", {
        "refusal": None, "labels": labels, "volume": sorted(by_channel.items()), "received": sum(by_channel.values()),
        "backlog": backlog, "backlog_total": sum(row["count"] for row in backlog), "compliance": compliance,
        "breaches": sum(row["breached"] for row in compliance), "timings": timings,
        "pipelines": await _pipelines(deps)})


async def _pipelines(deps: WebDeps) -> list[Pipeline]:
    async def read(service: str) -> Pipeline:
        client: httpx.AsyncClient = getattr(deps, service)
        try:
            # Where the chassis mounts the exposition: `/metrics` only redirects here.
            answer = await client.get("/metrics/")
            answer.raise_for_status()
        except httpx.HTTPError:
            # Shown as "not reachable" on the page: the overview still answers when one service is down.
            return Pipeline(service, 0, 0, reachable=False)
        return pipeline_of(service, answer.text)

    found: list[Any] = await asyncio.gather(*(read(service) for service in PIPELINE_SERVICES))
    return found
