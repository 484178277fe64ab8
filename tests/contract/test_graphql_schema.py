"""CONTRACT.md, GraphQL: every stack serves exactly the schema of docs/schema.graphql (its base part
and the part for the server's auth method), field order aside; descriptions are allowed, nothing
else extra. The served schema is read by introspection (on outside production) and printed with
graphql-core, as is the expected one, both sorted, so a difference shows as an SDL diff.

Directives are left out of the comparison: the GraphQL libraries declare their own (graphql-java
its experimental ones), which are no part of the API's types.
"""

from __future__ import annotations

import difflib

from graphql import GraphQLSchema, build_client_schema, build_schema, get_introspection_query

from tests.contract.contract_api import AUTH, new_client
from tests.contract.graphql_api import expect_data, post
from tests.contract.schema_sdl import expected_sdl, printed_types


def served_schema() -> GraphQLSchema:
    with new_client() as client:
        query = get_introspection_query(descriptions=False)
        data = expect_data(post(client, query))
    return build_client_schema(data)


def test_the_expected_parts_of_schema_graphql_build():
    """The file itself: each auth method's part builds into a schema (the test's own footing)."""
    for auth in ("jwt", "session", "none"):
        schema = build_schema(expected_sdl(auth))
        assert schema.query_type and schema.mutation_type, auth
    assert "me" not in build_schema(expected_sdl("none")).query_type.fields
    assert "refresh" in build_schema(expected_sdl("jwt")).mutation_type.fields
    assert "SessionLogin" in build_schema(expected_sdl("session")).type_map


def test_introspection_answers_the_schema_of_docs_schema_graphql_for_the_auth_method():
    served = printed_types(served_schema())
    expected = printed_types(build_schema(expected_sdl(AUTH)))
    diff = "\n".join(
        difflib.unified_diff(
            expected.splitlines(),
            served.splitlines(),
            f"docs/schema.graphql (auth = {AUTH})",
            "served",
            lineterm="",
        )
    )
    assert served == expected, f"the served schema differs from the contract's:\n{diff}"


def test_the_root_types_are_query_and_mutation_without_subscriptions():
    schema = served_schema()
    assert schema.query_type is not None and schema.query_type.name == "Query"
    assert schema.mutation_type is not None and schema.mutation_type.name == "Mutation"
    assert schema.subscription_type is None, "the contract has no subscriptions"
