"""The key API for the services that open personal data: `POST /v1/data-keys/lookups`, HTTP Basic with each
reader's own name and secret (`INTAKE_KEY_READERS`); and for partner systems that seal their submissions:
`POST /v1/data-keys/sealing-keys`, HTTP Basic with the partner's `source_system` and secret (`INTAKE_KEY_SEALERS`).
Service to service, on the cluster network only."""

import base64
from typing import Annotated

from complaints_chassis.personal_data.http_keys import KEY_LOOKUP_PATH, MAX_IDS_PER_LOOKUP, SEALING_KEY_PATH
from complaints_chassis.problems import Problem
from fastapi import APIRouter, Depends, Response
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ..deps import Deps
from ..domain import rules
from ..domain.problems import FieldProblem, answer_errors, problem
from .schemas import PROBLEM

basic = HTTPBasic(auto_error=False, description="The reader service's name and secret")
sealer_basic = HTTPBasic(auto_error=False, scheme_name="SealerBasic",
                         description="The partner system's `source_system` and secret")

KeyId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{8,128}$")]


class KeyLookup(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    key_ids: list[KeyId] = Field(max_length=MAX_IDS_PER_LOOKUP, description="Ids of the keys wanted (from sealed "
                                                                            "values: `pd1.<key id>.…`)")


class KeysFound(BaseModel):
    keys: dict[str, str] = Field(description="Key id → key material (base64). A destroyed or unknown key is left "
                                             "out: its values read as erased")


class SealingKeyRequest(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    source_system: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$",
                               description="The submission's `source_system`: the partner's own name")
    external_reference: str = Field(min_length=1, max_length=128, description="The submission's `external_reference`")
    email: str | None = Field(default=None, max_length=254, description="The customer's e-mail address as it will be "
                                                                        "in the submission")
    phone: str | None = Field(default=None, max_length=32, description="The customer's phone number as it will be in "
                                                                       "the submission (E.164)")


class SealingKey(BaseModel):
    key_id: str = Field(description="The key's id: sealed values carry it (`pd1.<key id>.…`)")
    key: str = Field(description="The key material (base64, 32 bytes, AES-256-GCM); hold it only while sealing")


def _named(client: str | None, *, who: str, realm: str) -> str:
    """The client the credentials named, or 401 with a challenge."""
    if client is None:
        raise Problem(401, "Unauthorized", f"{who}'s name and secret are required (HTTP Basic)",
                      headers={"WWW-Authenticate": f'Basic realm="{realm}", charset="UTF-8"'})
    return client


async def key_reader(deps: Deps, credentials: HTTPBasicCredentials | None = Depends(basic)) -> str:
    """The reader service the credentials name, or 401."""
    reader = deps.data_keys.reader(credentials.username, credentials.password) if credentials else None
    return _named(reader, who="a key reader", realm="data-keys")


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


async def key_sealer(deps: Deps, credentials: HTTPBasicCredentials | None = Depends(sealer_basic)) -> str:
    """The partner system the credentials name, or 401."""
    sealer = deps.data_keys.sealer(credentials.username, credentials.password) if credentials else None
    return _named(sealer, who="a partner system", realm="sealing-keys")


def _contact_problems(body: SealingKeyRequest) -> list[FieldProblem]:
    found = [("email", rules.email_rejection(body.email) if body.email is not None else None),
             ("phone", rules.phone_rejection(body.phone) if body.phone is not None else None)]
    return [problem(name, r.code, r.reason) for name, r in found if r is not None]


@router.post(SEALING_KEY_PATH, response_model=SealingKey, summary="The key to seal a submission with",
             description="The current key of the customer a partner's submission is about (found from its e-mail "
                         "address, else its phone number, else the submission itself), made if they have none: the "
                         "partner seals every personal value with it before publishing on "
                         "`complaints.submissions.v1`, so the topic holds no plaintext and an erasure reaches it. "
                         "A partner asks only under its own `source_system`. Never cached.",
             responses={401: {"description": "No or wrong partner credentials", **PROBLEM},
                        403: {"description": "The submission's `source_system` is not the partner's own", **PROBLEM},
                        422: {"description": "A field is missing or malformed (named in `errors`)", **PROBLEM}})
async def sealing_key(body: SealingKeyRequest, response: Response, deps: Deps,
                      sealer: Annotated[str, Depends(key_sealer)]) -> SealingKey:
    if body.source_system != sealer:
        raise Problem(403, "Forbidden", "a partner asks for keys only for its own source_system")
    if problems := _contact_problems(body):
        raise Problem(422, "Request is not valid", "; ".join(f"{p.field}: {p.reason}" for p in problems),
                      type_="/problems/validation", errors=answer_errors(problems))
    response.headers["Cache-Control"] = "no-store"
    key = await deps.data_keys.sealing_key(source_system=body.source_system,
                                           external_reference=body.external_reference,
                                           email=body.email, phone=body.phone)
    return SealingKey(key_id=key.id, key=base64.b64encode(key.material).decode())
