"""Personal data sealed with per-data-subject keys (crypto-shredding): the envelope, key stores, opening."""

from .cipher import Keeping, KeepSealed, Opener, key_ids_in, key_ids_of, opening, seal_data, sealing
from .envelope import DataKey, UnreadableValue, new_data_key, open_text, seal_text
from .keys import CachedKeyRing, KeyRing, KeyStore
from .settings import KeyOwnerSettings, KeyReaderSettings
from .wiring import key_ring, open_key_store

__all__ = ["CachedKeyRing", "DataKey", "KeepSealed", "Keeping", "KeyOwnerSettings", "KeyReaderSettings", "KeyRing",
           "KeyStore", "Opener", "UnreadableValue", "key_ids_in", "key_ids_of", "key_ring", "new_data_key",
           "open_key_store", "open_text", "opening", "seal_data", "seal_text", "sealing"]
