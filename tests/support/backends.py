"""Where integration and end-to-end tests find Kafka and MongoDB.

COMPLAINTS_TEST_BACKEND selects: `embedded` (default: Tansu + SecantusDB on free ports), `containers`
(testcontainers; needs a Docker engine), or `external` (KAFKA_BOOTSTRAP_SERVERS and MONGODB_URL as given).
"""

import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

Kind = Literal["embedded", "containers", "external"]
KINDS: tuple[Kind, ...] = ("embedded", "containers", "external")


@dataclass(frozen=True)
class Backend:
    kind: Kind
    kafka_bootstrap: str
    mongo_url: str
    idempotent_producer: bool
    """Apache Kafka supports it; the embedded broker rejects InitProducerId."""


class BackendError(RuntimeError):
    pass


def backend_kind(env: Mapping[str, str]) -> Kind:
    kind = env.get("COMPLAINTS_TEST_BACKEND", "embedded").strip().lower() or "embedded"
    if kind not in KINDS:
        raise BackendError(f"COMPLAINTS_TEST_BACKEND={kind!r}: choose one of {', '.join(KINDS)}")
    return kind  # type: ignore[return-value]


@contextlib.contextmanager
def embedded() -> Iterator[Backend]:
    from complaints_cli.suite.embedded import EmbeddedStack

    stack = EmbeddedStack().start()
    try:
        yield Backend("embedded", stack.kafka_bootstrap, stack.mongo_url, idempotent_producer=False)
    finally:
        stack.stop()


@contextlib.contextmanager
def containers() -> Iterator[Backend]:
    # Imported and constructed here, never at import time: the constructors talk to Docker.
    from testcontainers.kafka import KafkaContainer
    from testcontainers.mongodb import MongoDbContainer

    with KafkaContainer().with_kraft() as kafka, MongoDbContainer("mongo:7") as mongo:
        yield Backend("containers", kafka.get_bootstrap_server(), mongo.get_connection_url(),
                      idempotent_producer=True)


@contextlib.contextmanager
def external(env: Mapping[str, str]) -> Iterator[Backend]:
    missing = [v for v in ("KAFKA_BOOTSTRAP_SERVERS", "MONGODB_URL") if not env.get(v)]
    if missing:
        raise BackendError(f"COMPLAINTS_TEST_BACKEND=external needs {' and '.join(missing)}")
    yield Backend("external", env["KAFKA_BOOTSTRAP_SERVERS"], env["MONGODB_URL"],
                  idempotent_producer=env.get("KAFKA_IDEMPOTENT_PRODUCER", "true").lower() == "true")


def open_backend(env: Mapping[str, str]) -> contextlib.AbstractContextManager[Backend]:
    kind = backend_kind(env)
    if kind == "embedded":
        return embedded()
    if kind == "containers":
        return containers()
    return external(env)
