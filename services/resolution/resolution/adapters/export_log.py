"""The audit of exports: who exported which selection of cases, and how many rows (never the data itself).

Implements domain.ports.ExportLog."""

from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from ..domain.export import ExportRecord


class MongoExportLog:
    def __init__(self, db: AsyncDatabase) -> None:
        self.exports: AsyncCollection = db["export_audit"]

    async def record(self, entry: ExportRecord) -> None:
        await self.exports.insert_one({**entry.model_dump(mode="json"), "at": entry.at})
