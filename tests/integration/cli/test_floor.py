"""The floor pipeline on the embedded stack: every record passes all five insert-only stages."""

from complaints_cli.bench.floor import floor_pipeline

from tests.support.backends import Backend


async def test_every_record_goes_through_every_stage(backend: Backend) -> None:
    result = await floor_pipeline(backend.kafka_bootstrap, {"one": backend.mongo_url}, complaints=300, batch=100,
                                  partitions=3)
    assert result["complaints"] == 300 and result["stages"] == 5
    assert result["per_s"] > 0 and result["seconds"] > 0
