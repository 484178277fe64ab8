"""CONTRACT.md "Databases", MongoDB: ids are ObjectIds written as 24 lowercase hex digits, and any
other id is "not found" (404 problem details over REST, NOT_FOUND over GraphQL), never a 500 or a
cast error. Collected only when CONTRACT_DATABASE=mongodb (tier 3 sets it from the row): an id
of another form that names the same ObjectId (upper case) must not reach it either.

With auth = jwt (RULES.md MongoDB decision 6): an access token signed with the server's SECRET_KEY
whose `sub` is not an ObjectId, or an ObjectId of no user, names nobody: 401 problem details
(REST) or UNAUTHENTICATED (GraphQL) on every protected route, never a todo with a null owner, never
a 500."""

from __future__ import annotations

import pytest

from tests.contract.contract_api import (
    API,
    AUTH,
    OBJECT_ID,
    SECRET_KEY,
    expect_json,
    expect_problem,
    jwt_encode,
    jwt_parts,
    new_client,
)
from tests.contract.graphql_api import CREATE_TODO, LIST_TODOS, ME, expect_data, expect_error, post


def variants(todo_id: str) -> dict[str, str]:
    """Ids that are not this ObjectId's canonical form, several of them of the same value."""
    return {
        "upper-case": todo_id.upper(),
        "mixed-case": todo_id[:12] + todo_id[12:].upper(),
        "23-digits": todo_id[:-1],
        "25-digits": todo_id + "0",
        "non-hex": todo_id[:-1] + "g",
        "padded": f" {todo_id}",
        "object-literal": f'ObjectId("{todo_id}")',
    }


@pytest.fixture(scope="module")
def todo(alice):
    created = alice.create_todo("an ObjectId")
    assert OBJECT_ID.match(created["id"]), f"ids are 24 lowercase hex digits: {created['id']!r}"
    return created


@pytest.mark.parametrize(
    "variant",
    ["upper-case", "mixed-case", "23-digits", "25-digits", "non-hex", "padded", "object-literal"],
)
def test_an_id_that_is_not_the_objectids_lowercase_hex_form_is_not_found(alice, todo, variant):
    other = variants(todo["id"])[variant]
    if API == "graphql":
        data, _error = expect_error(alice.todo(other), "NOT_FOUND", ["todo"])
        assert data == {"todo": None}
        expect_error(alice.update(other, done=True), "NOT_FOUND", ["updateTodo"])
        expect_error(alice.delete(other), "NOT_FOUND", ["deleteTodo"])
        assert expect_data(alice.todo(todo["id"]))["todo"]["done"] is False
    else:
        from urllib.parse import quote

        path = f"/api/todos/{quote(other, safe='')}"
        expect_problem(alice.get(path), 404)
        expect_problem(alice.patch(path, json={"done": True}), 404)
        expect_problem(alice.delete(path), 404)
        assert expect_json(alice.get(f"/api/todos/{todo['id']}"), 200)["done"] is False


# An ObjectId no user has: the timestamp part is 1970, before any user of the server was made.
NOBODY = "000000000000000000000000"


@pytest.mark.skipif(AUTH != "jwt", reason="access tokens exist with auth = jwt only")
@pytest.mark.skipif(not SECRET_KEY, reason="needs CONTRACT_SECRET_KEY (the server's SECRET_KEY)")
@pytest.mark.parametrize(
    "sub",
    ["not-an-objectid", "00000000-0000-4000-8000-000000000000", "ABCDEF0123456789ABCDEF01", NOBODY],
)
def test_a_well_signed_access_token_whose_sub_names_no_user_is_unauthenticated(alice, sub):
    access_token = alice.tokens["accessToken" if API == "graphql" else "access_token"]
    header, payload = jwt_parts(access_token)
    forged = jwt_encode(header, {**payload, "sub": sub}, SECRET_KEY)
    own = {"Authorization": f"Bearer {jwt_encode(header, payload, SECRET_KEY)}"}
    headers = {"Authorization": f"Bearer {forged}"}
    with new_client() as client:
        if API == "graphql":
            # The same token with its own sub works: the signature is not what is refused.
            assert expect_data(post(client, ME, headers=own))["me"]["id"] == alice.user["id"]
            data, _error = expect_error(
                post(client, ME, headers=headers), "UNAUTHENTICATED", ["me"]
            )
            assert data is None
            expect_error(
                post(client, LIST_TODOS, {}, headers=headers), "UNAUTHENTICATED", ["todos"]
            )
            created = post(client, CREATE_TODO, {"input": {"title": "whose?"}}, headers=headers)
            expect_error(created, "UNAUTHENTICATED", ["createTodo"])
        else:
            assert (
                expect_json(client.get("/api/auth/me", headers=own), 200)["id"] == alice.user["id"]
            )
            for response in (
                client.get("/api/auth/me", headers=headers),
                client.get("/api/todos", headers=headers),
                client.post("/api/todos", json={"title": "whose?"}, headers=headers),
                client.get(f"/api/todos/{NOBODY}", headers=headers),
            ):
                expect_problem(response, 401)
