"""The embedded stack's store runs as a standalone server: no replica set, so no oplog written beside each change."""

from complaints_cli.suite.embedded import EmbeddedStack
from pymongo import MongoClient


def test_the_embedded_store_is_standalone_and_takes_writes() -> None:
    stack = EmbeddedStack(stores=("intake",)).start()
    try:
        client: MongoClient = MongoClient(stack.mongo_url, serverSelectionTimeoutMS=10_000)
        try:
            hello = client.admin.command("hello")
            client.db.things.insert_one({"_id": "a", "n": 1})
            client.db.things.update_one({"_id": "a"}, {"$inc": {"n": 1}})
            assert client.db.things.find_one({"_id": "a"}) == {"_id": "a", "n": 2}
        finally:
            client.close()
    finally:
        stack.stop()
    assert "setName" not in hello and hello["isWritablePrimary"] is True
