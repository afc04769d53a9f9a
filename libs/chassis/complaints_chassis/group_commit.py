"""Group commit: concurrent callers each write one item, the store sees one batch write per round.

A hot path that records one document per unit of work (a delivery, a decision) would otherwise pay one
round trip per item; embedded and remote stores alike do a batch of a hundred in about the time of a few
single writes. Each caller still waits for *its* item to be stored before it goes on (nothing is acknowledged
before it is durable); the batch is only what happened to be waiting at the same time.

Callers that work concurrently but not in step (each delivery's outcome comes when its own SMTP exchange ends)
reach the commit a few milliseconds apart and would each make a batch of one or two: `linger_seconds` lets the
first caller of a batch wait that long for others to join, trading that much latency for fewer round trips. When
the callers are known (`Participants`), a batch lingers only while one of them could still join it: once every one
waits on a commit, or has finished, waiting longer would only add latency.
"""

import asyncio
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Participants:
    """The tasks working side by side that may join the batches of some group commits (e.g. a run's deliveries, which
    write an intent and an outcome each): a lingering batch goes as soon as none of them is left to join it."""

    def __init__(self) -> None:
        self._working = 0
        self._waiting = 0
        self._changed = asyncio.Event()

    @contextmanager
    def taking_part(self) -> Iterator[None]:
        """Around the work of one participant."""
        self._working += 1
        try:
            yield
        finally:
            self._working -= 1
            self._poke()

    @contextmanager
    def waiting(self) -> Iterator[None]:
        """Around a participant's wait for its item to be written."""
        self._waiting += 1
        self._poke()
        try:
            yield
        finally:
            self._waiting -= 1

    async def until_none_can_join(self, *, at_most: float) -> None:
        """Return once every participant waits on a commit (or none is working), or after `at_most` seconds."""
        try:
            async with asyncio.timeout(at_most):
                while self._waiting < self._working:
                    await self._changed.wait()
        except TimeoutError:
            return

    def _poke(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()


class GroupCommit(Generic[T, R]):
    """`await commit(item)` stores the item within a batch and returns what `write_many` said about it."""

    def __init__(self, write_many: Callable[[Sequence[T]], Awaitable[Sequence[R]]], *, max_batch: int = 500,
                 linger_seconds: float = 0.0, participants: Participants | None = None) -> None:
        self._write_many = write_many
        self._participants = participants
        self._max_batch = max_batch
        self._linger = linger_seconds
        self._waiting: list[tuple[T, asyncio.Future[R]]] = []
        self._flusher: asyncio.Task[None] | None = None

    async def __call__(self, item: T) -> R:
        future: asyncio.Future[R] = asyncio.get_running_loop().create_future()
        self._waiting.append((item, future))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush())
        if self._participants is None:
            return await future
        with self._participants.waiting():
            return await future

    async def _flush(self) -> None:
        # One turn of the event loop lets the callers that are ready now join the first batch; while a batch is
        # being written, the next one gathers.
        await asyncio.sleep(0)
        while self._waiting:
            if self._linger and len(self._waiting) < self._max_batch:
                if self._participants is None:
                    await asyncio.sleep(self._linger)
                else:
                    await self._participants.until_none_can_join(at_most=self._linger)
            batch, self._waiting = self._waiting[:self._max_batch], self._waiting[self._max_batch:]
            try:
                results = await self._write_many([item for item, _ in batch])
            except asyncio.CancelledError:
                waiting, self._waiting = self._waiting + batch, []
                for _, future in waiting:
                    future.cancel()
                raise
            except Exception as exc:  # every caller of the batch gets the failure; none is left waiting
                _fail(batch, exc)
                continue
            if len(results) != len(batch):
                _fail(batch, RuntimeError(f"write_many answered {len(results)} results for {len(batch)} items"))
                continue
            for (_, future), result in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(result)


def _fail(batch: Sequence[tuple[object, asyncio.Future]], error: Exception) -> None:
    for _, future in batch:
        if not future.done():
            future.set_exception(error)
