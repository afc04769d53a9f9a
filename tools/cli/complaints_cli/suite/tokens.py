"""`complaints token`: mint a staff token for the running suite's resolution API (development only)."""

import typer
from complaints_chassis.staff_auth import STAFF_ROLES

from ..staff_client import mint_staff_token
from .state import running, staff_secret

app = typer.Typer(help="Mint a staff bearer token for the resolution API of the running suite.")

ROLES = sorted(STAFF_ROLES)
"""The roles the services know (one registry: the chassis' `STAFF_ROLES`)."""
ROLES_HELP = f"{', '.join(ROLES[:-1])} or {ROLES[-1]} (repeatable)"


def _known(roles: list[str]) -> list[str]:
    unknown = [role for role in roles if role not in STAFF_ROLES]
    if unknown:
        raise typer.BadParameter(f"{', '.join(unknown)}: not a staff role (the roles: {', '.join(ROLES)})")
    return roles


@app.callback(invoke_without_command=True)
def mint(
    role: list[str] = typer.Option(["agent"], callback=_known, help=ROLES_HELP),
    team: list[str] = typer.Option([], help="Team(s) the employee belongs to (repeatable)"),
    department: list[str] = typer.Option([], help="Department(s) the employee supervises or sits in"),
    sub: str = typer.Option("emp-0001", help="Employee id"),
    hours: float = typer.Option(8.0, min=0.01, help="How long the token stays valid"),
) -> None:
    """Print a token signed with the secret of the suite `make run` started."""
    secret = staff_secret(running())
    typer.echo(mint_staff_token(secret, sub=sub, role=role if len(role) > 1 else role[0], team=team,
                                department=department, ttl_seconds=hours * 3600))
