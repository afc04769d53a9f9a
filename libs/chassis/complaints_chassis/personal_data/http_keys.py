"""Keys read from intake's key API with the reading service's own credentials (the embedded default)."""

import base64
from collections.abc import Iterable

import httpx

from .envelope import DataKey

KEY_LOOKUP_PATH = "/v1/data-keys/lookups"
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
