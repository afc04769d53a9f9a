"""`complaints topics apply`: create the topics of the layout (deploy/kafka/topics.yaml) and say what was there.

The one-shot topic job of docker-compose and Kubernetes runs it before the services start. An existing topic is
left as it is; one with fewer partitions than the layout wants fails the job (exit code 1): adding partitions
moves keys to other partitions, which breaks per-complaint order while old records are still unread, so that is
an operator's decision (`kafka-topics --alter --partitions`), never the job's.

Production brokers refuse unauthenticated clients, so the job connects like a service does (TLS, optionally
mutual, and SASL/SCRAM with its own principal; docs/security.md lists its ACLs). Each security option can also be
given as a `TOPICS_KAFKA_*` environment variable — the password only that way in deployments, so it appears in no
command line.
"""

import asyncio
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError
from complaints_chassis.kafka_security import client_options
from complaints_chassis.settings import ServiceSettings
from complaints_chassis.topics_admin import ApplyReport, TopicSpec, TopicsRefused, apply_specs, load_layout
from pydantic import SecretStr
from rich.console import Console
from rich.table import Table

app = typer.Typer(help="Kafka topics of the deployment.", no_args_is_help=True)
console = Console()
ENV_PREFIX = "TOPICS_"
"""Prefix of the environment variables the command reads (TOPICS_KAFKA_TLS …), like <SERVICE>_KAFKA_TLS."""


class SaslMechanism(StrEnum):
    """The SASL mechanisms the services accept (ServiceSettings.kafka_sasl_mechanism)."""

    SCRAM_SHA_256 = "SCRAM-SHA-256"
    SCRAM_SHA_512 = "SCRAM-SHA-512"


def _file(help_: str, name: str) -> Any:
    return typer.Option(None, exists=True, dir_okay=False, envvar=f"{ENV_PREFIX}{name}", help=help_)


CA_FILE = _file("CA bundle that signed the brokers' certificates", "KAFKA_TLS_CA_FILE")
CERT_FILE = _file("Client certificate (mutual TLS)", "KAFKA_TLS_CERT_FILE")
KEY_FILE = _file("Client certificate's private key (mutual TLS)", "KAFKA_TLS_KEY_FILE")


@app.command()
def apply(
    file: Path = typer.Option(..., exists=True, dir_okay=False, help="The topic layout (deploy/kafka/topics.yaml)"),
    bootstrap: str = typer.Option(..., help="Kafka bootstrap servers, HOST:PORT[,HOST:PORT…]"),
    replication_factor: int | None = typer.Option(None, min=1, help="Replicas per partition instead of the "
                                                  "layout's (e.g. 1 on a single-broker development cluster)"),
    kafka_tls: bool = typer.Option(False, "--kafka-tls/--no-kafka-tls", envvar=f"{ENV_PREFIX}KAFKA_TLS",
                                   help="Connect to Kafka over TLS"),
    kafka_tls_ca_file: Path | None = CA_FILE,
    kafka_tls_cert_file: Path | None = CERT_FILE,
    kafka_tls_key_file: Path | None = KEY_FILE,
    kafka_sasl_mechanism: SaslMechanism | None = typer.Option(
        None, envvar=f"{ENV_PREFIX}KAFKA_SASL_MECHANISM", help="SASL mechanism of the job's Kafka principal"),
    kafka_sasl_username: str | None = typer.Option(None, envvar=f"{ENV_PREFIX}KAFKA_SASL_USERNAME",
                                                   help="The job's Kafka principal"),
    kafka_sasl_password: str | None = typer.Option(
        None, envvar=f"{ENV_PREFIX}KAFKA_SASL_PASSWORD", show_default=False,
        help=f"Password of the principal; give it as {ENV_PREFIX}KAFKA_SASL_PASSWORD, not on the command line"),
) -> None:
    """Create every topic of the layout and its dead-letter twin that does not exist; report the others."""
    if kafka_sasl_mechanism is not None and not (kafka_sasl_username and kafka_sasl_password):
        raise typer.BadParameter(f"needs --kafka-sasl-username and {ENV_PREFIX}KAFKA_SASL_PASSWORD",
                                 param_hint="--kafka-sasl-mechanism")
    security = ServiceSettings.model_construct(
        # model_construct: the job needs only the services' Kafka security fields (checked above as the settings'
        # own validator checks them), not their store settings, which it would have to invent to validate.
        kafka_bootstrap=bootstrap, kafka_tls=kafka_tls, kafka_tls_ca_file=kafka_tls_ca_file,
        kafka_tls_cert_file=kafka_tls_cert_file, kafka_tls_key_file=kafka_tls_key_file,
        kafka_sasl_mechanism=kafka_sasl_mechanism.value if kafka_sasl_mechanism else None,
        kafka_sasl_username=kafka_sasl_username,
        kafka_sasl_password=SecretStr(kafka_sasl_password) if kafka_sasl_password else None)
    specs = load_layout(file).specs(replication_factor=replication_factor)
    try:
        report, present = asyncio.run(_apply(bootstrap, specs, client_options(security)))
    except TopicsRefused as exc:
        console.print(f"[red]Not created (the broker refused them; see its log): "
                      f"{', '.join(f'{t} (error {c})' for t, c in exc.refused.items())}[/red]")
        raise typer.Exit(1) from None
    except KafkaError as exc:
        console.print(f"[red]Kafka at {bootstrap} did not answer: {type(exc).__name__}: {exc}[/red]")
        raise typer.Exit(1) from None
    missing = [name for name in report.created if name not in present]
    console.print(_table(specs, report, missing))
    short = {name: have for name, (have, want) in report.partition_mismatch.items() if have < want}
    if missing:
        console.print(f"[red]Not created (the broker refused them; see its log): {', '.join(missing)}[/red]")
    if short:
        console.print(f"[red]{len(short)} topic(s) have fewer partitions than the layout wants; adding partitions "
                      f"moves keys between partitions, so an operator decides (see tools/cli/README.md).[/red]")
    if missing or short:
        raise typer.Exit(1)


async def _apply(bootstrap: str, specs: list[TopicSpec], client: dict[str, Any]) -> tuple[ApplyReport, set[str]]:
    report = await apply_specs(bootstrap, specs, **client)
    # Checked afterwards: a topic the broker refused to create (too few brokers for its replication, a bad
    # setting) must fail the job instead of being reported as created.
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, **client)
    await admin.start()
    try:
        present = set(await admin.list_topics())
    finally:
        await admin.close()
    return report, present


def environment_variables() -> frozenset[str]:
    """Every environment variable `complaints topics apply` reads (the deployment tests check the job's against it)."""
    command = typer.main.get_command(app)
    return frozenset(param.envvar for param in command.params if isinstance(param.envvar, str))


def _table(specs: list[TopicSpec], report: ApplyReport, missing: list[str]) -> Table:
    table = Table("topic", "partitions", "replicas", "outcome", title="Topics of the layout")
    for spec in specs:
        if spec.name in missing:
            outcome = "[red]not created[/red]"
        elif spec.name in report.created:
            outcome = "[green]created[/green]"
        elif spec.name in report.partition_mismatch:
            have, want = report.partition_mismatch[spec.name]
            colour = "red" if have < want else "yellow"
            outcome = f"[{colour}]exists with {have} partitions (layout: {want})[/{colour}]"
        else:
            outcome = "exists"
        table.add_row(spec.name, str(spec.partitions), str(spec.replication_factor), outcome)
    return table
