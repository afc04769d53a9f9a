"""The topic catalogue in code, in deploy/kafka/topics.yaml and in docs/architecture.md agree."""

from pathlib import Path

import yaml
from complaint_contracts import TOPIC_CLASSES, topics
from complaint_contracts.catalogue import CONSUMERS, PRODUCERS

ROOT = Path(__file__).resolve().parents[2]


def test_deploy_topics_are_the_contract_topics() -> None:
    deployed = yaml.safe_load((ROOT / "deploy/kafka/topics.yaml").read_text())
    assert [t["name"] for t in deployed["topics"]] == list(topics.ALL)
    assert {t["name"]: t["producer"] for t in deployed["topics"]} == PRODUCERS
    assert deployed["dead_letter"]["suffix"] == topics.DLQ_SUFFIX


def test_every_topic_has_producer_consumers_and_events() -> None:
    for topic in topics.ALL:
        assert PRODUCERS[topic] and CONSUMERS[topic] and TOPIC_CLASSES[topic]
