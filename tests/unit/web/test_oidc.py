"""Staff sign-in through the identity provider: OpenID Connect authorization code flow with PKCE (S256), the
provider faked over HTTP (discovery, token endpoint, keys) with respx."""

import base64
import hashlib
import json
import time
from urllib.parse import parse_qs, urlsplit

import jwt
import respx
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi.testclient import TestClient
from web.main import create_app

from .conftest import RESOLUTION, form, web_settings

ISSUER = "https://id.example.test"
CLIENT_ID = "complaints-desk"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
JWK = {**json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key())), "kid": "k1", "use": "sig", "alg": "RS256"}


def _provider(apis: respx.MockRouter) -> None:
    apis.get(f"{ISSUER}/.well-known/openid-configuration").respond(json={
        "issuer": ISSUER, "authorization_endpoint": f"{ISSUER}/authorize", "token_endpoint": f"{ISSUER}/token",
        "jwks_uri": f"{ISSUER}/jwks", "response_types_supported": ["code"],
        "id_token_signing_alg_values_supported": ["RS256"], "code_challenge_methods_supported": ["S256"]})
    apis.get(f"{ISSUER}/jwks").respond(json={"keys": [JWK]})
    apis.get(url__startswith=f"{RESOLUTION}/cases").respond(json={"items": [], "total": 0, "offset": 0, "limit": 25})


def _id_token(nonce: str, **claims: object) -> str:
    now = int(time.time())
    payload = {"iss": ISSUER, "aud": CLIENT_ID, "sub": "emp-0042", "iat": now, "exp": now + 600, "nonce": nonce,
               "name": "Nadia Officer", "roles": ["agent"], "teams": ["support-en"], **claims}
    return jwt.encode(payload, KEY, algorithm="RS256", headers={"kid": "k1"})


def _client() -> TestClient:
    return TestClient(create_app(web_settings(dev_sign_in=False, oidc_metadata_url=f"{ISSUER}/.well-known/openid-"
                                              "configuration", oidc_client_id=CLIENT_ID, oidc_client_secret="x" * 16)))


def test_staff_sign_in_with_the_provider_using_pkce_and_carry_its_roles_and_teams(apis: respx.MockRouter) -> None:
    _provider(apis)
    with _client() as client:
        assert "company account" in client.get("/desk/sign-in").text
        leaving = client.post("/desk/sign-in/provider", data=form(client), follow_redirects=False)
        assert leaving.status_code == 302
        asked = parse_qs(urlsplit(leaving.headers["location"]).query)
        assert leaving.headers["location"].startswith(f"{ISSUER}/authorize")
        assert asked["code_challenge_method"] == ["S256"] and asked["client_id"] == [CLIENT_ID]
        assert asked["redirect_uri"] == ["http://localhost:8000/desk/sign-in/callback"]

        token_call = apis.post(f"{ISSUER}/token").respond(json={
            "access_token": "provider-access-token", "token_type": "Bearer", "expires_in": 3600,
            "id_token": _id_token(asked["nonce"][0])})
        back = client.get("/desk/sign-in/callback", params={"code": "one-time-code", "state": asked["state"][0]},
                          follow_redirects=False)

        assert back.status_code == 303 and back.headers["location"] == "/desk"
        exchanged = parse_qs(token_call.calls.last.request.content.decode())
        verifier = exchanged["code_verifier"][0]
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        assert challenge == asked["code_challenge"][0]  # the verifier proves the same browser started the flow
        desk = client.get("/desk")
        assert desk.status_code == 200 and "Nadia Officer" in desk.text
        forwarded = apis.calls.last.request
        assert forwarded.headers["Authorization"] == "Bearer provider-access-token"


def test_a_callback_that_does_not_match_the_flow_started_here_signs_nobody_in(apis: respx.MockRouter) -> None:
    _provider(apis)
    with _client() as client:
        client.post("/desk/sign-in/provider", data=form(client), follow_redirects=False)
        back = client.get("/desk/sign-in/callback", params={"code": "stolen", "state": "forged-state"},
                          follow_redirects=False)
        assert back.headers["location"] == "/desk/sign-in?failed=1"
        assert client.get("/desk", follow_redirects=False).headers["location"] == "/desk/sign-in"
