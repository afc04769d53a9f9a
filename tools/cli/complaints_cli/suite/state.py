"""Where the suite `complaints up` started can be found: `.run/suite.json`, written while it runs."""

import json
import os
from pathlib import Path
from typing import Any

import psutil
import typer

from .processes import PROCESSES, Suite

RUN_DIR = Path(".run")
STATE_FILE = RUN_DIR / "suite.json"
SUPERVISOR_FILE = RUN_DIR / "supervisor.json"
"""Restart counts per process, written by the supervisor of `complaints up` (`complaints status` shows them)."""
CONTROL_DIR = RUN_DIR / "control"
"""Requests to the running `complaints up` (`complaints restart`), see control.py."""


def record_running(suite: Suite) -> None:
    """What the other commands need: the services' URLs, the broker, the mailbox, logs, the staff token secret."""
    STATE_FILE.write_text(json.dumps({"services": {s: suite.url(s) for s in PROCESSES},
                                      "kafka": suite.kafka_bootstrap,
                                      "mailbox": str(suite.mailbox), "logs": str(suite.logs),
                                      "resolution_jwt_secret": suite.resolution_jwt_secret,
                                      "pid": os.getpid()}))


def forget_running() -> None:
    STATE_FILE.unlink(missing_ok=True)
    SUPERVISOR_FILE.unlink(missing_ok=True)


def running() -> dict[str, Any]:
    """The running suite's state; the command stops (exit code 1) when no suite is running."""
    if not STATE_FILE.exists():
        typer.echo("The suite is not running (start it with `make run`).", err=True)
        raise typer.Exit(1)
    state = json.loads(STATE_FILE.read_text())
    if "pid" in state and not psutil.pid_exists(state["pid"]):
        typer.echo(f"The suite is not running: {STATE_FILE} is left from a run that ended abruptly "
                   f"(process {state['pid']} is gone); start it with `make run`.", err=True)
        raise typer.Exit(1)
    return state


def staff_secret(state: dict[str, Any]) -> str:
    """The secret that signs staff tokens for the running suite; the command stops when it was not recorded."""
    secret = state.get("resolution_jwt_secret")
    if not secret:
        typer.echo("The running suite did not record a token secret; restart it.", err=True)
        raise typer.Exit(1)
    return secret
