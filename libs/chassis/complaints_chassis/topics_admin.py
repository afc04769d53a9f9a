"""Creating the topics a service uses (idempotent; production may also create them from deploy/kafka)."""

from collections.abc import Iterable

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError
from complaint_contracts.topics import dlq


async def ensure_topics(bootstrap: str, topics: Iterable[str], *, partitions: int, replication: int) -> None:
    """Create each topic and its DLQ unless it exists."""
    wanted = sorted({name for t in topics for name in (t, dlq(t)) if not t.endswith(".dlq")})
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [NewTopic(t, partitions, replication) for t in wanted if t not in existing]
        if missing:
            try:
                await admin.create_topics(missing)
            except TopicAlreadyExistsError:
                pass  # another service created it between our listing and our request
    finally:
        await admin.close()
