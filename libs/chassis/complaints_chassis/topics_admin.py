"""Creating topics: from the deployment's topic layout (deploy/kafka/topics.yaml), or those a service uses.

The layout file is the one place partitions, replication and retention are decided; `complaints topics apply`
creates what it lists (the production topic job), and a service started in development creates the topics it
uses with the same defaults. Creating is idempotent: an existing topic is left as it is and reported when its
partition count differs from the layout (Kafka can add partitions, never remove them; that is an operator's call).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError
from complaint_contracts.topics import DLQ_SUFFIX, dlq
from pydantic import BaseModel, ConfigDict, Field


class TopicSpec(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    partitions: int = Field(ge=1)
    replication_factor: int = Field(ge=1)
    config: dict[str, str] = Field(default_factory=dict)


class _Defaults(BaseModel):
    partitions: int = Field(ge=1)
    replication_factor: int = Field(ge=1)
    config: dict[str, str] = Field(default_factory=dict)


class _Entry(BaseModel):
    name: str
    producer: str
    partitions: int | None = Field(default=None, ge=1)
    config: dict[str, str] = Field(default_factory=dict)


class _DeadLetter(BaseModel):
    suffix: str
    config: dict[str, str] = Field(default_factory=dict)


class TopicLayout(BaseModel):
    """deploy/kafka/topics.yaml as read: defaults, the topics, and what their dead-letter twins change."""

    defaults: _Defaults
    topics: list[_Entry]
    dead_letter: _DeadLetter

    def specs(self, *, replication_factor: int | None = None) -> list[TopicSpec]:
        """Every topic and its dead-letter topic, with the defaults applied (replication may be capped)."""
        if self.dead_letter.suffix != DLQ_SUFFIX:
            raise ValueError(f"dead-letter suffix {self.dead_letter.suffix!r} is not the contracts' {DLQ_SUFFIX!r}")
        replication = replication_factor or self.defaults.replication_factor
        specs = []
        for entry in self.topics:
            partitions = entry.partitions or self.defaults.partitions
            config = _within_replication({**self.defaults.config, **entry.config}, replication)
            specs.append(TopicSpec(name=entry.name, partitions=partitions, replication_factor=replication,
                                   config=config))
            specs.append(TopicSpec(name=dlq(entry.name), partitions=partitions, replication_factor=replication,
                                   config={**config, **self.dead_letter.config}))
        return specs


def _within_replication(config: dict[str, str], replication: int) -> dict[str, str]:
    # A topic with fewer replicas than min.insync.replicas refuses every acks=all write: cap it (single-broker
    # development and test clusters), never raise it.
    if int(config.get("min.insync.replicas", "1")) > replication:
        return {**config, "min.insync.replicas": str(replication)}
    return config


def load_layout(path: Path) -> TopicLayout:
    return TopicLayout.model_validate(yaml.safe_load(path.read_text()))


class TopicsRefused(Exception):
    """The broker refused to create topics (e.g. more replicas than brokers): topic → Kafka error code."""

    def __init__(self, refused: dict[str, int]) -> None:
        super().__init__("the broker refused to create " + ", ".join(f"{t} (error {c})" for t, c in refused.items()))
        self.refused = refused


@dataclass
class ApplyReport:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    partition_mismatch: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Topic → (partitions it has, partitions the layout wants)."""


async def apply_specs(bootstrap: str, specs: Sequence[TopicSpec], **client: object) -> ApplyReport:
    """Create every topic of `specs` that does not exist; report what existed and what differs."""
    report = ApplyReport()
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, **client)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [s for s in specs if s.name not in existing]
        if missing:
            response = await admin.create_topics([NewTopic(s.name, s.partitions, s.replication_factor,
                                                           topic_configs=dict(s.config)) for s in missing])
            # Errors come per topic in the answer, not raised; one created meanwhile by another process is fine.
            refused = {error[0]: error[1] for error in response.topic_errors
                       if error[1] not in (0, TopicAlreadyExistsError.errno)}
            if refused:
                raise TopicsRefused(refused)
        report.created = [s.name for s in missing]
        present = [s for s in specs if s.name in existing]
        report.existing = [s.name for s in present]
        if present:
            described = await admin.describe_topics([s.name for s in present])
            have = {d["topic"]: len(d["partitions"]) for d in described}
            report.partition_mismatch = {s.name: (have[s.name], s.partitions) for s in present
                                         if s.name in have and have[s.name] != s.partitions}
    finally:
        await admin.close()
    return report


async def ensure_topics(bootstrap: str, topics: Iterable[str], *, partitions: int, replication: int,
                        **client: object) -> None:
    """Create each topic a service uses, and its DLQ, unless it exists (development; production runs the job)."""
    wanted = sorted({name for t in topics for name in (t, dlq(t)) if not t.endswith(DLQ_SUFFIX)})
    await apply_specs(bootstrap, [TopicSpec(name=t, partitions=partitions, replication_factor=replication)
                                  for t in wanted], **client)
