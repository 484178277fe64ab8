"""CONTRACT.md, "Auth, when auth = oauth", with the decisions every stack shares (RULES.md of this
round, "OAuth decisions" 1, 3, 4 and 5): the providers list, the login redirect, the callback and
its failure paths, the users it finds, links or creates, against the real test provider of
tests/oidc (a person signs in over HTTP through its login and consent forms).

The sign-in routes are REST routes with api = graphql too (RULES OAuth item 1), so this file runs
for both APIs; the tests that use /api/todos are marked `rest_api` and their GraphQL twins live in
test_graphql_auth_oauth.py. `GET /api/auth/me` (the default OAUTH_SUCCESS_URL) and
`GET /api/auth/csrf` (the only source of the CSRF token when no login mutation exists) are served
with both APIs.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from contextlib import closing
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest

from tests.contract.contract_api import (
    BASE_URL,
    OIDC_CLIENT_ID,
    assert_user,
    describe,
    expect_json,
    expect_problem,
    new_client,
    oidc_provider,
    rest_api,
    set_cookies,
    unique_email,
)
from tests.oidc.driver import authorize, cancel, sign_in, start_login

# The server's PUBLIC_URL (tier 3 starts it with its own base URL) and OAUTH_SUCCESS_URL.
PUBLIC_URL = (os.environ.get("CONTRACT_PUBLIC_URL") or BASE_URL).rstrip("/")
SUCCESS_URL = os.environ.get("CONTRACT_OAUTH_SUCCESS_URL") or "/api/auth/me"
CALLBACK = "/api/auth/oauth/oidc/callback"


@pytest.fixture(scope="module")
def provider():
    return oidc_provider()


def fresh_account(provider, tag="oauth", email_verified=True, email=None):
    return provider.add_account(email=email or unique_email(tag), email_verified=email_verified)


def query_of(url: str | httpx.URL) -> dict[str, list[str]]:
    return parse_qs(urlsplit(str(url)).query, keep_blank_values=True)


def with_query(url: httpx.URL, **changes: str | None) -> str:
    """The callback URL with some query parameters replaced (None drops one)."""
    query = {k: v[0] for k, v in query_of(url).items()}
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return f"{BASE_URL}{CALLBACK}?{urlencode(query)}"


def app_cookies(client: httpx.Client) -> dict[str, str]:
    """The cookies the app set in this browser (the provider's are all named op_*)."""
    return {c.name: c.value for c in client.cookies.jar if not c.name.startswith("op_")}


def me_of(client: httpx.Client) -> httpx.Response:
    return client.get("/api/auth/me")


def expect_signed_in(response: httpx.Response, client: httpx.Client, email: str) -> dict:
    """The callback's 303 to OAUTH_SUCCESS_URL, and the session it started answers /me."""
    assert response.status_code == 303, "a successful callback answers 303" + describe(response)
    location = response.headers.get("location", "")
    assert location == SUCCESS_URL or location == f"{PUBLIC_URL}{SUCCESS_URL}", (
        f"the callback redirects to OAUTH_SUCCESS_URL ({SUCCESS_URL})" + describe(response)
    )
    return assert_user(expect_json(me_of(client), 200), email)


def expect_not_signed_in(client: httpx.Client) -> None:
    expect_problem(me_of(client), 401)


# --- the providers list and the login redirect ---------------------------------------------------


def test_providers_lists_the_enabled_oidc_provider_with_its_absolute_login_url():
    with new_client() as client:
        body = expect_json(client.get("/api/auth/providers"), 200)
    assert body == {
        "providers": [{"name": "oidc", "login_url": f"{PUBLIC_URL}/api/auth/oauth/oidc/login"}]
    }, "only oidc is enabled (OIDC_CLIENT_ID set, no preset's client id)"


def test_login_redirects_302_to_the_providers_authorization_endpoint_with_pkce_state_and_nonce(
    provider,
):
    with new_client() as client:
        response = start_login(BASE_URL, client)
    assert response.status_code == 302, describe(response)
    location = response.headers["location"]
    endpoint = provider.discovery()["authorization_endpoint"]
    assert location.startswith(endpoint + "?"), f"not to {endpoint}: {location}"
    query = query_of(location)
    assert all(len(values) == 1 for values in query.values()), f"a parameter twice: {query}"
    params = {k: v[0] for k, v in query.items()}
    assert params["response_type"] == "code", params
    assert params["client_id"] == OIDC_CLIENT_ID, params
    assert params["redirect_uri"] == f"{PUBLIC_URL}{CALLBACK}", params
    assert "openid" in params["scope"].split(), f"an OpenID Connect scope has openid: {params}"
    assert params["code_challenge_method"] == "S256", params
    # RFC 7636 4.2: BASE64URL(SHA256(verifier)) is 43 characters of the base64url alphabet.
    assert len(params["code_challenge"]) == 43, params
    assert len(params["state"]) >= 16, f"state must be unguessable (>= 16 chars): {params}"
    assert len(params["nonce"]) >= 16, f"nonce must be unguessable (>= 16 chars): {params}"


def test_each_login_draws_a_new_state_nonce_and_code_challenge():
    seen = []
    for _ in range(2):
        with new_client() as client:
            response = start_login(BASE_URL, client)
        params = {k: v[0] for k, v in query_of(response.headers["location"]).items()}
        seen.append((params["state"], params["nonce"], params["code_challenge"]))
    assert all(a != b for a, b in zip(*seen, strict=True)), f"values repeat: {seen}"


def test_the_pre_login_cookies_are_httponly_and_never_named_op_():
    """State, verifier and nonce live in a pre-login server-side session or a short-lived signed
    HttpOnly cookie (RULES OAuth item 4): whatever cookie the login route sets is HttpOnly."""
    with new_client() as client:
        response = start_login(BASE_URL, client)
    assert response.status_code == 302, describe(response)
    for cookie in set_cookies(response):
        assert cookie["attrs"].get("httponly") is True, f"pre-login cookie not HttpOnly: {cookie}"
        assert not cookie["name"].startswith("op_"), f"op_ is the provider's prefix: {cookie}"


@pytest.mark.parametrize("name", ["nosuch", "github", "google", "facebook"])
def test_login_with_an_unknown_or_disabled_provider_is_a_404_problem(name):
    with new_client() as client:
        expect_problem(client.get(f"/api/auth/oauth/{name}/login"), 404)


@pytest.mark.parametrize("path", ["/api/auth/register", "/api/auth/login"])
def test_register_and_login_do_not_exist_404_problem(path):
    with new_client() as client:
        response = client.post(path, json={"email": unique_email("nope"), "password": "x" * 12})
    expect_problem(response, 404)


# --- the whole sign-in -----------------------------------------------------------------------


@rest_api
def test_sign_in_redirects_to_me_and_the_session_serves_todos_with_csrf_until_logout(provider):
    account = fresh_account(provider, "full")
    result = sign_in(BASE_URL, account, new_client())
    with closing(result.client) as client:
        user = expect_signed_in(result.response, client, account.email)
        csrf = expect_json(client.get("/api/auth/csrf"), 200)["csrf_token"]
        expect_problem(client.post("/api/todos", json={"title": "no csrf"}), 403)
        created = client.post(
            "/api/todos", json={"title": "after oauth"}, headers={"X-CSRF-Token": csrf}
        )
        assert created.status_code == 201, describe(created)
        listed = expect_json(client.get("/api/todos"), 200)
        assert [t["title"] for t in listed["items"]] == ["after oauth"], listed
        expect_problem(client.post("/api/auth/logout"), 403)  # unsafe: needs the CSRF token
        out = client.post("/api/auth/logout", headers={"X-CSRF-Token": csrf})
        assert out.status_code == 204, describe(out)
        expect_not_signed_in(client)
        expect_problem(client.get("/api/todos"), 401)
    assert user["email"] == account.email


def test_sign_in_sets_an_app_session_cookie_never_named_op_(provider):
    account = fresh_account(provider, "cookie")
    result = sign_in(BASE_URL, account, new_client())
    with closing(result.client):
        assert result.response.status_code == 303, describe(result.response)
        cookies = set_cookies(result.response)
        assert cookies, "the callback starts a session: it sets a cookie" + describe(
            result.response
        )
        assert not [c for c in cookies if c["name"].startswith("op_")], cookies


def test_the_session_id_changes_at_sign_in_no_session_fixation(provider):
    """A cookie the app set before the callback (a pre-login session) must not authenticate after
    it: the callback rotates the session id (RULES OAuth item 4)."""
    account = fresh_account(provider, "fixation")
    callback, client = authorize(BASE_URL, account, new_client())
    with closing(client):
        before = app_cookies(client)
        response = client.get(callback)
        expect_signed_in(response, client, account.email)
        after = app_cookies(client)
    assert after != before, "the callback must set a new session cookie"
    if before:
        with new_client() as replay:
            header = "; ".join(f"{k}={v}" for k, v in before.items())
            expect_problem(replay.get("/api/auth/me", headers={"Cookie": header}), 401)


def test_a_second_sign_in_of_the_same_person_is_the_same_user(provider):
    account = fresh_account(provider, "again")
    users = []
    for _ in range(2):
        result = sign_in(BASE_URL, account, new_client())
        with closing(result.client) as client:
            users.append(expect_signed_in(result.response, client, account.email))
    assert users[0] == users[1], "found by (provider, subject): the same user, same created_at"


def test_the_email_is_stored_as_the_provider_gives_it(provider):
    email = unique_email("Mixed.Case").replace("example.com", "Example.COM")
    account = fresh_account(provider, email=email)
    result = sign_in(BASE_URL, account, new_client())
    with closing(result.client) as client:
        expect_signed_in(result.response, client, email)


# --- linking by email (RULES OAuth item 5) -----------------------------------------------------


def test_a_verified_email_of_an_existing_user_links_to_that_user_in_any_case(provider):
    first = fresh_account(provider, "link")
    result = sign_in(BASE_URL, first, new_client())
    with closing(result.client) as client:
        user = expect_signed_in(result.response, client, first.email)
    second = fresh_account(provider, email=first.email.upper(), email_verified=True)
    result = sign_in(BASE_URL, second, new_client())
    with closing(result.client) as client:
        linked = expect_signed_in(result.response, client, first.email)
    assert linked["id"] == user["id"], "a verified email links the new identity to its user"


@pytest.mark.parametrize("email_verified", [False, None], ids=["unverified", "unsaid"])
def test_an_unverified_email_taken_by_another_user_is_a_409_problem_and_creates_nothing(
    provider, email_verified
):
    owner = fresh_account(provider, "taken")
    result = sign_in(BASE_URL, owner, new_client())
    with closing(result.client) as client:
        expect_signed_in(result.response, client, owner.email)
    claimant = fresh_account(provider, email=owner.email, email_verified=email_verified)
    for _ in range(2):  # nothing was created the first time: the second answer is the same
        result = sign_in(BASE_URL, claimant, new_client())
        with closing(result.client) as client:
            # (the type is the stack's own 409 type, as its other 409s: not checked here)
            expect_problem(result.response, 409)
            expect_not_signed_in(client)


def test_an_unverified_email_nobody_uses_creates_a_user_with_it(provider):
    account = fresh_account(provider, "unverified-new", email_verified=False)
    result = sign_in(BASE_URL, account, new_client())
    with closing(result.client) as client:
        expect_signed_in(result.response, client, account.email)


def test_a_provider_that_shares_no_email_is_a_401_problem(provider):
    account = provider.add_account()  # no email claim at all
    result = sign_in(BASE_URL, account, new_client())
    with closing(result.client) as client:
        expect_problem(result.response, 401)
        expect_not_signed_in(client)


# --- state (RULES OAuth item 4: 400) -----------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"state": None},
        {"state": ""},
        {"state": "x" + uuid.uuid4().hex},
    ],
    ids=["missing", "empty", "tampered"],
)
def test_a_callback_with_a_missing_or_tampered_state_is_a_400_problem(provider, change):
    callback, client = authorize(BASE_URL, fresh_account(provider, "state"), new_client())
    with closing(client):
        expect_problem(client.get(with_query(callback, **change)), 400)
        expect_not_signed_in(client)


