"""`complaints`: run the embedded suite and look at it. The app only; each family's commands live with it."""

import typer

from .bench.commands import bench
from .loadgen.commands import loadgen
from .suite.commands import mail, status, up
from .suite.tokens import app as token_app

app = typer.Typer(help="Customer-complaint management platform: run and inspect the suite.", no_args_is_help=True)
app.add_typer(token_app, name="token")
for command in (up, status, mail, loadgen, bench):
    app.command()(command)

if __name__ == "__main__":
    app()
