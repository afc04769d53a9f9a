"""`complaints topics apply` tells the truth: what was created, what existed, and it fails the job when a topic
is missing afterwards or has fewer partitions than the layout wants."""

from pathlib import Path

import pytest
from complaints_chassis.topics_admin import ApplyReport, TopicSpec
from complaints_cli import topics
from complaints_cli.main import app
from typer.testing import CliRunner

LAYOUT = Path(__file__).resolve().parents[3] / "deploy/kafka/topics.yaml"
INTAKE, INTAKE_DLQ = "complaints.intake.v1", "complaints.intake.v1.dlq"


def run(monkeypatch: pytest.MonkeyPatch, report: ApplyReport, present: set[str]) -> tuple[int, dict[str, str]]:
    async def applied(bootstrap: str, specs: list[TopicSpec]) -> tuple[ApplyReport, set[str]]:
        assert bootstrap == "kafka:9092" and {s.replication_factor for s in specs} == {1}
        return report, present

    monkeypatch.setattr(topics, "_apply", applied)
    result = CliRunner().invoke(app, ["topics", "apply", "--file", str(LAYOUT), "--bootstrap", "kafka:9092",
                                      "--replication-factor", "1"], env={"COLUMNS": "250"})
    rows = [[c.strip() for c in line.strip("│").split("│")] for line in result.stdout.splitlines()
            if line.startswith("│")]
    return result.exit_code, {row[0]: row[3] for row in rows} | {"output": result.stdout}


def test_created_and_existing_topics_are_listed_and_the_job_succeeds(monkeypatch: pytest.MonkeyPatch) -> None:
    code, outcome = run(monkeypatch, ApplyReport(created=[INTAKE], existing=[INTAKE_DLQ]), {INTAKE, INTAKE_DLQ})
    assert code == 0
    assert (outcome[INTAKE], outcome[INTAKE_DLQ]) == ("created", "exists")


def test_a_topic_reported_created_but_absent_fails_the_job(monkeypatch: pytest.MonkeyPatch) -> None:
    code, outcome = run(monkeypatch, ApplyReport(created=[INTAKE, INTAKE_DLQ]), {INTAKE})
    assert code == 1
    assert outcome[INTAKE_DLQ] == "not created" and f"Not created (the broker refused them; see its log): " \
        f"{INTAKE_DLQ}" in outcome["output"]


def test_fewer_partitions_fail_the_job_and_more_are_only_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    fewer = ApplyReport(existing=[INTAKE], partition_mismatch={INTAKE: (6, 12)})
    code, outcome = run(monkeypatch, fewer, {INTAKE})
    assert code == 1 and outcome[INTAKE] == "exists with 6 partitions (layout: 12)"

    more = ApplyReport(existing=[INTAKE], partition_mismatch={INTAKE: (24, 12)})
    code, outcome = run(monkeypatch, more, {INTAKE})
    assert code == 0 and outcome[INTAKE] == "exists with 24 partitions (layout: 12)"
