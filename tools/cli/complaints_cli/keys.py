"""`complaints keys rewrap`: after the key-encryption key (KEK) of intake's MongoDB key store was rotated, wrap every
data subject's key under the new one, so that the older KEKs can be retired (docs/privacy.md, *Rotating the
key-encryption key*).

The KEKs come from the environment only, as intake reads them (`INTAKE_KEY_ENCRYPTION_KEYS`, a JSON list of
`id:base64`, current first), never from the command line. Only the wrapping changes: a key keeps its id and
material, so everything sealed with it still opens. One data subject's document is written at a time, so the command
stopped anywhere carries on when run again, and run twice the second run finds nothing to do. It changes nothing
while the store holds keys under a KEK the list lacks: those could not be unwrapped.
"""

import asyncio
import json
import os
from collections import Counter
from dataclasses import dataclass

import typer
from complaints_chassis.personal_data.mongo_keys import KeyEncryptionKeys, MongoKeyStore
from complaints_chassis.personal_data.wiring import KEYS_COLLECTION
from pymongo import AsyncMongoClient
from pymongo.asynchronous.collection import AsyncCollection

app = typer.Typer(help="Intake's store of the data subjects' keys.", no_args_is_help=True)
KEKS_VARIABLE = "INTAKE_KEY_ENCRYPTION_KEYS"


@dataclass(frozen=True)
class Rewrapped:
    """What a run found and did (counts of keys by the KEK they are wrapped under; no key or subject is named)."""

    before: Counter[str]
    subjects: int
    after: Counter[str]


def key_encryption_keys() -> tuple[KeyEncryptionKeys, list[str]]:
    """The KEKs intake is given, and their ids in order (current first); the command stops when they are unusable."""
    try:
        specs = json.loads(os.environ.get(KEKS_VARIABLE) or "[]")
        if not isinstance(specs, list) or not all(isinstance(spec, str) for spec in specs):
            raise ValueError(f"{KEKS_VARIABLE} is a JSON list of `id:base64` strings")
        keks = KeyEncryptionKeys.parse(specs)
    except ValueError as exc:  # json's own error is a ValueError too; none of them repeats a key
        typer.echo(f"{KEKS_VARIABLE}: {exc}", err=True)
        raise typer.Exit(1) from None
    return keks, [spec.partition(":")[0] for spec in specs]


@app.command()
def rewrap(
    mongo_url: str = typer.Option(..., envvar="INTAKE_MONGO_URL", help="Intake's MongoDB connection URL"),
    mongo_database: str = typer.Option("complaints_intake", envvar="INTAKE_MONGO_DATABASE",
                                       help="Intake's database"),
    yes: bool = typer.Option(False, "--yes", help="Do not ask whether every intake instance lists the new KEK"),
) -> None:
    """Wrap every data subject's key under the current (first) key-encryption key of INTAKE_KEY_ENCRYPTION_KEYS."""
    if os.environ.get("INTAKE_PERSONAL_DATA_KEYS", "mongo") == "vault":
        typer.echo("The keys are in Vault, which wraps them itself (`vault operator rotate`): nothing to do here.",
                   err=True)
        raise typer.Exit(1)
    keks, listed = key_encryption_keys()
    if not yes:
        typer.confirm(f"Does every intake instance run with {KEKS_VARIABLE} listing '{keks.current_id}' first? Keys "
                      "moved under it cannot be opened by an instance that lacks it", abort=True)
    try:
        done = asyncio.run(_rewrap(mongo_url, mongo_database, keks, listed))
    except UnknownKeks as exc:
        typer.echo(f"Changed nothing: keys are wrapped under {', '.join(exc.ids)}, which {KEKS_VARIABLE} does not "
                   "list. Add them (after the current one) and run again.", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Before: {_counts(done.before)}.")
    typer.echo(f"Rewrapped the keys of {done.subjects} data subject(s) under '{keks.current_id}'.")
    older = {kek: n for kek, n in done.after.items() if kek != keks.current_id}
    if older:
        typer.echo(f"Still under older KEKs: {_counts(Counter(older))}. An intake instance may still wrap new keys "
                   f"under an older KEK: give every instance the new {KEKS_VARIABLE} and run this again.", err=True)
        raise typer.Exit(1)
    retired = [kek for kek in listed if kek != keks.current_id]
    typer.echo(f"Every key is wrapped under '{keks.current_id}'"
               + (f": {', '.join(retired)} may now be removed from {KEKS_VARIABLE}." if retired else "."))


class UnknownKeks(Exception):
    def __init__(self, ids: list[str]) -> None:
        super().__init__(", ".join(ids))
        self.ids = ids


async def _rewrap(mongo_url: str, database: str, keks: KeyEncryptionKeys, listed: list[str]) -> Rewrapped:
    client: AsyncMongoClient = AsyncMongoClient(mongo_url, tz_aware=True, w="majority", journal=True,
                                                appname="complaints-keys")
    try:
        collection = client[database][KEYS_COLLECTION]
        before = await wrapped_under(collection)
        if unknown := sorted(set(before) - set(listed)):
            raise UnknownKeks(unknown)
        subjects = await MongoKeyStore(collection, keks).rewrap()
        return Rewrapped(before=before, subjects=subjects, after=await wrapped_under(collection))
    finally:
        await client.close()


async def wrapped_under(collection: AsyncCollection) -> Counter[str]:
    """How many keys each KEK wraps."""
    return Counter([entry["kek"] async for document in collection.find({}, {"keys.kek": 1})
                    for entry in document.get("keys", ())])


def _counts(counts: Counter[str]) -> str:
    return ", ".join(f"{n} key(s) under '{kek}'" for kek, n in sorted(counts.items())) or "no keys"
