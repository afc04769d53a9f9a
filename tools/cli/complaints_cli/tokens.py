"""`complaints token`: mint a staff token for the running suite's resolution API (development only)."""

import json
import time
from pathlib import Path

import jwt
import typer

app = typer.Typer(help="Mint a staff bearer token for the resolution API of the running suite.")
STATE_FILE = Path(".run") / "suite.json"


@app.callback(invoke_without_command=True)
def mint(
    role: list[str] = typer.Option(["agent"], help="agent, supervisor, quality, legal or admin (repeatable)"),
    team: list[str] = typer.Option([], help="Team(s) the employee belongs to (repeatable)"),
    department: list[str] = typer.Option([], help="Department(s) the employee supervises or sits in"),
    sub: str = typer.Option("emp-0001", help="Employee id"),
    hours: float = typer.Option(8.0, min=0.01, help="How long the token stays valid"),
) -> None:
    """Print a token signed with the secret of the suite `make run` started."""
    if not STATE_FILE.exists():
        typer.echo("The suite is not running (start it with `make run`).", err=True)
        raise typer.Exit(1)
    secret = json.loads(STATE_FILE.read_text()).get("resolution_jwt_secret")
    if not secret:
        typer.echo("The running suite did not record a token secret; restart it.", err=True)
        raise typer.Exit(1)
    claims = {"sub": sub, "role": role if len(role) > 1 else role[0], "team": team, "department": department,
              "exp": int(time.time() + hours * 3600)}
    typer.echo(jwt.encode(claims, secret, algorithm="HS256"))
