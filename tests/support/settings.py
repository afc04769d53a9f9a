"""Settings for a service under integration test: its own database and consumer group, fast retries and batches."""

import uuid
from typing import Any, TypeVar

from complaints_chassis.personal_data import KeyReaderSettings
from complaints_chassis.settings import ServiceSettings

from tests.support.backends import Backend
from tests.support.key_server import empty_key_server

S = TypeVar("S", bound=ServiceSettings)


def fast_settings(cls: type[S], backend: Backend, **overrides: Any) -> S:
    """`cls` pointed at the test backend, isolated (own database and group) and tuned for quick tests."""
    token = uuid.uuid4().hex[:8]
    service = cls.model_config.get("env_prefix", "service_").rstrip("_").lower()
    values: dict[str, Any] = dict(
        kafka_bootstrap=backend.kafka_bootstrap, mongo_url=backend.mongo_url, mongo_database=f"{service}_{token}",
        consumer_group=f"{service}-{token}", kafka_idempotent_producer=backend.idempotent_producer,
        retry_backoff_seconds=0.05, consumer_batch_timeout_ms=20, kafka_partitions=3, parked_retry_seconds=0.2,
    )
    if issubclass(cls, KeyReaderSettings) and "keys_url" not in overrides:
        values |= empty_key_server().settings(service)
    return cls(**values | overrides)
