"""The key API for the services that open personal data: `POST /v1/data-keys/lookups`, HTTP Basic with each
reader's own name and secret (`INTAKE_KEY_READERS`). Service to service, on the cluster network only."""

from typing import Annotated

from complaints_chassis.personal_data.http_keys import KEY_LOOKUP_PATH, MAX_IDS_PER_LOOKUP
from complaints_chassis.problems import Problem
from fastapi import APIRouter, Depends, Response
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ..deps import Deps
from .schemas import PROBLEM

CHALLENGE = {"WWW-Authenticate": 'Basic realm="data-keys", charset="UTF-8"'}

basic = HTTPBasic(auto_error=False, description="The reader service's name and secret")

KeyId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{8,128}$")]


class KeyLookup(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    key_ids: list[KeyId] = Field(max_length=MAX_IDS_PER_LOOKUP, description="Ids of the keys wanted (from sealed "
                                                                            "values: `pd1.<key id>.…`)")


class KeysFound(BaseModel):
    keys: dict[str, str] = Field(description="Key id → key material (base64). A destroyed or unknown key is left "
                                             "out: its values read as erased")


async def key_reader(deps: Deps, credentials: HTTPBasicCredentials | None = Depends(basic)) -> str:
    """The reader service the credentials name, or 401."""
    reader = deps.data_keys.reader(credentials.username, credentials.password) if credentials else None
    if reader is None:
        raise Problem(401, "Unauthorized", "a key reader's name and secret are required (HTTP Basic)",
                      headers=CHALLENGE)
    return reader


router = APIRouter(tags=["data keys"])


@router.post(KEY_LOOKUP_PATH, response_model=KeysFound, summary="Keys for a reader service",
             description="The data subjects' keys the reader asks for, to open the personal data of the events it "
                         f"consumes; at most {MAX_IDS_PER_LOOKUP} ids per request. Never cached.",
             responses={401: {"description": "No or wrong reader credentials", **PROBLEM},
                        422: {"description": "Not a list of key ids, or too many", **PROBLEM}})
async def look_up_keys(body: KeyLookup, response: Response, deps: Deps,
                       reader: Annotated[str, Depends(key_reader)]) -> KeysFound:
    response.headers["Cache-Control"] = "no-store"
    return KeysFound(keys=await deps.data_keys.lookup(reader=reader, key_ids=body.key_ids))
