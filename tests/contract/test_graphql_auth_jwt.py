"""CONTRACT.md, GraphQL, with auth = jwt: `login` answers a TokenPair (tokenType "Bearer",
expiresIn seconds), `refresh` rotates (the used refresh token is revoked), `logout(refreshToken)`
revokes it; `Authorization: Bearer` is read in any case, and a missing, malformed, forged, expired
or refresh token is `UNAUTHENTICATED` for the fields that need a user (RULES.md, GraphQL decision
5)."""

from __future__ import annotations

import pytest

from tests.contract.contract_api import (
    PASSWORD,
    SECRET_KEY,
    assert_no_secret,
    describe,
    expired_payload,
    jwt_encode,
    jwt_parts,
    new_client,
    unique_email,
)
from tests.contract.graphql_api import (
    ME,
    answer,
    assert_token_pair,
    assert_user,
    code_of,
    expect_bad_input,
    expect_data,
    expect_error,
    expect_request_error,
    login,
    post,
    register,
)

REFRESH = """mutation Refresh($refreshToken: String!) {
  refresh(refreshToken: $refreshToken) { accessToken refreshToken tokenType expiresIn }
}"""
LOGOUT = "mutation Logout($refreshToken: String!) { logout(refreshToken: $refreshToken) }"


def fresh_pair(client, tag):
    email = unique_email(tag)
    expect_data(register(client, email))
    return assert_token_pair(expect_data(login(client, email))["login"])


def me_with(client, token, scheme="Bearer"):
    return post(client, ME, headers={"Authorization": f"{scheme} {token}"})


def expect_unauthenticated_me(response):
    data, _error = expect_error(response, "UNAUTHENTICATED", ["me"])
    assert data is None, describe(response)


def test_login_answers_a_bearer_token_pair_and_no_secret():
    with new_client() as client:
        email = unique_email("pair")
        expect_data(register(client, email))
        response = login(client, email)
    assert_token_pair(expect_data(response)["login"])
    assert_no_secret(response, PASSWORD)


def test_the_access_token_is_valid_for_as_many_seconds_as_expires_in(alice):
    header, payload = jwt_parts(alice.tokens["accessToken"])
    assert header.get("alg") == "HS256", f"access tokens are HS256 JWTs, header {header}"
    if "exp" in payload and "iat" in payload:
        assert payload["exp"] - payload["iat"] == alice.tokens["expiresIn"]


def test_refresh_answers_a_new_pair_and_revokes_the_used_refresh_token():
    with new_client() as client:
        pair = fresh_pair(client, "rotate")
        new_pair = assert_token_pair(
            expect_data(post(client, REFRESH, {"refreshToken": pair["refreshToken"]}))["refresh"]
        )
        assert new_pair["refreshToken"] != pair["refreshToken"]
        expect_data(me_with(client, new_pair["accessToken"]))
        reused = post(client, REFRESH, {"refreshToken": pair["refreshToken"]})
        data, _error = expect_error(reused, "UNAUTHENTICATED", ["refresh"])
        assert data is None, describe(reused)
        again = post(client, REFRESH, {"refreshToken": new_pair["refreshToken"]})
        assert_token_pair(expect_data(again)["refresh"])


@pytest.mark.parametrize("forged", ["not-a-refresh-token", "x" * 64, "a.b.c"])
def test_refresh_with_a_forged_token_is_unauthenticated(forged):
    with new_client() as client:
        expect_error(
            post(client, REFRESH, {"refreshToken": forged}), "UNAUTHENTICATED", ["refresh"]
        )


def test_refresh_without_a_token_is_refused_and_an_empty_one_never_runs():
    """REST answers 422 for a missing refresh_token; GraphQL's String! cannot be missing (a
    request error). An empty one is refused: the stacks' REST validators differ on "" (a 422 or a
    401), so either BAD_USER_INPUT naming refreshToken or UNAUTHENTICATED, with data null."""
    with new_client() as client:
        expect_request_error(post(client, REFRESH, {}))
        response = post(client, REFRESH, {"refreshToken": ""})
    body = answer(response)
    codes = [code_of(error) for error in body.get("errors", [])]
    assert body.get("data") is None and codes in (["BAD_USER_INPUT"], ["UNAUTHENTICATED"]), (
        describe(response)
    )
    if codes == ["BAD_USER_INPUT"]:
        expect_bad_input(response, "refreshToken")


