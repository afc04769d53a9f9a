"""`complaints topics apply` against the embedded broker: the real layout created, then found; mismatches told."""

import asyncio
import uuid
from pathlib import Path

import pytest
import yaml
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from complaints_chassis.topics_admin import load_layout
from complaints_cli.main import app
from complaints_cli.suite.embedded import free_port
from typer.testing import CliRunner

from tests.support.backends import Backend

LAYOUT = Path(__file__).resolve().parents[3] / "deploy/kafka/topics.yaml"
WIDE = {"COLUMNS": "250"}  # one table row per line, names never folded


async def partitions_of(bootstrap: str, names: list[str]) -> dict[str, int]:
    """Partition counts of those topics that exist (listing first: describing an absent one may create it)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        present = [n for n in names if n in set(await admin.list_topics())]
        described = await admin.describe_topics(present) if present else []
        return {d["topic"]: len(d["partitions"]) for d in described}
    finally:
        await admin.close()


async def create(bootstrap: str, name: str, partitions: int) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, partitions, 1)])
    finally:
        await admin.close()


def apply(layout: Path, bootstrap: str) -> tuple[int, dict[str, str]]:
    """Exit code, and each topic's outcome as the table prints it."""
    result = CliRunner().invoke(app, ["topics", "apply", "--file", str(layout), "--bootstrap", bootstrap,
                                      "--replication-factor", "1"], env=WIDE)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    outcomes = {}
    for line in result.stdout.splitlines():
        cells = [c.strip() for c in line.split("│") if c.strip()]
        if len(cells) == 4 and cells[0] != "topic":
            outcomes[cells[0]] = cells[3]
    return result.exit_code, outcomes


def test_the_deployment_layout_is_created_then_found_as_it_is(backend: Backend) -> None:
    specs = load_layout(LAYOUT).specs(replication_factor=1)
    wanted = {s.name: s.partitions for s in specs}
    # Other tests of the session may have created some of these topics already (with their own partitions).
    before = asyncio.run(partitions_of(backend.kafka_bootstrap, list(wanted)))

    code, first = apply(LAYOUT, backend.kafka_bootstrap)

    assert set(first) == set(wanted) and len(wanted) == 12
    assert {n for n, o in first.items() if o == "created"} == set(wanted) - set(before)
    after = asyncio.run(partitions_of(backend.kafka_bootstrap, list(wanted)))
    assert {n: after[n] for n in wanted if n not in before} == {n: p for n, p in wanted.items() if n not in before}
    short = {n for n, have in before.items() if have < wanted[n]}
    assert code == (1 if short else 0)

    code, second = apply(LAYOUT, backend.kafka_bootstrap)

    assert "created" not in second.values()
    assert {n for n, o in second.items() if o == "exists"} == {n for n in wanted if after[n] == wanted[n]}
    assert code == (1 if short else 0)


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, str]:
    """A layout of one topic of its own: 4 partitions, and its dead-letter twin."""
    name = f"cli.apply-{uuid.uuid4().hex[:8]}.v1"
    content = yaml.safe_load(LAYOUT.read_text())
    content["topics"] = [{"name": name, "producer": "a test", "partitions": 4}]
    path = tmp_path / "topics.yaml"
    path.write_text(yaml.safe_dump(content))
    return path, name


def test_a_topic_with_fewer_partitions_than_the_layout_fails_the_job(backend: Backend, layout: tuple[Path, str]
                                                                      ) -> None:
    path, name = layout
    asyncio.run(create(backend.kafka_bootstrap, name, 2))

    code, outcomes = apply(path, backend.kafka_bootstrap)

    assert code == 1
    assert outcomes == {name: "exists with 2 partitions (layout: 4)", f"{name}.dlq": "created"}


def test_a_topic_with_more_partitions_is_reported_and_left_alone(backend: Backend, layout: tuple[Path, str]) -> None:
    path, name = layout
    asyncio.run(create(backend.kafka_bootstrap, name, 6))

    code, outcomes = apply(path, backend.kafka_bootstrap)

    assert code == 0
    assert outcomes[name] == "exists with 6 partitions (layout: 4)"
    assert asyncio.run(partitions_of(backend.kafka_bootstrap, [name, f"{name}.dlq"])) == {name: 6, f"{name}.dlq": 4}


def test_a_broker_that_does_not_answer_fails_the_job_saying_so() -> None:
    nowhere = f"127.0.0.1:{free_port()}"
    result = CliRunner().invoke(app, ["topics", "apply", "--file", str(LAYOUT), "--bootstrap", nowhere], env=WIDE)
    assert result.exit_code == 1
    assert f"Kafka at {nowhere} did not answer" in result.stdout