def test_a_reused_state_is_a_400_problem(provider):
    account = fresh_account(provider, "reuse")
    callback, client = authorize(BASE_URL, account, new_client())
    with closing(client):
        expect_signed_in(client.get(callback), client, account.email)
        expect_problem(client.get(callback), 400)


def test_state_from_another_browser_is_a_400_problem(provider):
    callback, client = authorize(BASE_URL, fresh_account(provider, "other"), new_client())
    client.close()
    with new_client() as attacker:
        expect_problem(attacker.get(callback), 400)
        expect_not_signed_in(attacker)


def test_a_callback_without_any_login_is_a_400_problem():
    with new_client() as client:
        response = client.get(f"{CALLBACK}?{urlencode({'code': 'abc', 'state': 'def' * 8})}")
        expect_problem(response, 400)


# --- provider errors and invalid tokens (RULES OAuth item 4: 401) --------------------------------


@pytest.mark.parametrize("at", ["login", "consent"])
def test_access_denied_at_the_provider_is_a_401_problem(provider, at):
    result = cancel(BASE_URL, fresh_account(provider, "deny"), new_client(), at=at)
    with closing(result.client) as client:
        expect_problem(result.response, 401)
        expect_not_signed_in(client)


def test_any_other_provider_error_is_a_401_problem(provider):
    callback, client = authorize(BASE_URL, fresh_account(provider, "error"), new_client())
    with closing(client):
        url = with_query(callback, code=None, error="temporarily_unavailable")
        expect_problem(client.get(url), 401)
        expect_not_signed_in(client)


def test_a_code_the_provider_never_issued_is_a_401_problem(provider):
    callback, client = authorize(BASE_URL, fresh_account(provider, "code"), new_client())
    with closing(client):
        fake = hashlib.sha256(uuid.uuid4().bytes).hexdigest()
        expect_problem(client.get(with_query(callback, code=fake)), 401)
        expect_not_signed_in(client)


@pytest.mark.parametrize(
    "fault", ["secret", "aud", "nonce"], ids=["wrong-client-secret", "wrong-aud", "wrong-nonce"]
)
def test_a_failed_code_exchange_or_an_invalid_id_token_is_a_401_problem_and_consumes_the_state(
    provider, fault
):
    account = fresh_account(provider, f"fault-{fault}")
    callback, client = authorize(BASE_URL, account, new_client())
    with closing(client):
        provider.arm_fault(OIDC_CLIENT_ID, fault)
        expect_problem(client.get(callback), 401)
        expect_not_signed_in(client)
        # single-use: consumed by the first callback, successful or not
        expect_problem(client.get(callback), 400)
    # and the next sign-in (no fault armed any more) works
    result = sign_in(BASE_URL, account, new_client())
    with closing(result.client) as client:
        expect_signed_in(result.response, client, account.email)