def test_logout_answers_true_and_revokes_the_refresh_token():
    with new_client() as client:
        pair = fresh_pair(client, "logout")
        response = post(
            client,
            LOGOUT,
            {"refreshToken": pair["refreshToken"]},
            headers={"Authorization": f"Bearer {pair['accessToken']}"},
        )
        assert expect_data(response) == {"logout": True}
        after = post(client, REFRESH, {"refreshToken": pair["refreshToken"]})
        expect_error(after, "UNAUTHENTICATED", ["refresh"])


def test_me_with_the_access_token_answers_the_user(alice):
    with new_client() as client:
        user = assert_user(expect_data(me_with(client, alice.tokens["accessToken"]))["me"])
    assert user == alice.user


@pytest.mark.parametrize("scheme", ["bearer", "BEARER", "bEaReR"])
def test_the_authorization_scheme_is_case_insensitive(alice, scheme):
    with new_client() as client:
        assert expect_data(me_with(client, alice.tokens["accessToken"], scheme))["me"] == alice.user


@pytest.mark.parametrize(
    "authorization",
    ["Bearer", "Bearer not-a-jwt", "Bearer a.b.c", "Basic dXNlcjpwYXNzd29yZA==", "x"],
)
def test_a_malformed_authorization_header_is_unauthenticated(authorization):
    with new_client() as client:
        expect_unauthenticated_me(post(client, ME, headers={"Authorization": authorization}))


def test_an_access_token_with_a_tampered_signature_is_unauthenticated(alice):
    head, payload, signature = alice.tokens["accessToken"].split(".")
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    with new_client() as client:
        expect_unauthenticated_me(me_with(client, f"{head}.{payload}.{flipped}"))


def test_an_access_token_signed_with_another_key_or_alg_none_is_unauthenticated(alice):
    header, payload = jwt_parts(alice.tokens["accessToken"])
    with new_client() as client:
        expect_unauthenticated_me(me_with(client, jwt_encode(header, payload, "other-" + "k" * 40)))
        for unsigned in ({"alg": "none", "typ": "JWT"}, {"alg": "None", "typ": "JWT"}):
            expect_unauthenticated_me(me_with(client, jwt_encode(unsigned, payload, None)))


def test_a_refresh_token_is_not_accepted_as_an_access_token(alice):
    with new_client() as client:
        expect_unauthenticated_me(me_with(client, alice.tokens["refreshToken"]))


@pytest.mark.skipif(not SECRET_KEY, reason="needs CONTRACT_SECRET_KEY (the server's SECRET_KEY)")
def test_an_expired_access_token_is_unauthenticated(alice):
    header, payload = jwt_parts(alice.tokens["accessToken"])
    with new_client() as client:
        expect_data(me_with(client, jwt_encode(header, payload, SECRET_KEY)))
        expired = jwt_encode(header, expired_payload(payload), SECRET_KEY)
        expect_unauthenticated_me(me_with(client, expired))


@pytest.mark.parametrize("stale", ["malformed", "signed with an old key"])
def test_the_public_fields_answer_a_client_holding_a_stale_token_as_if_it_sent_none(stale):
    """Only the fields that need a user are UNAUTHENTICATED for a bad token: `register`, `login`
    and `refresh` (and the health probes) still answer a client that holds a token from an earlier
    session or an earlier SECRET_KEY, so it can sign in again. (Spring Security checked any bearer
    token it was sent and answered the whole POST /graphql with a 401.)"""
    with new_client() as client:
        header, payload = jwt_parts(fresh_pair(client, "stale-source")["accessToken"])
    token = {
        "malformed": "not-a-jwt",
        "signed with an old key": jwt_encode(header, payload, "an-old-key-" + "k" * 40),
    }[stale]
    with new_client(headers={"Authorization": f"Bearer {token}"}) as client:
        for probe in ("/health/live", "/health/ready"):
            assert client.get(probe).status_code == 200, describe(client.get(probe))
        email = unique_email("stale")
        expect_data(register(client, email))
        pair = assert_token_pair(expect_data(login(client, email))["login"])
        refreshed = post(client, REFRESH, {"refreshToken": pair["refreshToken"]})
        assert_token_pair(expect_data(refreshed)["refresh"])
        expect_unauthenticated_me(post(client, ME))
