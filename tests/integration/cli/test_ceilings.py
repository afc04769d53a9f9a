from complaints_cli.bench import kafka_ceiling, store_ceiling

from tests.support.backends import Backend


async def test_kafka_ceiling_moves_every_message(backend: Backend) -> None:
    result = await kafka_ceiling(backend.kafka_bootstrap, messages=600, size=300)
    assert result["messages"] == 600
    assert result["produce_per_s"] > 0 and result["consume_per_s"] > 0


async def test_store_ceiling_writes_and_cleans_up(backend: Backend) -> None:
    result = await store_ceiling(backend.mongo_url, documents=300, size=200)
    assert result["bulk_insert_per_s"] > 0 and result["bulk_update_per_s"] > 0
