import time
from typing import Any

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
    token = jwt.encode({"sub": "emp-9", "role": "admin", "exp": int(time.time()) + 3600}, private, algorithm="RS256")
    assert StaffTokenVerifier(public_key=public).claims(token).roles == {"admin"}
    with pytest.raises(jwt.InvalidTokenError):
        StaffTokenVerifier(secret=TEST_JWT_SECRET).claims(token)  # RS256 without a public key configured


def test_a_verifier_without_keys_is_not_configured() -> None:
    assert not StaffTokenVerifier().configured



NOW = int(time.time())
"""The verifiers below read this as the time; PyJWT checks `exp` against the real clock, a moment later."""


def signed(**claims: object) -> str:
    return jwt.encode({"sub": "emp-1", "role": "agent", "exp": NOW + 3 * 3600, **claims}, TEST_JWT_SECRET,
                      algorithm="HS256")


def verifier(**options: Any) -> StaffTokenVerifier:
    return StaffTokenVerifier(secret=TEST_JWT_SECRET, now=lambda: NOW, **options)


@pytest.mark.parametrize("claims", [
    {"iat": NOW - 60, "exp": NOW + 12 * 3600 - 60},  # issued for exactly twelve hours
    {"iat": NOW - 11 * 3600, "exp": NOW + 3600},
    {"exp": NOW + 12 * 3600},  # no iat: what is left of it counts
])
def test_a_token_valid_for_at_most_the_maximum_lifetime_is_accepted(claims: dict[str, int]) -> None:
    assert verifier().claims(signed(**claims)).subject == "emp-1"


@pytest.mark.parametrize("claims", [
    {"iat": NOW - 60, "exp": NOW + 12 * 3600},  # issued for twelve hours and a minute
    {"iat": NOW - 30 * 24 * 3600, "exp": NOW + 3600},  # a month-long token, nearly over: still too long-lived
    {"exp": NOW + 12 * 3600 + 1},  # no iat, more than twelve hours left
])
def test_a_token_valid_for_longer_than_the_maximum_lifetime_is_refused(claims: dict[str, int]) -> None:
    with pytest.raises(jwt.InvalidTokenError, match="longer than 12 hours"):
        verifier().claims(signed(**claims))


def test_the_maximum_lifetime_is_a_parameter() -> None:
    token = signed(iat=NOW, exp=NOW + 2 * 3600)
    assert verifier(max_lifetime_hours=2).claims(token).subject == "emp-1"
    with pytest.raises(jwt.InvalidTokenError, match="longer than 1.5 hours"):
        verifier(max_lifetime_hours=1.5).claims(token)


@pytest.mark.parametrize("claims", [{}, {"aud": "another-api"}, {"aud": ""}, {"aud": ["another-api"]}])
def test_with_an_audience_configured_a_token_without_it_is_refused(claims: dict[str, Any]) -> None:
    with pytest.raises(jwt.InvalidTokenError):
        verifier(audience="complaints-staff").claims(signed(**claims))
    assert verifier(audience="complaints-staff").claims(signed(aud="complaints-staff")).subject == "emp-1"


@pytest.mark.parametrize("claims", [{}, {"iss": "https://evil.example.org"}])
def test_with_an_issuer_configured_a_token_without_it_or_from_another_is_refused(claims: dict[str, Any]) -> None:
    with pytest.raises(jwt.InvalidTokenError):
        verifier(issuer="https://id.example.org").claims(signed(**claims))
    assert verifier(issuer="https://id.example.org").claims(signed(iss="https://id.example.org")).subject == "emp-1"
