"""The test provider and the sign-in driver, checked against a minimal relying party written here
(the authorization code flow with PKCE S256, state and nonce, by the book: RFC 6749 4.1, RFC 7636,
OpenID Connect Core 3.1), so the harness is proven before any generated app uses it."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

import httpx
import pytest

from tests.oidc.driver import LOGIN_PATH, DriverError, authorize, cancel, new_browser, sign_in
from tests.oidc.provider import (
    ALICE,
    CALLBACK_PATH,
    NOMAIL,
    Client,
    RunningProvider,
    install,
    running_provider,
)
from tests.services import free_port
from tests.support import tool_env


@pytest.fixture(scope="module")
def provider() -> Iterator[RunningProvider]:
    with running_provider() as running:
        yield running


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt_parts(token: str) -> tuple[dict, dict]:
    header, payload, _ = token.split(".")
    pad = lambda part: part + "=" * (-len(part) % 4)  # noqa: E731
    return (
        json.loads(base64.urlsafe_b64decode(pad(header))),
        json.loads(base64.urlsafe_b64decode(pad(payload))),
    )


class RelyingParty:
    """A relying party on a free loopback port: /api/auth/oauth/oidc/login answers 302 to the
    provider (state, nonce, PKCE S256 kept per login); the callback answers 200 with its query.
    `exchange()` redeems a code as an app would."""

    def __init__(self, provider: RunningProvider, auth_method: str = "client_secret_basic"):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.client: Client = provider.register_client(self.base_url, auth_method)
        self.auth_method = auth_method
        self.metadata = provider.discovery()
        self.logins: dict[str, dict] = {}  # state -> {"verifier", "nonce"}
        party = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                path = urlparse(self.path).path
                if path == LOGIN_PATH:
                    state, nonce = secrets.token_urlsafe(16), secrets.token_urlsafe(16)
                    verifier = secrets.token_urlsafe(48)
                    party.logins[state] = {"verifier": verifier, "nonce": nonce}
                    query = {
                        "response_type": "code",
                        "client_id": party.client.client_id,
                        "redirect_uri": party.base_url + CALLBACK_PATH,
                        "scope": "openid email profile",
                        "state": state,
                        "nonce": nonce,
                        "code_challenge": b64url(hashlib.sha256(verifier.encode()).digest()),
                        "code_challenge_method": "S256",
                    }
                    self.send_response(302)
                    self.send_header(
                        "Location", f"{party.metadata['authorization_endpoint']}?{urlencode(query)}"
                    )
                    self.end_headers()
                elif path == CALLBACK_PATH:
                    body = json.dumps(parse_qs(urlparse(self.path).query)).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(body)
                else:
                    self.send_response(404)
                    self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def exchange(self, code: str, state: str) -> httpx.Response:
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.base_url + CALLBACK_PATH,
            "code_verifier": self.logins[state]["verifier"],
        }
        auth = None
        if self.auth_method == "client_secret_post":
            form |= {"client_id": self.client.client_id, "client_secret": self.client.client_secret}
        else:
            auth = (self.client.client_id, self.client.client_secret)
        return httpx.post(self.metadata["token_endpoint"], data=form, auth=auth, timeout=10)

    def sign_in_and_exchange(self, account) -> tuple[dict, httpx.Response]:
        result = sign_in(self.base_url, account)
        assert result.response.status_code == 200, result.response.text
        query = {k: v[0] for k, v in result.response.json().items()}
        return query, self.exchange(query["code"], query["state"])

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def party(provider) -> Iterator[RelyingParty]:
    rp = RelyingParty(provider)
    yield rp
    rp.close()


def verify_with_provider_jwks(provider: RunningProvider, token: str) -> dict:
    """The token's payload once its signature checks against the provider's published JWKS
    (jose's jwtVerify, in Node, with the issuer checked and no audience expected)."""
    script = (
        "const { createRequire } = require('node:module');"
        "const r = createRequire(process.argv[1] + '/package.json');"
        "import(require('node:url').pathToFileURL(r.resolve('jose')).href).then(async (jose) => {"
        "  const keys = jose.createRemoteJWKSet(new URL(process.argv[2] + '/jwks'));"
        "  const options = { issuer: process.argv[2] };"
        "  const { payload } = await jose.jwtVerify(process.argv[3], keys, options);"
        "  console.log(JSON.stringify(payload));"
        "});"
    )
    env = tool_env()
    result = subprocess.run(
        ["node", "-e", script, str(install()), provider.issuer, token],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_discovery_offers_the_code_flow_with_pkce_s256_and_registration(provider):
    metadata = provider.discovery()
    assert metadata["issuer"] == provider.issuer
    assert provider.issuer.startswith("http://127.0.0.1:")
    assert metadata["response_types_supported"] == ["code"]
    assert metadata["code_challenge_methods_supported"] == ["S256"]
    assert metadata["registration_endpoint"] == f"{provider.issuer}/reg"
    assert {"client_secret_basic", "client_secret_post"} <= set(
        metadata["token_endpoint_auth_methods_supported"]
    )


def test_registration_gives_a_confidential_client_for_the_apps_callback(provider):
    client = provider.register_client("http://127.0.0.1:8000/")
    assert client.client_id and client.client_secret
    assert client.app_env() == {
        "OIDC_ISSUER_URL": provider.issuer,
        "OIDC_CLIENT_ID": client.client_id,
        "OIDC_CLIENT_SECRET": client.client_secret,
        "PUBLIC_URL": "http://127.0.0.1:8000",
    }


@pytest.mark.parametrize("auth_method", ["client_secret_basic", "client_secret_post"])
def test_sign_in_yields_a_code_whose_id_token_carries_the_accounts_claims(provider, auth_method):
    party = RelyingParty(provider, auth_method)
    try:
        account = provider.add_account(email="Person@Example.com", email_verified=True)
        query, tokens = party.sign_in_and_exchange(account)
    finally:
        party.close()
    assert query["iss"] == provider.issuer
    assert tokens.status_code == 200, tokens.text
    header, claims = jwt_parts(tokens.json()["id_token"])
    assert header["alg"] == "RS256"
    assert claims["sub"] == account.login
    assert claims["email"] == "Person@Example.com"
    assert claims["email_verified"] is True
    assert claims["aud"] == party.client.client_id
    assert claims["nonce"] == party.logins[query["state"]]["nonce"]
    verify_with_provider_jwks(provider, tokens.json()["id_token"])


def test_the_fixed_accounts_share_or_withhold_their_email(provider, party):
    _, tokens = party.sign_in_and_exchange(ALICE)
    assert jwt_parts(tokens.json()["id_token"])[1]["email_verified"] is True
    _, tokens = party.sign_in_and_exchange(NOMAIL)
    claims = jwt_parts(tokens.json()["id_token"])[1]
    assert "email" not in claims and claims["sub"] == "nomail"


def test_pkce_is_required_even_for_a_confidential_client(provider, party):
    query = {
        "response_type": "code",
        "client_id": party.client.client_id,
        "redirect_uri": party.base_url + CALLBACK_PATH,
        "scope": "openid",
        "state": "s",
    }
    response = httpx.get(f"{party.metadata['authorization_endpoint']}?{urlencode(query)}")
    assert response.status_code == 303
    redirected = parse_qs(urlparse(response.headers["location"]).query)
    assert redirected["error"] == ["invalid_request"]
    assert "PKCE" in redirected["error_description"][0]


@pytest.mark.parametrize("fault", ["aud", "nonce"])
def test_an_armed_fault_changes_only_that_claim_of_the_next_id_token(provider, party, fault):
    provider.arm_fault(party.client.client_id, fault)
    query, tokens = party.sign_in_and_exchange(ALICE)
    assert tokens.status_code == 200, tokens.text
    payload = verify_with_provider_jwks(provider, tokens.json()["id_token"])  # still validly signed
    expected = {"aud": party.client.client_id, "nonce": party.logins[query["state"]]["nonce"]}
    assert payload[fault] != expected[fault]
    other = "nonce" if fault == "aud" else "aud"
    assert payload[other] == expected[other]
    # Only the next one: the following sign-in is clean again.
    query, tokens = party.sign_in_and_exchange(ALICE)
    claims = jwt_parts(tokens.json()["id_token"])[1]
    assert claims["aud"] == party.client.client_id
    assert claims["nonce"] == party.logins[query["state"]]["nonce"]


@pytest.mark.parametrize("auth_method", ["client_secret_basic", "client_secret_post"])
def test_the_secret_fault_refuses_the_next_token_request_as_a_wrong_secret(provider, auth_method):
    party = RelyingParty(provider, auth_method)
    try:
        provider.arm_fault(party.client.client_id, "secret")
        _, tokens = party.sign_in_and_exchange(ALICE)
        assert tokens.status_code == 401
        assert tokens.json()["error"] == "invalid_client"
        _, tokens = party.sign_in_and_exchange(ALICE)
        assert tokens.status_code == 200, tokens.text
    finally:
        party.close()


@pytest.mark.parametrize("at", ["login", "consent"])
def test_cancel_on_the_providers_page_answers_the_app_access_denied(provider, party, at):
    result = cancel(party.base_url, ALICE, at=at)
    query = result.response.json()
    assert query["error"] == ["access_denied"]
    assert query["state"][0] in party.logins


def test_authorize_stops_before_the_callback_and_the_browser_holds_only_op_cookies(party):
    callback, browser = authorize(party.base_url, ALICE)
    assert callback.path == CALLBACK_PATH and "code" in callback.params
    assert browser.cookies.jar, "the provider sets its cookies"
    assert all(cookie.name.startswith("op_") for cookie in browser.cookies.jar)


def test_the_driver_reports_an_app_that_does_not_redirect(provider):
    with pytest.raises(DriverError, match="should answer 302"):
        authorize(provider.issuer, ALICE, new_browser())


def test_the_control_endpoint_refuses_an_unknown_fault(provider):
    response = httpx.post(
        f"{provider.issuer}/__test__/fault", json={"client_id": "x", "fault": "?"}
    )
    assert response.status_code == 400
