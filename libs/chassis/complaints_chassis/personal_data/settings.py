"""Settings of key access: intake owns the keys; routing, resolution and notification read them."""

from typing import Literal

from pydantic import BaseModel, Field, SecretStr


class VaultSettings(BaseModel):
    vault_url: str | None = Field(default=None, description="HashiCorp Vault address, e.g. https://vault:8200 "
                                                            "(keys in its Transit engine)")
    vault_token: SecretStr | None = Field(default=None, description="This service's Vault token (its own policy)")
    vault_transit_mount: str = Field(default="transit", description="Mount path of the Transit engine")
    vault_key_prefix: str = Field(default="complaints-", description="Prefix of the per-subject transit keys")


class KeyReaderSettings(VaultSettings):
    """Mixed into the Settings of a service that opens personal data."""

    personal_data_keys: Literal["intake", "vault"] = Field(
        default="intake", description="Where keys are read: intake's key API (embedded default) or Vault")
    keys_url: str | None = Field(default=None, description="Intake's API base URL, for its key API")
    keys_client: str | None = Field(default=None, description="This service's name as a key reader at intake")
    keys_secret: SecretStr | None = Field(default=None, description="This service's key-reader secret at intake")
    keys_cache_seconds: float = Field(default=300.0, gt=0,
                                      description="How long a key read is kept in memory (erasure drops it at once)")


class KeyOwnerSettings(VaultSettings):
    """Mixed into intake's Settings: the key store and who may read it."""

    personal_data_keys: Literal["mongo", "vault"] = Field(
        default="mongo", description="Key store: intake's own MongoDB (embedded default) or Vault Transit")
    key_encryption_keys: list[SecretStr] = Field(
        default_factory=list, description="Key-encryption keys of the MongoDB key store, `id:base64-of-32-bytes`, "
                                          "current first (JSON list); required with personal_data_keys=mongo")
    subject_pepper: SecretStr | None = Field(
        default=None, min_length=32, description="Secret that turns e-mail addresses and phone numbers into "
                                                 "data-subject ids (never stored)")
    key_readers: dict[str, SecretStr] = Field(
        default_factory=dict, description="Services allowed to read keys from the key API: name → secret (JSON)")
    key_sealers: dict[str, SecretStr] = Field(
        default_factory=dict, description="Partner systems allowed to ask for the key to seal their submissions "
                                          "with: source_system → secret (JSON)")
