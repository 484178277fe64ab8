"""CONTRACT.md, GraphQL, with auth = oauth (RULES OAuth item 1): the schema's oauth part is `me`
and `logout` only; a person signs in on the REST routes (test_auth_oauth.py runs for graphql too)
and the session then serves /graphql as auth = session's does, its CSRF token from
`GET /api/auth/csrf` (there is no login mutation to hand one out)."""

from __future__ import annotations

from contextlib import closing

from tests.contract.contract_api import describe, expect_json, new_client, oauth_sign_in
from tests.contract.graphql_api import (
    CREATE_TODO,
    LIST_TODOS,
    ME,
    assert_user,
    expect_data,
    expect_error,
    expect_request_error,
    post,
)

LOGOUT = "mutation Logout { logout }"


def test_a_rest_sign_in_serves_me_todos_with_csrf_and_logout_over_graphql():
    client = new_client()
    with closing(client):
        account, response = oauth_sign_in(client, "graphql")
        assert response.status_code == 303, describe(response)
        user = assert_user(expect_data(post(client, ME))["me"], account.email)
        rest_user = expect_json(client.get("/api/auth/me"), 200)
        assert rest_user["id"] == user["id"], (rest_user, user)
        csrf = {"X-CSRF-Token": expect_json(client.get("/api/auth/csrf"), 200)["csrf_token"]}
        refused = post(client, CREATE_TODO, {"input": {"title": "no csrf"}})
        expect_error(refused, "FORBIDDEN", ["createTodo"])
        created = post(client, CREATE_TODO, {"input": {"title": "after oauth"}}, headers=csrf)
        assert expect_data(created)["createTodo"]["title"] == "after oauth"
        page = expect_data(post(client, LIST_TODOS, {"limit": 5}))["todos"]
        assert [t["title"] for t in page["items"]] == ["after oauth"], page
        expect_error(post(client, LOGOUT), "FORBIDDEN", ["logout"])
        assert expect_data(post(client, LOGOUT, headers=csrf)) == {"logout": True}
        expect_error(post(client, ME), "UNAUTHENTICATED", ["me"])
        expect_error(post(client, LIST_TODOS), "UNAUTHENTICATED", ["todos"])


def test_the_schema_has_no_register_nor_login_mutation():
    with new_client() as client:
        for document in (
            'mutation { register(email: "a@example.com", password: "long enough") { id } }',
            'mutation { login(email: "a@example.com", password: "long enough") { __typename } }',
        ):
            expect_request_error(post(client, document))
