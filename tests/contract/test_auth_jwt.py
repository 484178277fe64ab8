"""CONTRACT.md, Auth when auth = jwt: token pair, rotation, logout, bearer checks."""

from __future__ import annotations

import pytest

from tests.contract.contract_api import (
    SECRET_KEY,
    TOKEN_PAIR_KEYS,
    assert_no_secret,
    assert_user,
    describe,
    expect_json,
    expect_problem,
    expect_validation_problem,
    expired_payload,
    jwt_encode,
    jwt_parts,
    login,
    new_client,
    register,
    smoke,
    unique_email,
)


def assert_token_pair(body):
    assert isinstance(body, dict) and set(body) == TOKEN_PAIR_KEYS, (
        f"a token pair is exactly {sorted(TOKEN_PAIR_KEYS)}, got {body!r}"
    )
    assert isinstance(body["access_token"], str) and body["access_token"]
    assert isinstance(body["refresh_token"], str) and body["refresh_token"]
    assert body["access_token"] != body["refresh_token"]
    assert body["token_type"] == "Bearer"
    assert type(body["expires_in"]) is int and body["expires_in"] > 0, body["expires_in"]
    return body


def fresh_user(client, tag):
    email = unique_email(tag)
    expect_json(register(client, email), 201)
    return email


def me_with(client, token):
    return client.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"})


def expect_bearer_challenge(response):
    expect_problem(response, 401)
    challenge = response.headers.get("www-authenticate", "")
    assert challenge.lower().startswith("bearer"), "401 must carry WWW-Authenticate: Bearer" + (
        describe(response)
    )


@smoke
def test_login_answers_200_with_a_bearer_token_pair_and_no_secret():
    with new_client() as client:
        response = login(client, fresh_user(client, "pair"))
    assert_token_pair(expect_json(response, 200))
    assert_no_secret(response, "correct horse battery staple")


def test_the_access_token_is_valid_for_as_many_seconds_as_expires_in(alice):
    header, payload = jwt_parts(alice.tokens["access_token"])
    assert header.get("alg") == "HS256", f"access tokens are HS256 JWTs, header {header}"
    if "exp" in payload and "iat" in payload:
        assert payload["exp"] - payload["iat"] == alice.tokens["expires_in"]


@smoke
def test_refresh_answers_a_new_pair_and_revokes_the_used_refresh_token():
    with new_client() as client:
        pair = expect_json(login(client, fresh_user(client, "rotate")), 200)
        response = client.post("/api/auth/refresh", json={"refresh_token": pair["refresh_token"]})
        new_pair = assert_token_pair(expect_json(response, 200))
        assert new_pair["refresh_token"] != pair["refresh_token"]
        assert me_with(client, new_pair["access_token"]).status_code == 200
        reused = client.post("/api/auth/refresh", json={"refresh_token": pair["refresh_token"]})
        expect_problem(reused, 401)
        again = client.post("/api/auth/refresh", json={"refresh_token": new_pair["refresh_token"]})
        assert_token_pair(expect_json(again, 200))


@pytest.mark.parametrize("forged", ["not-a-refresh-token", "x" * 64, "a.b.c"])
def test_refresh_with_a_forged_token_is_a_401_problem(forged):
    with new_client() as client:
        expect_problem(client.post("/api/auth/refresh", json={"refresh_token": forged}), 401)


def test_refresh_with_a_tampered_refresh_token_is_a_401_problem(alice):
    token = alice.tokens["refresh_token"]
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    with new_client() as client:
        expect_problem(client.post("/api/auth/refresh", json={"refresh_token": tampered}), 401)


def test_refresh_without_a_refresh_token_is_a_422_problem():
    with new_client() as client:
        expect_validation_problem(client.post("/api/auth/refresh", json={}), "refresh_token")


def test_logout_answers_204_and_revokes_the_refresh_token():
    with new_client() as client:
        pair = expect_json(login(client, fresh_user(client, "logout")), 200)
        response = client.post(
            "/api/auth/logout",
            json={"refresh_token": pair["refresh_token"]},
            headers={"Authorization": f"Bearer {pair['access_token']}"},
        )
        assert response.status_code == 204, describe(response)
        assert response.content == b"", "204 has no body"
        after = client.post("/api/auth/refresh", json={"refresh_token": pair["refresh_token"]})
        expect_problem(after, 401)


def test_me_with_the_access_token_answers_the_user_json(alice):
    with new_client() as client:
        user = assert_user(expect_json(me_with(client, alice.tokens["access_token"]), 200))
    assert user == alice.user


