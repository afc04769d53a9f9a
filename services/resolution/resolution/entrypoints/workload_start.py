"""At start-up: count the workloads from the cases when the store has no counts yet (its first start with them,
e.g. after an upgrade), one starting instance at a time, before this instance consumes or serves."""

import asyncio

import structlog
from complaints_chassis.clock import Clock
from complaints_chassis.leases import Lease
from pymongo.asynchronous.collection import AsyncCollection

from ..service import ResolutionService

log = structlog.get_logger(__name__)


async def count_workloads_at_start(service: ResolutionService, leases: AsyncCollection, *,
                                   ttl_seconds: float) -> None:
    """Count the workloads unless counted; an instance starting meanwhile waits, then finds them counted."""
    lease = Lease(leases, "start:workload-counts", ttl_seconds=ttl_seconds, clock=Clock())
    while True:
        if await lease.acquire():
            break
        await asyncio.sleep(ttl_seconds / 3)
    try:
        if await service.count_workloads_if_missing():
            log.info("workloads counted from the cases")
    finally:
        await lease.release()
