"""deploy/kafka/topics.yaml: each topic says how long it keeps its events, and the choices hang together (the
reasons are the comments in the file; tests/contract/test_topics.py keeps the names in step with the contracts)."""

from pathlib import Path

from complaint_contracts import topics
from complaint_contracts.catalogue import CONSUMERS
from complaints_chassis.topics_admin import load_layout

ROOT = Path(__file__).resolve().parents[3]
LAYOUT_FILE = ROOT / "deploy" / "kafka" / "topics.yaml"
LAYOUT = load_layout(LAYOUT_FILE)
SPECS = {spec.name: spec for spec in LAYOUT.specs()}
DAY_MS = 24 * 3600 * 1000


def retention_days(topic: str) -> float:
    return int(SPECS[topic].config["retention.ms"]) / DAY_MS


def test_every_topic_states_its_own_retention():
    for entry in LAYOUT.topics:
        assert "retention.ms" in entry.config, f"{entry.name} relies on the default: say what it keeps and why"
    assert "retention.ms" in LAYOUT.dead_letter.config


def test_every_topic_is_replicated_and_deletes_old_segments():
    for spec in SPECS.values():
        assert spec.replication_factor >= 3
        assert int(spec.config["min.insync.replicas"]) == spec.replication_factor - 1
        assert spec.config["cleanup.policy"] == "delete"


def test_a_consumer_outage_of_a_long_weekend_is_survived_everywhere():
    for topic in topics.ALL_WITH_DLQ:
        assert retention_days(topic) >= 7, topic


def test_raw_submissions_are_kept_the_shortest():
    assert retention_days(topics.SUBMISSIONS) == min(retention_days(topic) for topic in topics.ALL_WITH_DLQ)


def test_the_topics_a_read_model_is_rebuilt_from_keep_the_same_span():
    """analytics.entrypoints.replay reads every topic analytics consumes together: a fact rebuilt from a longer
    history of one topic than of another would be half a fact."""
    rebuilt_from = [topic for topic, consumers in CONSUMERS.items() if "analytics" in consumers]
    assert len({retention_days(topic) for topic in rebuilt_from}) == 1, \
        {topic: retention_days(topic) for topic in rebuilt_from}
    assert retention_days(rebuilt_from[0]) >= 366 + 28, "a year of figures can be replayed, with a month to spare"


def test_every_dead_letter_is_kept_a_month_to_be_investigated():
    for topic in topics.ALL:
        assert retention_days(topics.dlq(topic)) >= 30, topics.dlq(topic)


def test_a_refused_submission_outlives_the_submission_but_not_by_more_than_it_needs():
    """The dead letter is the only copy of a refused submission, in the partner's plaintext that no erasure reaches:
    long enough to investigate and replay, no longer."""
    kept = retention_days(topics.dlq(topics.SUBMISSIONS))
    assert retention_days(topics.SUBMISSIONS) < kept <= 31


def test_every_retention_is_explained_in_a_comment():
    lines = LAYOUT_FILE.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if "retention.ms" in line and "#" not in line:
            above = lines[max(0, number - 6):number]
            assert any(text.strip().startswith("#") for text in above), f"line {number + 1}: {line.strip()}"
