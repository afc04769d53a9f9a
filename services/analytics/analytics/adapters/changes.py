"""The facts' change journal in MongoDB: which complaints each write of facts concerned, for a short while.

Every instance keeps its business gauges from the facts (see `domain/gauges.py`); the journal tells it which facts
any instance (or the replay) wrote since it last looked, so it re-reads those and nothing else. One entry per
written run, inserted after the facts are stored and naming every complaint of the run, changed or not: a run
written again after a crash names them again.

Entries are ordered by their ObjectId, stamped by the writer's clock when it inserts them. A reader looks back
LOOKBACK before where it stopped (and skips what it has seen), so an entry stamped a little earlier than it landed,
or by a clock a little behind, is still read. Entries older than RETENTION are deleted; a reader that has not read
for longer may have missed some (`lapsed`) and reloads every fact.
"""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from bson import ObjectId
from pymongo.asynchronous.collection import AsyncCollection

CHANGES = "fact_changes"
LOOKBACK = timedelta(seconds=30)
RETENTION = timedelta(minutes=10)


def _wall_clock() -> datetime:
    # ObjectIds carry the wall time: the business clock (which tests and demos shift) must not move the cursor.
    return datetime.now(UTC)


class MongoChangeJournal:
    def __init__(self, collection: AsyncCollection, *, lookback: timedelta = LOOKBACK,
                 retention: timedelta = RETENTION) -> None:
        self.changes = collection
        self.lookback, self.retention = lookback, retention
        self._since: datetime | None = None
        self._seen: dict[ObjectId, datetime] = {}
        self._last_read: datetime | None = None

    async def record(self, complaint_ids: Iterable[str]) -> None:
        """Note that the facts of these complaints were written."""
        ids = sorted(set(complaint_ids))
        if ids:
            await self.changes.insert_one({"complaint_ids": ids})

    async def start(self) -> None:
        """Read from now on (less the look-back)."""
        now = _wall_clock()
        self._since, self._seen, self._last_read = now - self.lookback, {}, now

    def lapsed(self) -> bool:
        """Never started, or not read for so long that entries not read yet may have been deleted."""
        return self._last_read is None or _wall_clock() - self._last_read > self.retention - self.lookback

    async def read(self) -> set[str]:
        """The complaints named by entries not read yet; deletes entries older than RETENTION."""
        if self._since is None:
            raise RuntimeError("start the change feed before reading it")
        now = _wall_clock()
        await self.changes.delete_many({"_id": {"$lt": ObjectId.from_datetime(now - self.retention)}})
        query = {"_id": {"$gte": ObjectId.from_datetime(self._since), "$nin": list(self._seen)}}
        complaint_ids: set[str] = set()
        for entry in await self.changes.find(query).to_list():  # whole, so a failed read leaves the cursor as it was
            self._seen[entry["_id"]] = entry["_id"].generation_time
            complaint_ids.update(entry["complaint_ids"])
        self._since = now - self.lookback
        floor = self._since.replace(microsecond=0)  # ObjectIds keep whole seconds
        self._seen = {entry: stamped for entry, stamped in self._seen.items() if stamped >= floor}
        self._last_read = now
        return complaint_ids
