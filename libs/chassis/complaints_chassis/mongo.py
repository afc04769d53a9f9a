"""MongoDB client factory: PyMongo's async API, one database per service, created in the lifespan."""

from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from .settings import ServiceSettings


def make_mongo_client(settings: ServiceSettings) -> AsyncMongoClient:
    """A client that returns time-zone-aware datetimes and standard UUIDs (never created at import).

    Every write waits for the majority and the journal: a write acknowledged to us is either followed by a 201 to
    a customer or by an offset commit, and must survive a crash of the store right after (without the journal the
    embedded store loses acknowledged writes on a kill).
    """
    return AsyncMongoClient(settings.mongo_url, tz_aware=True, uuidRepresentation="standard",
                            appname=settings.mongo_database,
                            w=int(w) if (w := settings.mongo_write_concern).isdigit() else w,
                            journal=settings.mongo_journal)


def service_database(client: AsyncMongoClient, settings: ServiceSettings) -> AsyncDatabase:
    return client[settings.mongo_database]


async def ping(client: AsyncMongoClient) -> None:
    await client.admin.command("ping")
