"""Building the key store or key ring the settings describe."""

import httpx
from pymongo.asynchronous.database import AsyncDatabase

from .http_keys import IntakeKeyRing
from .keys import CachedKeyRing, KeyRing, KeyStore
from .mongo_keys import KeyEncryptionKeys, MongoKeyStore
from .settings import KeyOwnerSettings, KeyReaderSettings, VaultSettings
from .vault_keys import VaultTransitKeyStore

KEYS_COLLECTION = "data_keys"


def _vault(settings: VaultSettings) -> VaultTransitKeyStore:
    if not settings.vault_url or settings.vault_token is None:
        raise ValueError("personal_data_keys=vault needs vault_url and vault_token")
    client = httpx.AsyncClient(base_url=settings.vault_url, timeout=10.0,
                               headers={"X-Vault-Token": settings.vault_token.get_secret_value()})
    return VaultTransitKeyStore(client, mount=settings.vault_transit_mount, prefix=settings.vault_key_prefix)


async def open_key_store(settings: KeyOwnerSettings, db: AsyncDatabase) -> KeyStore:
    if settings.personal_data_keys == "vault":
        return _vault(settings)
    if not settings.key_encryption_keys:
        raise ValueError("the MongoDB key store needs key_encryption_keys")
    store = MongoKeyStore(db[KEYS_COLLECTION],
                          KeyEncryptionKeys.parse(k.get_secret_value() for k in settings.key_encryption_keys))
    await store.ensure_indexes()
    return store


def key_ring(settings: KeyReaderSettings) -> CachedKeyRing:
    ring: KeyRing
    if settings.personal_data_keys == "vault":
        ring = _vault(settings)
    else:
        if not (settings.keys_url and settings.keys_client and settings.keys_secret):
            raise ValueError("reading keys from intake needs keys_url, keys_client and keys_secret")
        ring = IntakeKeyRing(httpx.AsyncClient(
            base_url=settings.keys_url, timeout=10.0,
            auth=httpx.BasicAuth(settings.keys_client, settings.keys_secret.get_secret_value())))
    return CachedKeyRing(ring, ttl_seconds=settings.keys_cache_seconds)
