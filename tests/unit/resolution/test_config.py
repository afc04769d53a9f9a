"""Resolution opens personal data with keys it reads from intake (or Vault): without them it does not start."""

import pytest
from complaints_chassis.personal_data import CachedKeyRing
from complaints_chassis.settings import SettingsError
from resolution.config import ResolutionSettings

REQUIRED = {"kafka_bootstrap": "127.0.0.1:9", "mongo_url": "mongodb://127.0.0.1:9", "jwt_secret": "x" * 32}


def test_start_up_stops_naming_the_key_settings_that_are_missing():
    settings = ResolutionSettings(**REQUIRED, keys_url="http://intake:8000")

    with pytest.raises(SettingsError) as stopped:
        settings.key_ring()

    message = str(stopped.value)
    assert "RESOLUTION_KEYS_CLIENT" in message and "RESOLUTION_KEYS_SECRET" in message
    assert "RESOLUTION_KEYS_URL" not in message


def test_vault_needs_its_address_and_token():
    with pytest.raises(SettingsError, match="RESOLUTION_VAULT_TOKEN"):
        ResolutionSettings(**REQUIRED, personal_data_keys="vault", vault_url="https://vault:8200").key_ring()


def test_with_intake_credentials_the_ring_caches_keys():
    settings = ResolutionSettings(**REQUIRED, keys_url="http://intake:8000", keys_client="resolution",
                                  keys_secret="reader-secret")

    assert isinstance(settings.key_ring(), CachedKeyRing)
