"""CONTRACT.md, "Auth, when auth = jwt": an access token signed with the server's SECRET_KEY whose
`sub` names no user (not an id of the database's form, or one that no user has) is a 401 problem
(REST) or UNAUTHENTICATED (GraphQL) on every protected route: never a todo whose owner does not
exist, never a 500. For every database and both APIs (CONTRACT_SECRET_KEY is needed to sign)."""

from __future__ import annotations

import os

import pytest

from tests.contract.contract_api import (
    API,
    SECRET_KEY,
    expect_json,
    expect_problem,
    jwt_encode,
    jwt_parts,
    new_client,
)
from tests.contract.graphql_api import CREATE_TODO, LIST_TODOS, ME, expect_data, expect_error, post

# A todo id of the database's form that no todo has: the route exists, so only the token decides.
ABSENT_TODO = (
    "000000000000000000000000"
    if os.environ.get("CONTRACT_DATABASE") == "mongodb"
    else "00000000-0000-4000-8000-000000000000"
)
# An ObjectId no user has (its timestamp part is 1970); for SQL databases, not even an id's form.
NOBODY = "000000000000000000000000"


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
                client.get(f"/api/todos/{ABSENT_TODO}", headers=headers),
            ):
                expect_problem(response, 401)
