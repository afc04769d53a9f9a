"""Use case: keep the business gauges up to date from the facts, reading only the facts written since last time.

The first round loads every fact once; each round after reads the change journal (which complaints any instance,
or the replay, wrote) and re-reads only those facts. A journal this instance has not read for too long, or a clock
moved back, makes it load every fact again.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from .domain.gauges import FIELDS, Gauges, GaugeSnapshot
from .domain.ports import ChangeFeed, FactStore

READ_AT_ONCE = 1000
"""Most complaints re-read with one query."""


@dataclass
class GaugeKeeper:
    store: FactStore
    changes: ChangeFeed
    _gauges: Gauges | None = field(default=None, init=False)
    _pending: set[str] = field(default_factory=set, init=False)
    """Complaints read from the journal whose facts are not taken in yet (a failed round leaves them here)."""
    loads: int = field(default=0, init=False)
    """How many times every fact was loaded (once at start, again only after a lapse)."""

    async def refresh(self, now: datetime) -> GaugeSnapshot:
        """The gauges at `now`, after taking in what was written since the previous round."""
        if self._gauges is None or self.changes.lapsed() or self._gauges.behind(now):
            await self._load()
        assert self._gauges is not None
        self._pending |= await self.changes.read()
        while self._pending:
            some = sorted(self._pending)[:READ_AT_ONCE]
            await self._put(some)
            self._pending.difference_update(some)
        return self._gauges.snapshot(now)

    async def _load(self) -> None:
        self._gauges = None  # a load that fails is tried again next round
        await self.changes.start()  # before the load: what is written meanwhile comes with the first read
        self._pending.clear()
        gauges = Gauges()
        async for fact in self.store.scan(FIELDS):
            gauges.put(fact.complaint_id, fact)
        self._gauges = gauges
        self.loads += 1

    async def _put(self, complaint_ids: Sequence[str]) -> None:
        assert self._gauges is not None
        found = {fact.complaint_id: fact async for fact in self.store.scan(FIELDS, complaint_ids)}
        for complaint_id in complaint_ids:
            self._gauges.put(complaint_id, found.get(complaint_id))
