"""CONTRACT.md, General, CORS on /graphql (RULES.md, GraphQL decision 6: as on /api); the rules are
test_cors.py's, whose preflight test covers `POST /graphql` and `GET /graphql` when
CONTRACT_API=graphql. Here: the actual requests a browser app sends to /graphql."""

from __future__ import annotations

import httpx
import pytest

from tests.contract.contract_api import CORS_ORIGINS, describe, new_client
from tests.contract.graphql_api import LIST_TODOS, expect_data, post
from tests.contract.test_cors import (
    DISALLOWED_ORIGIN,
    WILDCARD,
    allowed_origin,
    assert_allows,
    needs_origins,
    preflight,
    tokens,
)


@needs_origins
def test_a_graphql_request_from_an_allowed_origin_gets_its_origin_and_vary(alice):
    origin = allowed_origin()
    created = alice.gql(
        'mutation { createTodo(input: {title: "cross-origin"}) { id } }',
        headers={"Origin": origin},
    )
    listed = alice.gql(LIST_TODOS, {"limit": 1}, headers={"Origin": origin})
    for response in (created, listed):
        expect_data(response)
        assert_allows(response, origin)
        if not WILDCARD:
            assert "origin" in tokens(response.headers.get("vary")), (
                "the answer depends on Origin, so Vary must name it" + describe(response)
            )


@needs_origins
def test_an_error_answer_on_graphql_to_an_allowed_origin_carries_cors_headers_too():
    origin = allowed_origin()
    with new_client() as client:
        answers = [
            post(client, "{ syntax error", headers={"Origin": origin}),
            client.post(
                "/graphql",
                content=b"{",
                headers={"Origin": origin, "Content-Type": "application/json"},
            ),
        ]
    for response in answers:
        assert response.status_code in (200, 400), describe(response)
        assert_allows(response, origin)


@needs_origins
def test_a_disallowed_origin_gets_no_allow_origin_on_graphql_and_never_a_5xx(alice):
    if WILDCARD:
        pytest.skip("CORS_ORIGINS=* allows every origin")
    answers: list[httpx.Response] = [
        preflight(DISALLOWED_ORIGIN, "POST", "/graphql"),
        alice.gql(LIST_TODOS, {"limit": 1}, headers={"Origin": DISALLOWED_ORIGIN}),
    ]
    for response in answers:
        assert response.status_code < 500, describe(response)
        assert "access-control-allow-origin" not in response.headers, (
            f"{DISALLOWED_ORIGIN} is not in CORS_ORIGINS" + describe(response)
        )


@pytest.mark.skipif(bool(CORS_ORIGINS), reason="the server runs with CORS_ORIGINS")
def test_without_cors_origins_no_graphql_answer_carries_cors_headers(alice):
    answers = [
        preflight("http://localhost:5173", "POST", "/graphql"),
        alice.gql(LIST_TODOS, {"limit": 1}, headers={"Origin": "http://localhost:5173"}),
    ]
    for response in answers:
        assert response.status_code < 500, describe(response)
        cors = [h for h in response.headers if h.lower().startswith("access-control-")]
        assert not cors, f"CORS_ORIGINS is empty, yet {cors}" + describe(response)
