"""Intake's key API as its clients see it: reader services read keys by id with their own credentials (the embedded
default), and partner systems ask for the key to seal a submission with before they publish it."""

import base64
from collections.abc import Iterable

import httpx
from complaint_contracts import ComplaintSubmission, KafkaRecord, to_kafka

from .cipher import sealing
from .envelope import DataKey

KEY_LOOKUP_PATH = "/v1/data-keys/lookups"
SEALING_KEY_PATH = "/v1/data-keys/sealing-keys"
MAX_IDS_PER_LOOKUP = 1000


class IntakeKeyRing:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._http = client  # base_url = intake's API, HTTP Basic auth = this service's key-reader credentials

    async def get_many(self, key_ids: Iterable[str]) -> dict[str, DataKey]:
        wanted = sorted(set(key_ids))
        found: dict[str, DataKey] = {}
        for start in range(0, len(wanted), MAX_IDS_PER_LOOKUP):
            answer = await self._http.post(KEY_LOOKUP_PATH, json={"key_ids": wanted[start:start + MAX_IDS_PER_LOOKUP]})
            answer.raise_for_status()
            found |= {key_id: DataKey(id=key_id, material=base64.b64decode(material))
                      for key_id, material in answer.json()["keys"].items()}
        return found

    async def aclose(self) -> None:
        await self._http.aclose()


class SubmissionSealer:
    """A partner system's side of sealed submissions: the customer's key from intake (HTTP Basic with the partner's
    `source_system` and secret), then the submission's record with every personal value sealed under it, so that
    `complaints.submissions.v1` holds no plaintext and an erasure makes the record unreadable there too."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._http = client  # base_url = intake's API, HTTP Basic auth = the partner's sealer credentials

    async def key_for(self, submission: ComplaintSubmission) -> DataKey:
        """The key intake seals this customer's data with (found from the submission's e-mail or phone)."""
        answer = await self._http.post(SEALING_KEY_PATH, json={
            "source_system": submission.source_system, "external_reference": submission.external_reference,
            "email": submission.customer.email, "phone": submission.customer.phone})
        answer.raise_for_status()
        found = answer.json()
        return DataKey(id=found["key_id"], material=base64.b64decode(found["key"]))

    async def record(self, submission: ComplaintSubmission) -> KafkaRecord:
        """The submission as a Kafka record, its personal values sealed."""
        return to_kafka(submission, sealing(await self.key_for(submission)))

    async def aclose(self) -> None:
        await self._http.aclose()
