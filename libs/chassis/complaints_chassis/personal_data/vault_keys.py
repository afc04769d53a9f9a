"""Data subjects' keys in HashiCorp Vault's Transit engine (production): one exportable transit key per subject.

Vault keeps the keys and their versions; destroying the subject deletes its transit key. Intake's Vault token may
create, rotate, export and delete `complaints-*` keys; each other service's token may only export them (read).
API: https://developer.hashicorp.com/vault/api-docs/secret/transit
"""

import base64
from collections.abc import Iterable

import httpx

from .envelope import DataKey

_VERSION_MARK = "-v"


class VaultTransitKeyStore:
    def __init__(self, client: httpx.AsyncClient, *, mount: str = "transit", prefix: str = "complaints-") -> None:
        self._http = client  # base_url = Vault's address, X-Vault-Token header set
        self._mount = mount.strip("/")
        self._prefix = prefix

    def _name(self, subject: str) -> str:
        return f"{self._prefix}{subject}"

    async def key_for(self, subject: str) -> DataKey:
        key = await self._export(subject, "latest")
        if key is not None:
            return key
        name = self._name(subject)
        # Creating an existing key changes nothing in Vault: two instances racing end with the same key.
        (await self._http.post(f"/v1/{self._mount}/keys/{name}",
                               json={"type": "aes256-gcm96", "exportable": True})).raise_for_status()
        (await self._http.post(f"/v1/{self._mount}/keys/{name}/config",
                               json={"deletion_allowed": True})).raise_for_status()
        created = await self._export(subject, "latest")
        if created is None:
            raise RuntimeError("Vault did not export the key it just created")
        return created

    async def keys_for(self, subjects: Iterable[str]) -> dict[str, DataKey]:
        """Vault's transit API has no batch export: one subject after another."""
        return {subject: await self.key_for(subject) for subject in set(subjects)}

    async def rotate(self, subject: str) -> DataKey:
        (await self._http.post(f"/v1/{self._mount}/keys/{self._name(subject)}/rotate")).raise_for_status()
        return await self.key_for(subject)

    async def destroy(self, subject: str) -> list[str]:
        versions = await self._versions(subject)
        answer = await self._http.delete(f"/v1/{self._mount}/keys/{self._name(subject)}")
        if answer.status_code != 404:
            answer.raise_for_status()
        return [_key_id(subject, version) for version in versions]

    async def get_many(self, key_ids: Iterable[str]) -> dict[str, DataKey]:
        found = {}
        for key_id in set(key_ids):
            subject, _, version = key_id.rpartition(_VERSION_MARK)
            if subject and version.isdigit():
                key = await self._export(subject, version)
                if key is not None:
                    found[key_id] = key
        return found

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _versions(self, subject: str) -> list[str]:
        answer = await self._http.get(f"/v1/{self._mount}/keys/{self._name(subject)}")
        if answer.status_code == 404:
            return []
        answer.raise_for_status()
        return sorted(answer.json()["data"]["keys"])

    async def _export(self, subject: str, version: str) -> DataKey | None:
        answer = await self._http.get(
            f"/v1/{self._mount}/export/encryption-key/{self._name(subject)}/{version}")
        if answer.status_code in (400, 404):  # no such key, or no such version (Vault answers 400 for that)
            return None
        answer.raise_for_status()
        keys: dict[str, str] = answer.json()["data"]["keys"]
        number, material = max(keys.items(), key=lambda item: int(item[0]))
        return DataKey(id=_key_id(subject, number), material=base64.b64decode(material))


def _key_id(subject: str, version: str | int) -> str:
    return f"{subject}{_VERSION_MARK}{version}"
