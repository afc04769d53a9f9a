"""The key to seal more personal data about a complaint with: never a new one once the complaint was erased.

A subject's key is made on first use, so sealing what an erased complaint's customer sends would make a new key that
no erasure destroyed: what they sent would stay readable while every reader treats the complaint as erased. The
erasure mark refuses that; so does the complaint's own key being gone, which an erasure destroys before it writes
the mark.
"""

from complaints_chassis.personal_data import DataKey, KeyStore


async def live_key(keys: KeyStore, *, subject: str, key_id: str | None) -> DataKey | None:
    """The subject's current key, or None when `key_id` (the key the complaint was filed under) was destroyed."""
    if key_id is not None and not await keys.get_many([key_id]):
        return None
    return await keys.key_for(subject)
