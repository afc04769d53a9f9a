"""MongoDB client factory: PyMongo's async API, one database per service, created in the lifespan."""

from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from .settings import ServiceSettings


def make_mongo_client(settings: ServiceSettings) -> AsyncMongoClient:
    """A client that returns time-zone-aware datetimes and standard UUIDs (never created at import)."""
    return AsyncMongoClient(settings.mongo_url, tz_aware=True, uuidRepresentation="standard",
                            appname=settings.mongo_database)


def service_database(client: AsyncMongoClient, settings: ServiceSettings) -> AsyncDatabase:
    return client[settings.mongo_database]


async def ping(client: AsyncMongoClient) -> None:
    await client.admin.command("ping")
