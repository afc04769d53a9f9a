import jwt
import pytest
from complaints_chassis.staff_auth import StaffClaims, StaffTokenVerifier
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.support.staff import TEST_JWT_SECRET, staff_token


def test_a_token_signed_with_the_shared_key_gives_its_claims() -> None:
    verifier = StaffTokenVerifier(secret=TEST_JWT_SECRET)
    token = staff_token(sub="emp-7", role=["agent", "quality"], team="support-en", department="customer_support")
    assert verifier.claims(token) == StaffClaims("emp-7", frozenset({"agent", "quality"}), frozenset({"support-en"}),
                                                 frozenset({"customer_support"}))


@pytest.mark.parametrize("token", [
    staff_token(secret="another-key-another-key-another-key!"),
    staff_token(ttl=-10),
    jwt.encode({"sub": "emp-1", "role": "admin"}, TEST_JWT_SECRET, algorithm="HS256"),  # no expiry
    jwt.encode({"sub": "e", "exp": 9999999999}, "", algorithm="none"),
])
def test_untrustworthy_tokens_are_refused(token: str) -> None:
    with pytest.raises(jwt.InvalidTokenError):
        StaffTokenVerifier(secret=TEST_JWT_SECRET).claims(token)


def test_rs256_tokens_verify_with_the_identity_providers_public_key() -> None:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = private.public_key().public_bytes(serialization.Encoding.PEM,
                                               serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    token = jwt.encode({"sub": "emp-9", "role": "admin", "exp": 9999999999}, private, algorithm="RS256")
    assert StaffTokenVerifier(public_key=public).claims(token).roles == {"admin"}
    with pytest.raises(jwt.InvalidTokenError):
        StaffTokenVerifier(secret=TEST_JWT_SECRET).claims(token)  # RS256 without a public key configured


def test_a_verifier_without_keys_is_not_configured() -> None:
    assert not StaffTokenVerifier().configured
