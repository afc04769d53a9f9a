"""`complaints dlq list|show|replay|skip`: look at dead letters, replay them once fixed, unblock a stuck partition.

Against the running local suite by default; `--bootstrap` points at any cluster. Replays, skips and revealed
payloads are audited (see audit.py and tools/cli/README.md).
"""

import asyncio
from pathlib import Path

import typer
from complaint_contracts.topics import dlq as dlq_of
from rich.console import Console

from ..suite.state import RUN_DIR, running
from . import views
from .audit import audit, default_operator
from .letters import DeadLetter, Location, is_dead_letter_topic
from .reading import dead_letter_topics, read_letter, read_letters
from .replay import MAX_RECORD_BYTES, Refused, replay
from .skip import skip as skip_record

app = typer.Typer(help="Dead letters (`<topic>.dlq`): list, show, replay, and skip a record a group is stuck on.",
                  no_args_is_help=True)
console = Console()

BOOTSTRAP = typer.Option(None, help="Kafka bootstrap servers (default: the running local suite's broker)")
AUDIT_LOG = typer.Option(None, help="Append audit entries to this file (default: .run/audit.log against the local "
                                    "suite; otherwise they are only printed)")
OPERATOR = typer.Option(None, help="Who acts, for the audit trail (default: the operating system user)")


def _target(bootstrap: str | None, audit_log: Path | None) -> tuple[str, Path | None]:
    if bootstrap:
        return bootstrap, audit_log
    return running()["kafka"], audit_log or RUN_DIR / "audit.log"


def _location(text: str) -> Location:
    try:
        where = Location.parse(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    if not is_dead_letter_topic(where.topic):
        raise typer.BadParameter(f"{where.topic} is not a dead-letter topic (`complaints dlq list` shows them)")
    return where


@app.command("list")
def list_letters(
    topic: str | None = typer.Option(None, help="Only this topic's dead letters (the topic or its .dlq)"),
    group: str | None = typer.Option(None, help="Only those this consumer group dead-lettered"),
    limit: int = typer.Option(100, min=1, help="Show the newest this many"),
    bootstrap: str | None = BOOTSTRAP,
) -> None:
    """Dead letters per dead-letter topic: where each lies and came from, which group, why, and when."""
    kafka, _ = _target(bootstrap, None)
    letters = asyncio.run(_letters(kafka, [topic if is_dead_letter_topic(topic) else dlq_of(topic)] if topic else None))
    if group is not None:
        letters = [letter for letter in letters if letter.group == group]
    shown = sorted(letters, key=lambda letter: letter.timestamp_ms)[-limit:]
    console.print(views.letters_table(shown))
    console.print(f"{len(letters)} dead letter(s); {len(shown)} shown.")


async def _letters(kafka: str, topics: list[str] | None) -> list[DeadLetter]:
    return await read_letters(kafka, topics if topics is not None else await dead_letter_topics(kafka))


@app.command()
def show(
    letter: str = typer.Argument(..., help="TOPIC/PARTITION/OFFSET of the dead letter (as `list` prints it)"),
    reveal: bool = typer.Option(False, "--reveal", help="Print the value itself (may hold personal data; audited)"),
    reason: str | None = typer.Option(None, help="Why the value must be seen (required with --reveal)"),
    operator: str | None = OPERATOR,
    bootstrap: str | None = BOOTSTRAP,
    audit_log: Path | None = AUDIT_LOG,
) -> None:
    """One dead letter: its headers, and the shape of its value (field names and sizes), or the value with
    --reveal."""
    where = _location(letter)
    if reveal and not reason:
        raise typer.BadParameter("--reveal needs --reason: personal data is shown only for a stated purpose")
    kafka, log_file = _target(bootstrap, audit_log)
    found = asyncio.run(read_letter(kafka, where))
    if found is None:
        console.print(f"[red]No dead letter at {where}.[/red]")
        raise typer.Exit(1)
    console.print(views.headers_table(found, reveal=reveal))
    if reveal:
        typer.echo(audit("dlq.reveal", operator=operator or default_operator(), reason=reason or "",
                         log_file=log_file, letter=str(where)))
        typer.echo(views.revealed_value(found))
    else:
        console.print(views.shape_table(found))


@app.command("replay")
def replay_letters(
    letters: list[str] = typer.Argument(..., help="TOPIC/PARTITION/OFFSET of each dead letter to replay"),
    reason: str = typer.Option(..., help="Why (the fix that makes it succeed now); kept in the audit trail"),
    force: bool = typer.Option(False, "--force", help="Replay even a letter that would fail again unchanged"),
    max_record_bytes: int = typer.Option(MAX_RECORD_BYTES, min=1,
                                         help="The consumers' record size limit (<SERVICE>_CONSUMER_MAX_RECORD_BYTES)"),
    operator: str | None = OPERATOR,
    bootstrap: str | None = BOOTSTRAP,
    audit_log: Path | None = AUDIT_LOG,
) -> None:
    """Publish each letter's original record (key, value, headers) to its original topic again, with
    dlq-replay-count raised by one."""
    wheres = [_location(text) for text in letters]
    kafka, log_file = _target(bootstrap, audit_log)
    refused = 0
    for where in wheres:
        found = asyncio.run(read_letter(kafka, where))
        try:
            if found is None:
                raise Refused(f"no dead letter at {where}")
            done = asyncio.run(replay(kafka, found, force=force, max_record_bytes=max_record_bytes))
        except Refused as exc:
            refused += 1
            console.print(f"[red]Refused: {exc}[/red]")
            continue
        console.print(f"Replayed {done.letter} to {done.to} (replay {done.replay_count}).")
        typer.echo(audit("dlq.replay", operator=operator or default_operator(), reason=reason, log_file=log_file,
                         letter=str(done.letter), to=str(done.to), forced=force, replay_count=done.replay_count))
    if refused:
        raise typer.Exit(1)


@app.command("skip")
def skip_letter(
    group: str = typer.Option(..., help="The consumer group that is stuck"),
    topic: str = typer.Option(..., help="The topic it is stuck on"),
    partition: int = typer.Option(..., min=0, help="The partition it is stuck on"),
    reason: str = typer.Option(..., help="Why the record is skipped (the incident or ticket); audited"),
    offset: int | None = typer.Option(None, min=0, help="The offset you expect the group to be at (refused if it "
                                                        "moved since you looked)"),
    operator: str | None = OPERATOR,
    bootstrap: str | None = BOOTSTRAP,
    audit_log: Path | None = AUDIT_LOG,
) -> None:
    """Move a stopped consumer group past the record it is stuck on; the record is copied to the dead-letter topic
    first (replayable once fixed)."""
    kafka, log_file = _target(bootstrap, audit_log)
    try:
        done = asyncio.run(skip_record(kafka, group=group, topic=topic, partition=partition, offset=offset,
                                       reason=reason))
    except Refused as exc:
        console.print(f"[red]Refused: {exc}[/red]")
        raise typer.Exit(1) from None
    console.print(f"Skipped {done.record} for group {done.group}: its offset is now {done.committed}; the record "
                  f"is kept as dead letter {done.dead_letter}.")
    typer.echo(audit("dlq.skip", operator=operator or default_operator(), reason=reason, log_file=log_file,
                     group=done.group, record=str(done.record), committed=done.committed,
                     dead_letter=str(done.dead_letter)))
