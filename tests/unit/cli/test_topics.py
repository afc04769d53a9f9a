"""`complaints topics apply` tells the truth: what was created, what existed, and it fails the job when a topic
is missing afterwards or has fewer partitions than the layout wants. It connects to Kafka with the same TLS and
SASL settings as the services (options or TOPICS_KAFKA_* variables)."""

import ssl
from pathlib import Path
from typing import Any, get_args

import pytest
from complaints_chassis.settings import ServiceSettings
from complaints_chassis.topics_admin import ApplyReport, TopicSpec, TopicsRefused
from complaints_cli import topics
from complaints_cli.main import app
from typer.testing import CliRunner

LAYOUT = Path(__file__).resolve().parents[3] / "deploy/kafka/topics.yaml"
INTAKE, INTAKE_DLQ = "complaints.intake.v1", "complaints.intake.v1.dlq"


def run(monkeypatch: pytest.MonkeyPatch, report: ApplyReport, present: set[str]) -> tuple[int, dict[str, str]]:
    async def applied(bootstrap: str, specs: list[TopicSpec], client: dict[str, Any]) -> tuple[ApplyReport, set[str]]:
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


SECURITY_FIELDS = ("kafka_tls", "kafka_tls_ca_file", "kafka_tls_cert_file", "kafka_tls_key_file",
                   "kafka_sasl_mechanism", "kafka_sasl_username", "kafka_sasl_password")
PASSWORD = "job-password-0123456789"


def run_secured(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], *options: str,
                outcome: ApplyReport | Exception | None = None) -> tuple[Any, list[dict[str, Any]]]:
    """The command with `env` and `options`; returns its result and the client options each _apply got."""
    calls: list[dict[str, Any]] = []

    async def applied(bootstrap: str, specs: list[TopicSpec], client: dict[str, Any]) -> tuple[ApplyReport, set[str]]:
        calls.append(client)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome or ApplyReport(existing=[s.name for s in specs]), {s.name for s in specs}

    monkeypatch.setattr(topics, "_apply", applied)
    result = CliRunner().invoke(app, ["topics", "apply", "--file", str(LAYOUT), "--bootstrap", "kafka:9093",
                                      *options], env={"COLUMNS": "250", **env})
    return result, calls


def test_the_job_reads_the_services_kafka_security_settings_under_its_own_prefix() -> None:
    assert topics.environment_variables() == {f"TOPICS_{name.upper()}" for name in SECURITY_FIELDS}
    assert set(SECURITY_FIELDS) <= set(ServiceSettings.model_fields)
    [mechanisms] = [get_args(a) for a in get_args(ServiceSettings.model_fields["kafka_sasl_mechanism"].annotation)
                    if get_args(a)]
    assert {m.value for m in topics.SaslMechanism} == set(mechanisms)


def test_without_security_settings_the_job_connects_in_plaintext(monkeypatch: pytest.MonkeyPatch) -> None:
    result, calls = run_secured(monkeypatch, {})
    assert result.exit_code == 0, result.output
    assert calls == [{}]


def test_tls_and_scram_from_the_environment_reach_the_admin_client(monkeypatch: pytest.MonkeyPatch) -> None:
    env = {"TOPICS_KAFKA_TLS": "true", "TOPICS_KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
           "TOPICS_KAFKA_SASL_USERNAME": "kafka-topics", "TOPICS_KAFKA_SASL_PASSWORD": PASSWORD}
    result, [client] = run_secured(monkeypatch, env)
    assert result.exit_code == 0, result.output
    assert client["security_protocol"] == "SASL_SSL"
    assert isinstance(client["ssl_context"], ssl.SSLContext)
    assert (client["sasl_mechanism"], client["sasl_plain_username"], client["sasl_plain_password"]) == \
        ("SCRAM-SHA-512", "kafka-topics", PASSWORD)
    assert PASSWORD not in result.output


def test_options_work_as_well_as_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    result, [client] = run_secured(monkeypatch, {"TOPICS_KAFKA_SASL_PASSWORD": PASSWORD}, "--kafka-sasl-mechanism",
                                   "SCRAM-SHA-256", "--kafka-sasl-username", "kafka-topics")
    assert result.exit_code == 0, result.output
    assert (client["security_protocol"], client["sasl_mechanism"]) == ("SASL_PLAINTEXT", "SCRAM-SHA-256")

    result, [client] = run_secured(monkeypatch, {}, "--kafka-tls")
    assert result.exit_code == 0, result.output
    assert client["security_protocol"] == "SSL" and "sasl_mechanism" not in client


def test_a_sasl_mechanism_without_credentials_is_refused_before_connecting(monkeypatch: pytest.MonkeyPatch) -> None:
    result, calls = run_secured(monkeypatch, {"TOPICS_KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
                                              "TOPICS_KAFKA_SASL_USERNAME": "kafka-topics"})
    assert result.exit_code == 2 and calls == []
    assert "TOPICS_KAFKA_SASL_PASSWORD" in result.output


def test_an_unknown_mechanism_and_a_missing_ca_file_are_refused(monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    result, calls = run_secured(monkeypatch, {"TOPICS_KAFKA_SASL_MECHANISM": "PLAIN"})
    assert result.exit_code == 2 and calls == []
    result, calls = run_secured(monkeypatch, {"TOPICS_KAFKA_TLS": "true",
                                              "TOPICS_KAFKA_TLS_CA_FILE": str(tmp_path / "absent.crt")})
    assert result.exit_code == 2 and calls == []


def test_topics_the_broker_refuses_fail_the_job_with_their_names(monkeypatch: pytest.MonkeyPatch) -> None:
    result, _ = run_secured(monkeypatch, {}, outcome=TopicsRefused({INTAKE_DLQ: 38}))
    assert result.exit_code == 1
    assert f"{INTAKE_DLQ} (error 38)" in result.output
