"""Leases: one instance of a service at a time runs each time-driven job (relay, scans, parking retries).

Replicas share the service's database. A job's lease is one document (`_id` = job name) holding its owner and
an expiry; it is taken with a single conditional write (free, expired, or already ours), so two instances can
never both hold it. The holder renews it every third of its lifetime; an instance that cannot renew in time
(it stalled, or the store is away) stops its job before the lease can expire, and another instance takes over
once it has. A stopped instance releases its leases at once.
"""

import asyncio
import contextlib
import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta

import structlog
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import DuplicateKeyError, PyMongoError

from .clock import Now

log = structlog.get_logger(__name__)

LEASES_COLLECTION = "_leases"


class Lease:
    def __init__(self, collection: AsyncCollection, job: str, *, ttl_seconds: float, clock: Now,
                 owner: str | None = None) -> None:
        self.collection = collection
        self.job = job
        self.owner = owner or uuid.uuid4().hex
        self.ttl = timedelta(seconds=ttl_seconds)
        self._clock = clock

    async def acquire(self) -> bool:
        """Take or renew the lease; False when another owner holds it and it has not expired."""
        now = self._clock()
        try:
            await self.collection.update_one(
                {"_id": self.job, "$or": [{"owner": self.owner}, {"expires_at": {"$lte": now}}]},
                {"$set": {"owner": self.owner, "expires_at": now + self.ttl}}, upsert=True)
        except DuplicateKeyError:  # the document exists and another owner's lease is running
            return False
        return True

    async def release(self) -> None:
        await self.collection.delete_one({"_id": self.job, "owner": self.owner})


async def run_leased(lease: Lease, job: Callable[[], Awaitable[None]], *, retry_seconds: float | None = None) -> None:
    """Run `job` (a loop that runs until cancelled) only while holding the lease; forever, until cancelled."""
    ttl = lease.ttl.total_seconds()
    wait = retry_seconds if retry_seconds is not None else ttl / 3
    while True:
        if not await _try(lease.acquire):
            await asyncio.sleep(wait)
            continue
        task = asyncio.create_task(job())
        try:
            while not task.done():
                done, _ = await asyncio.wait({task}, timeout=ttl / 3)
                if done:
                    break
                if not await _try(lease.acquire):  # lost or unrenewable: stop before another may take over
                    log.warning("lease lost; stopping the job", job=lease.job)
                    break
        finally:
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            with contextlib.suppress(PyMongoError, asyncio.CancelledError):
                await lease.release()
        current = asyncio.current_task()
        if current is not None and current.cancelling():  # a cancel swallowed while cleaning up: stop now
            raise asyncio.CancelledError
        if task.done() and not task.cancelled() and task.exception() is not None:
            log.error("leased job failed; it will be started again", job=lease.job,
                      error_class=type(task.exception()).__name__)
        await asyncio.sleep(wait)


async def _try(acquire: Callable[[], Awaitable[bool]]) -> bool:
    try:
        return await acquire()
    except PyMongoError as exc:
        log.warning("lease store unavailable", error_class=type(exc).__name__)
        return False