@pytest.mark.parametrize("scheme", ["bearer", "BEARER", "bEaReR"])
def test_the_authorization_scheme_is_case_insensitive(alice, scheme):
    """CONTRACT.md v2 (RFC 9110 11.1: auth schemes are case-insensitive; issue 9.8)."""
    authorization = {"Authorization": f"{scheme} {alice.tokens['access_token']}"}
    with new_client() as client:
        user = assert_user(expect_json(client.get("/api/auth/me", headers=authorization), 200))
        assert user == alice.user
        expect_json(client.get("/api/todos", headers=authorization), 200)


def test_protected_routes_without_authorization_are_401_with_www_authenticate_bearer():
    with new_client() as client:
        expect_bearer_challenge(client.get("/api/auth/me"))
        expect_bearer_challenge(client.get("/api/todos"))


@pytest.mark.parametrize(
    "authorization",
    ["Bearer", "Bearer not-a-jwt", "Bearer a.b.c", "Basic dXNlcjpwYXNzd29yZA==", "x"],
)
def test_a_malformed_authorization_header_is_401_with_www_authenticate_bearer(authorization):
    with new_client() as client:
        expect_bearer_challenge(client.get("/api/todos", headers={"Authorization": authorization}))


def test_an_access_token_with_a_tampered_signature_is_401_with_www_authenticate_bearer(alice):
    head, payload, signature = alice.tokens["access_token"].split(".")
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    with new_client() as client:
        expect_bearer_challenge(me_with(client, f"{head}.{payload}.{flipped}"))


def test_an_access_token_signed_with_another_key_is_401_with_www_authenticate_bearer(alice):
    header, payload = jwt_parts(alice.tokens["access_token"])
    forged = jwt_encode(header, payload, "another-key-" + "k" * 40)
    with new_client() as client:
        expect_bearer_challenge(me_with(client, forged))


def test_an_alg_none_token_is_401_with_www_authenticate_bearer(alice):
    _header, payload = jwt_parts(alice.tokens["access_token"])
    with new_client() as client:
        for header in ({"alg": "none", "typ": "JWT"}, {"alg": "None", "typ": "JWT"}):
            expect_bearer_challenge(me_with(client, jwt_encode(header, payload, None)))


def test_a_refresh_token_is_not_accepted_as_an_access_token(alice):
    with new_client() as client:
        expect_bearer_challenge(me_with(client, alice.tokens["refresh_token"]))


@pytest.mark.skipif(not SECRET_KEY, reason="needs CONTRACT_SECRET_KEY (the server's SECRET_KEY)")
def test_an_expired_access_token_is_401_with_www_authenticate_bearer(alice):
    header, payload = jwt_parts(alice.tokens["access_token"])
    with new_client() as client:
        resigned = jwt_encode(header, payload, SECRET_KEY)
        assert me_with(client, resigned).status_code == 200, (
            "the access token, re-signed with SECRET_KEY, is refused: tokens must be HS256 "
            "signed with SECRET_KEY, otherwise this test cannot craft an expired one"
        )
        expect_bearer_challenge(
            me_with(client, jwt_encode(header, expired_payload(payload), SECRET_KEY))
        )


@pytest.mark.parametrize("stale", ["malformed", "signed with an old key"])
def test_the_public_routes_answer_a_client_holding_a_stale_token_as_if_it_sent_none(alice, stale):
    """Protected routes take `Authorization: Bearer`; the public ones (register, login, refresh,
    the health probes) take no token, so one the client still holds from an earlier session or an
    earlier SECRET_KEY neither locks it out of signing in again nor fails a probe. (Spring Security
    checked any bearer token it was sent, public routes included, and answered 401 to all.)"""
    header, payload = jwt_parts(alice.tokens["access_token"])
    token = {
        "malformed": "not-a-jwt",
        "signed with an old key": jwt_encode(header, payload, "an-old-key-" + "k" * 40),
    }[stale]
    stale_header = {"Authorization": f"Bearer {token}"}
    with new_client(headers=stale_header) as client:
        for probe in ("/health/live", "/health/ready"):
            expect_json(client.get(probe), 200)
        email = unique_email("stale")
        expect_json(register(client, email), 201)
        pair = assert_token_pair(expect_json(login(client, email), 200))
        refreshed = client.post("/api/auth/refresh", json={"refresh_token": pair["refresh_token"]})
        assert_token_pair(expect_json(refreshed, 200))
        expect_bearer_challenge(client.get("/api/auth/me"))
