"""CONTRACT.md, GraphQL: every stack serves exactly the schema of docs/schema.graphql (its base part
and the part for the server's auth method), field order aside; descriptions are allowed, nothing
else extra. The served schema is read by introspection (on outside production) and printed with
graphql-core, as is the expected one, both sorted, so a difference shows as an SDL diff.

Directives are left out of the comparison: the GraphQL libraries declare their own (graphql-java
its experimental ones), which are no part of the API's types.

`test_each_introspection_query_of_this_test_stays_within_the_100_field_rule` keeps the test's own
queries valid under the contract's document-size rule, whatever a stack does with introspection.
"""

from __future__ import annotations

import difflib

from graphql import GraphQLSchema, build_client_schema, build_schema

from tests.contract.contract_api import AUTH, new_client
from tests.contract.graphql_api import expect_data, post
from tests.contract.schema_sdl import expected_sdl, printed_types

# The standard introspection query selects some 220 fields, over the contract's 100-field rule
# (RULES.md, GraphQL decision 3), so the schema is read in small queries instead: the type names
# first, then each type on its own (77 fields at most), assembled into what build_client_schema
# takes. Type references nest four deep, as `[Todo!]!` does.
TYPE_REF = """fragment TypeRef on __Type {
  kind name ofType { kind name ofType { kind name ofType { kind name } } }
}"""
SCHEMA_QUERY = """{ __schema {
  queryType { name } mutationType { name } subscriptionType { name } types { kind name }
} }"""
TYPE_QUERY = (
    """query OneType($name: String!) { __type(name: $name) {
  kind name
  fields(includeDeprecated: true) {
    name args { name defaultValue type { ...TypeRef } } type { ...TypeRef }
    isDeprecated deprecationReason
  }
  inputFields { name defaultValue type { ...TypeRef } }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
} }
"""
    + TYPE_REF
)


def served_schema() -> GraphQLSchema:
    """The server's schema by introspection (outside production), its own types only."""
    with new_client() as client:
        schema = expect_data(post(client, SCHEMA_QUERY))["__schema"]
        types = []
        for named in schema["types"]:
            if named["name"].startswith("__"):
                continue  # the introspection types are GraphQL's own
            one = expect_data(post(client, TYPE_QUERY, {"name": named["name"]}))["__type"]
            assert one and one["name"] == named["name"], f"__type(name: {named['name']!r}): {one}"
            types.append(one)
    return build_client_schema({"__schema": {**schema, "types": types, "directives": []}})


def test_the_expected_parts_of_schema_graphql_build():
    """The file itself: each auth method's part builds into a schema (the test's own footing)."""
    for auth in ("jwt", "session", "oauth", "none"):
        schema = build_schema(expected_sdl(auth))
        assert schema.query_type and schema.mutation_type, auth
    assert "me" not in build_schema(expected_sdl("none")).query_type.fields
    assert "refresh" in build_schema(expected_sdl("jwt")).mutation_type.fields
    assert "SessionLogin" in build_schema(expected_sdl("session")).type_map
    oauth = build_schema(expected_sdl("oauth"))
    assert set(oauth.mutation_type.fields) == {"createTodo", "updateTodo", "deleteTodo", "logout"}
    assert "me" in oauth.query_type.fields


def test_each_introspection_query_of_this_test_stays_within_the_100_field_rule():
    """Counted as the contract counts (every field node, fragments expanded, aliases too)."""
    from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode, parse

    def count(selection_set, fragments) -> int:
        total = 0
        for node in selection_set.selections if selection_set else ():
            if isinstance(node, FieldNode):
                total += 1 + count(node.selection_set, fragments)
            elif isinstance(node, InlineFragmentNode):
                total += count(node.selection_set, fragments)
            elif isinstance(node, FragmentSpreadNode):
                total += count(fragments[node.name.value].selection_set, fragments)
        return total

    for query in (SCHEMA_QUERY, TYPE_QUERY):
        document = parse(query)
        fragments = {
            d.name.value: d for d in document.definitions if d.kind == "fragment_definition"
        }
        operations = [d for d in document.definitions if d.kind == "operation_definition"]
        assert [count(op.selection_set, fragments) for op in operations] <= [100], query


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
