"""`complaints`: run the embedded suite and look at it. The app only; each family's commands live with it."""

import typer

from .bench.commands import bench
from .dlq.commands import app as dlq_app
from .keys import app as keys_app
from .loadgen.commands import loadgen
from .personal_data import app as personal_data_app
from .suite.commands import mail, restart, status, up
from .suite.tokens import app as token_app
from .topics import app as topics_app
from .triage.commands import app as triage_app

app = typer.Typer(help="Customer-complaint management platform: run and inspect the suite.", no_args_is_help=True)
app.add_typer(token_app, name="token")
app.add_typer(topics_app, name="topics")
app.add_typer(dlq_app, name="dlq")
app.add_typer(keys_app, name="keys")
app.add_typer(personal_data_app, name="personal-data")
app.add_typer(triage_app, name="triage")
for command in (up, status, restart, mail, loadgen, bench):
    app.command()(command)

if __name__ == "__main__":
    app()
