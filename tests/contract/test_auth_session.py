"""CONTRACT.md, Auth when auth = session: cookie, server-side sessions, CSRF. The same holds for
auth = oauth, whose session starts at the provider's callback instead of login (RULES OAuth
item 1); the register and login tests are marked `password_routes`."""

from __future__ import annotations

from contextlib import closing

from tests.contract.contract_api import (
    APP_ENV,
    AUTH,
    PASSWORD,
    assert_no_secret,
    assert_user,
    describe,
    expect_json,
    expect_problem,
    login,
    new_client,
    oauth_sign_in,
    password_routes,
    register,
    set_cookies,
    unique_email,
)


def session_cookie_of(response):
    """The cookie set by a login response that, alone, authenticates /api/auth/me."""
    cookies = set_cookies(response)
    assert cookies, "login must set a session cookie" + describe(response)
    for cookie in cookies:
        with new_client() as probe:
            me = probe.get(
                "/api/auth/me", headers={"Cookie": f"{cookie['name']}={cookie['value']}"}
            )
        if me.status_code == 200:
            return cookie
    raise AssertionError(
        f"none of the cookies set by login ({[c['name'] for c in cookies]}) authenticates "
        "/api/auth/me on its own" + describe(response)
    )


def logged_in_client(tag):
    """A client with a fresh session: (client, email, the answer that started the session: login,
    or the oauth callback)."""
    client = new_client()
    if AUTH == "oauth":
        account, response = oauth_sign_in(client, tag)
        return client, account.email, response
    email = unique_email(tag)
    expect_json(register(client, email), 201)
    response = login(client, email)
    return client, email, response


def csrf_token_of(client):
    body = expect_json(client.get("/api/auth/csrf"), 200)
    assert isinstance(body, dict) and set(body) == {"csrf_token"}, body
    assert isinstance(body["csrf_token"], str) and body["csrf_token"]
    return body["csrf_token"]


@password_routes
def test_login_answers_200_with_the_user_json_and_a_session_cookie():
    client, email, response = logged_in_client("cookie")
    with closing(client):
        assert_user(expect_json(response, 200), email)
        assert_no_secret(response, PASSWORD)
        session_cookie_of(response)


def test_the_session_cookie_is_httponly_and_samesite_lax_and_secure_only_outside_development():
    client, _email, response = logged_in_client("attrs")
    client.close()
    attrs = session_cookie_of(response)["attrs"]
    assert attrs.get("httponly") is True, f"session cookie must be HttpOnly: {attrs}"
    assert str(attrs.get("samesite", "")).lower() == "lax", f"must be SameSite=Lax: {attrs}"
    if APP_ENV == "development":
        assert "secure" not in attrs, f"no Secure in development (plain http): {attrs}"
    else:
        assert attrs.get("secure") is True, f"Secure outside development: {attrs}"


def test_csrf_answers_200_with_a_csrf_token(alice):
    assert alice.csrf_token
    assert csrf_token_of(alice.client)


def test_an_unsafe_request_with_the_session_cookie_but_without_x_csrf_token_is_a_403_problem(
    alice,
):
    expect_problem(alice.client.post("/api/todos", json={"title": "no csrf"}), 403)
    todo = alice.create_todo("csrf target")
    expect_problem(alice.client.patch(f"/api/todos/{todo['id']}", json={"done": True}), 403)
    expect_problem(alice.client.delete(f"/api/todos/{todo['id']}"), 403)
    assert expect_json(alice.get(f"/api/todos/{todo['id']}"), 200) == todo, "403 changed nothing"


def test_an_unsafe_request_with_a_wrong_x_csrf_token_is_a_403_problem(alice):
    response = alice.client.post(
        "/api/todos", json={"title": "bad csrf"}, headers={"X-CSRF-Token": "not-the-token"}
    )
    expect_problem(response, 403)


def test_a_safe_request_with_the_session_cookie_needs_no_csrf_token(alice):
    expect_json(alice.client.get("/api/todos"), 200)


@password_routes
def test_register_and_login_are_exempt_from_csrf_even_with_a_session_cookie():
    client, _email, response = logged_in_client("exempt")
    with closing(client):
        expect_json(response, 200)
        other = unique_email("exempt-other")
        expect_json(register(client, other), 201)
        expect_json(login(client, other), 200)


def test_logout_answers_204_and_destroys_the_session_server_side():
    client, _email, response = logged_in_client("logout")
    with closing(client):
        cookie = session_cookie_of(response)
        expect_problem(client.post("/api/auth/logout"), 403)  # unsafe: needs the CSRF token
        token = csrf_token_of(client)
        out = client.post("/api/auth/logout", headers={"X-CSRF-Token": token})
        assert out.status_code == 204, describe(out)
        assert out.content == b"", "204 has no body"
    with new_client() as replay:
        old = {"Cookie": f"{cookie['name']}={cookie['value']}"}
        expect_problem(replay.get("/api/auth/me", headers=old), 401)
        expect_problem(replay.get("/api/todos", headers=old), 401)


def test_me_with_the_session_cookie_answers_the_user_json(alice):
    assert assert_user(expect_json(alice.client.get("/api/auth/me"), 200)) == alice.user
