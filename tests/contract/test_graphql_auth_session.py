"""CONTRACT.md, GraphQL, with auth = session (RULES.md, GraphQL decision 5): the `login` mutation
sets the same session cookie as REST login and answers `{user, csrfToken}`; every mutation sent
with a session cookie needs that `X-CSRF-Token` (else `FORBIDDEN`), except `register` and `login`;
queries need none; `logout` destroys the session server-side. The same holds for auth = oauth,
whose session starts at the provider's callback on the REST routes (RULES OAuth item 1; its CSRF
token from `GET /api/auth/csrf`); the register and login tests are marked `password_routes`."""

from __future__ import annotations

from contextlib import closing

from tests.contract.contract_api import (
    APP_ENV,
    AUTH,
    PASSWORD,
    assert_no_secret,
    describe,
    expect_json,
    new_client,
    oauth_sign_in,
    password_routes,
    set_cookies,
    unique_email,
)
from tests.contract.graphql_api import (
    CREATE_TODO,
    LIST_TODOS,
    ME,
    assert_user,
    expect_data,
    expect_error,
    login,
    post,
    register,
)

LOGOUT = "mutation Logout { logout }"


def session_cookie_of(response):
    """The cookie set by the login mutation that, alone, authenticates `me`."""
    cookies = set_cookies(response)
    assert cookies, "login must set a session cookie" + describe(response)
    for cookie in cookies:
        with new_client() as probe:
            me = post(probe, ME, headers={"Cookie": f"{cookie['name']}={cookie['value']}"})
        if me.status_code == 200 and (me.json().get("data") or {}).get("me"):
            return cookie
    raise AssertionError(
        f"none of the cookies set by login ({[c['name'] for c in cookies]}) authenticates `me` "
        "on its own" + describe(response)
    )


def logged_in_client(tag):
    """A client with a fresh session: (client, email, the answer that started the session: the
    login mutation, or the REST oauth callback)."""
    client = new_client()
    if AUTH == "oauth":
        account, response = oauth_sign_in(client, tag)
        return client, account.email, response
    email = unique_email(tag)
    expect_data(register(client, email))
    return client, email, login(client, email)


@password_routes
def test_login_answers_the_user_and_a_csrf_token_and_sets_a_session_cookie():
    client, email, response = logged_in_client("cookie")
    with closing(client):
        data = expect_data(response)["login"]
        assert set(data) == {"user", "csrfToken"}, data
        assert_user(data["user"], email)
        assert isinstance(data["csrfToken"], str) and data["csrfToken"], data
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


def test_a_mutation_with_the_session_cookie_but_without_x_csrf_token_is_forbidden(alice):
    todo = alice.create_todo("csrf target")
    attempts = {
        "createTodo": post(alice.client, CREATE_TODO, {"input": {"title": "no csrf"}}),
        "updateTodo": post(
            alice.client,
            "mutation U($id: ID!) { updateTodo(id: $id, input: {done: true}) { id } }",
            {"id": todo["id"]},
        ),
        "deleteTodo": post(alice.client, "mutation D($id: ID!) { deleteTodo(id: $id) }", todo),
        "logout": post(alice.client, LOGOUT),
    }
    for field, response in attempts.items():
        data, _error = expect_error(response, "FORBIDDEN", [field])
        assert data is None, describe(response)
    assert expect_data(alice.todo(todo["id"])) == {"todo": todo}, "FORBIDDEN changed nothing"
    assert expect_data(alice.gql(ME))["me"] == alice.user, "the refused logout logged out"


def test_a_mutation_with_a_wrong_x_csrf_token_is_forbidden(alice):
    response = post(
        alice.client,
        CREATE_TODO,
        {"input": {"title": "bad csrf"}},
        headers={"X-CSRF-Token": "not-the-token"},
    )
    expect_error(response, "FORBIDDEN", ["createTodo"])


def test_queries_with_the_session_cookie_need_no_csrf_token(alice):
    expect_data(post(alice.client, LIST_TODOS, {"limit": 1}))
    assert expect_data(post(alice.client, ME))["me"] == alice.user


@password_routes
def test_register_and_login_are_exempt_from_csrf_even_with_a_session_cookie():
    client, _email, response = logged_in_client("exempt")
    with closing(client):
        expect_data(response)
        other = unique_email("exempt-other")
        expect_data(register(client, other))
        expect_data(login(client, other))


def test_logout_answers_true_and_destroys_the_session_server_side():
    client, _email, response = logged_in_client("logout")
    with closing(client):
        cookie = session_cookie_of(response)
        if AUTH == "oauth":
            token = expect_json(client.get("/api/auth/csrf"), 200)["csrf_token"]
        else:
            token = expect_data(response)["login"]["csrfToken"]
        assert expect_data(post(client, LOGOUT, headers={"X-CSRF-Token": token})) == {
            "logout": True
        }
    with new_client() as replay:
        old = {"Cookie": f"{cookie['name']}={cookie['value']}"}
        expect_error(post(replay, ME, headers=old), "UNAUTHENTICATED", ["me"])
        expect_error(post(replay, LIST_TODOS, headers=old), "UNAUTHENTICATED", ["todos"])


def test_me_with_the_session_cookie_answers_the_user(alice):
    assert expect_data(post(alice.client, ME))["me"] == alice.user
