"""`complaints personal-data reseal`: seal again the title and the remedy in the customer's words of complaints filed
before they were marked personal, and give erased complaints their erased form, announcing the erasure again so that
the services keeping plaintext copies scrub them (docs/privacy.md, *Sealing what was filed before*).

The pass itself is intake's (`intake.usecases.resealing`: it knows intake's documents); this only wires it to the
store and the keys intake is given, read from intake's own variables in the environment, never from the command line.
It makes no key, prints counts only, and can run beside intake's replicas, be stopped anywhere and run again.
"""

import asyncio

import typer
from complaints_chassis.clock import Clock
from complaints_chassis.personal_data import KeyOwnerSettings, open_key_store
from intake.adapters.reseal_store import MongoResealStore
from intake.usecases.resealing import Resealed, ResealService
from pydantic import ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict, SettingsError
from pymongo import AsyncMongoClient

app = typer.Typer(help="Personal data in intake's store.", no_args_is_help=True)


class KeySettings(BaseSettings, KeyOwnerSettings):
    """Intake's key store, from intake's own variables (`INTAKE_PERSONAL_DATA_KEYS`, `INTAKE_KEY_ENCRYPTION_KEYS`,
    `INTAKE_VAULT_…`)."""

    model_config = SettingsConfigDict(env_prefix="INTAKE_", extra="ignore")


@app.command()
def reseal(
    mongo_url: str = typer.Option(..., envvar="INTAKE_MONGO_URL", help="Intake's MongoDB connection URL"),
    mongo_database: str = typer.Option("complaints_intake", envvar="INTAKE_MONGO_DATABASE",
                                       help="Intake's database"),
    page_size: int = typer.Option(200, min=1, max=1000, help="Complaints read and written at a time"),
    yes: bool = typer.Option(False, "--yes", help="Do not ask whether intake and its readers run the version that "
                                                  "marks the title and the remedy personal"),
) -> None:
    """Seal the title and the remedy of complaints filed before they were personal; erase them where erased."""
    try:
        settings = KeySettings()
    except ValidationError as exc:
        names = sorted({f"INTAKE_{str(error['loc'][0]).upper()}" for error in exc.errors()})
        typer.echo(f"Unusable settings: {', '.join(names)}.", err=True)  # never their values
        raise typer.Exit(1) from None
    except SettingsError:  # a value that is not the JSON its variable holds; the message names the field only
        typer.echo("Unusable settings: a JSON variable (INTAKE_KEY_ENCRYPTION_KEYS?) is not valid JSON.", err=True)
        raise typer.Exit(1) from None
    if not yes:
        typer.confirm("Do intake, routing, resolution and notification all run the version that marks the title and "
                      "the remedy personal, and is intake running (it publishes the erasures announced again)?",
                      abort=True)
    try:
        done = asyncio.run(_reseal(mongo_url, mongo_database, settings, page_size))
    except ValueError as exc:  # the key store's settings (no KEK, an unusable one): its message repeats no key
        typer.echo(f"Unusable key store settings: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Sealed the title and remedy of {done.sealed} complaint(s).")
    typer.echo(f"Erased them in {done.erased} erased complaint(s), their erasure announced again.")
    if done.unsealed:
        typer.echo(f"Left {done.unsealed} complaint(s) filed before any sealing as they are.")
    if done.left:
        typer.echo(f"Left {done.left} complaint(s) for another run: {done.key_gone} whose key is gone but which are "
                   f"not marked erased yet (an erasure under way), {done.changed} changed meanwhile. Run this again.",
                   err=True)
        raise typer.Exit(1)


async def _reseal(mongo_url: str, database: str, settings: KeySettings, page_size: int) -> Resealed:
    client: AsyncMongoClient = AsyncMongoClient(mongo_url, tz_aware=True, w="majority", journal=True,
                                                appname="complaints-personal-data")
    try:
        db = client[database]
        keys = await open_key_store(settings, db)
        try:
            return await ResealService(store=MongoResealStore(db), keys=keys, clock=Clock(),
                                       page_size=page_size).run()
        finally:
            await keys.aclose()
    finally:
        await client.close()
