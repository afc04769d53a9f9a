"""The cached ring asks once per batch, remembers absent keys briefly, and forgets erased keys at once."""

import base64

import httpx
import respx
from complaints_chassis.personal_data import CachedKeyRing, DataKey, Opener, new_data_key
from complaints_chassis.personal_data.http_keys import KEY_LOOKUP_PATH, IntakeKeyRing
from complaints_chassis.personal_data.vault_keys import VaultTransitKeyStore


class CountingRing:
    def __init__(self, *keys: DataKey) -> None:
        self.keys = {k.id: k for k in keys}
        self.calls = 0

    async def get_many(self, key_ids):
        self.calls += 1
        return {k: self.keys[k] for k in key_ids if k in self.keys}


async def test_keys_and_absences_are_remembered_and_erasure_forgets_at_once() -> None:
    key = new_data_key()
    inner = CountingRing(key)
    ring = CachedKeyRing(inner)
    assert await ring.get_many([key.id, "gone-key-0001"]) == {key.id: key}
    assert await ring.get_many([key.id, "gone-key-0001"]) == {key.id: key}
    assert inner.calls == 1
    ring.forget([key.id])
    assert await ring.get_many([key.id]) == {}


@respx.mock
async def test_intake_key_ring_reads_keys_with_its_credentials() -> None:
    key = new_data_key()
    route = respx.post(f"http://intake{KEY_LOOKUP_PATH}").mock(return_value=httpx.Response(
        200, json={"keys": {key.id: base64.b64encode(key.material).decode()}}))
    client = httpx.AsyncClient(base_url="http://intake", auth=httpx.BasicAuth("routing", "s3cret"))
    found = await IntakeKeyRing(client).get_many([key.id, "gone-key-0001"])
    assert found == {key.id: key}
    sent = route.calls.last.request
    assert sent.headers["authorization"] == "Basic " + base64.b64encode(b"routing:s3cret").decode()


@respx.mock
async def test_vault_transit_keys_are_made_once_exported_by_version_and_deleted() -> None:
    material = base64.b64encode(bytes(range(32))).decode()
    vault = "http://vault:8200/v1/transit"
    exports = respx.get(f"{vault}/export/encryption-key/complaints-s1/latest").mock(side_effect=[
        httpx.Response(404, json={"errors": []}),
        httpx.Response(200, json={"data": {"keys": {"1": material}}})])
    create = respx.post(f"{vault}/keys/complaints-s1").mock(return_value=httpx.Response(204))
    config = respx.post(f"{vault}/keys/complaints-s1/config").mock(return_value=httpx.Response(200, json={}))
    store = VaultTransitKeyStore(httpx.AsyncClient(base_url="http://vault:8200"))
    key = await store.key_for("s1")
    assert key.id == "s1-v1" and key.material == bytes(range(32))
    assert create.called and config.called and exports.call_count == 2
    assert create.calls.last.request.content == b'{"type":"aes256-gcm96","exportable":true}'

    respx.get(f"{vault}/export/encryption-key/complaints-s1/1").mock(
        return_value=httpx.Response(200, json={"data": {"keys": {"1": material}}}))
    respx.get(f"{vault}/export/encryption-key/complaints-s2/3").mock(return_value=httpx.Response(404))
    assert await store.get_many(["s1-v1", "s2-v3", "not-a-vault-id"]) == {"s1-v1": key}

    respx.get(f"{vault}/keys/complaints-s1").mock(
        return_value=httpx.Response(200, json={"data": {"keys": {"1": 1700000000, "2": 1700000100}}}))
    delete = respx.delete(f"{vault}/keys/complaints-s1").mock(return_value=httpx.Response(204))
    assert await store.destroy("s1") == ["s1-v1", "s1-v2"]
    assert delete.called


def test_keys_erased_in_a_batch_are_found_from_the_erasure_records() -> None:
    from datetime import UTC, datetime

    from aiokafka import ConsumerRecord
    from complaint_contracts import PersonalDataErased, to_kafka
    from complaints_chassis.personal_data.cipher import erased_key_ids

    erasure = to_kafka(PersonalDataErased(complaint_id="c-12345678", erasure_id="er-1", reason="request",
                                          key_ids=["key-aaaa-1111", "key-bbbb-2222"], erased_at=datetime.now(UTC)))

    def record(value: bytes, headers: list) -> ConsumerRecord:
        return ConsumerRecord("complaints.intake.v1", 0, 1, 0, 0, None, value, None, len(value), 0, headers)

    other = record(b'{"key_ids": ["not-this-one"]}', [("ce_type", b"complaints.intake.ComplaintReceived")])
    broken = record(b"not json", [("ce_type", b"complaints.intake.PersonalDataErased")])
    assert erased_key_ids([record(erasure.value, erasure.headers), other, broken]) == {"key-aaaa-1111",
                                                                                       "key-bbbb-2222"}


async def test_closing_the_opener_closes_the_rings_http_client() -> None:
    client = httpx.AsyncClient(base_url="http://intake")
    opener = Opener(CachedKeyRing(IntakeKeyRing(client)))
    await opener.aclose()
    assert client.is_closed


async def test_an_opener_over_a_ring_without_a_cache_has_nothing_to_forget() -> None:
    key = new_data_key()
    inner = CountingRing(key)
    Opener(inner).forget([key.id])
    assert await inner.get_many([key.id]) == {key.id: key}
