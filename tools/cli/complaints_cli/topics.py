"""`complaints topics apply`: create the topics of the layout (deploy/kafka/topics.yaml) and say what was there.

The one-shot topic job of docker-compose and Kubernetes runs it before the services start. An existing topic is
left as it is; one with fewer partitions than the layout wants fails the job (exit code 1): adding partitions
moves keys to other partitions, which breaks per-complaint order while old records are still unread, so that is
an operator's decision (`kafka-topics --alter --partitions`), never the job's.
"""

import asyncio
from pathlib import Path

import typer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError
from complaints_chassis.topics_admin import ApplyReport, TopicSpec, apply_specs, load_layout
from rich.console import Console
from rich.table import Table

app = typer.Typer(help="Kafka topics of the deployment.", no_args_is_help=True)
console = Console()


@app.command()
def apply(
    file: Path = typer.Option(..., exists=True, dir_okay=False, help="The topic layout (deploy/kafka/topics.yaml)"),
    bootstrap: str = typer.Option(..., help="Kafka bootstrap servers, HOST:PORT[,HOST:PORT…]"),
    replication_factor: int | None = typer.Option(None, min=1, help="Replicas per partition instead of the "
                                                  "layout's (e.g. 1 on a single-broker development cluster)"),
) -> None:
    """Create every topic of the layout and its dead-letter twin that does not exist; report the others."""
    specs = load_layout(file).specs(replication_factor=replication_factor)
    try:
        report, present = asyncio.run(_apply(bootstrap, specs))
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


async def _apply(bootstrap: str, specs: list[TopicSpec]) -> tuple[ApplyReport, set[str]]:
    report = await apply_specs(bootstrap, specs)
    # Checked afterwards: a topic the broker refused to create (too few brokers for its replication, a bad
    # setting) must fail the job instead of being reported as created.
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        present = set(await admin.list_topics())
    finally:
        await admin.close()
    return report, present


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
