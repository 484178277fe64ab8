"""CONTRACT.md, GraphQL: every stack serves exactly the schema of docs/schema.graphql (its base part
and the part for the server's auth method), field order aside; descriptions are allowed, nothing
else extra. The served schema is read by introspection (on outside production) and printed with
graphql-core, as is the expected one, both sorted, so a difference shows as an SDL diff.

Directives are left out of the comparison: the GraphQL libraries declare their own (graphql-java
its experimental ones), which are no part of the API's types.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from graphql import (
    GraphQLSchema,
    build_client_schema,
    build_schema,
    get_introspection_query,
    lexicographic_sort_schema,
    print_type,
)
from graphql.type import is_introspection_type, is_specified_scalar_type

from tests.contract.contract_api import AUTH, new_client
from tests.contract.graphql_api import expect_data, post

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "schema.graphql"
PART = re.compile(r"^# auth = (?P<modes>[a-z ,]+?)(?: \(.*\))?$")


def expected_sdl(auth: str, text: str | None = None) -> str:
    """docs/schema.graphql's lines before the first `# auth = ...` comment, plus the lines of the
    parts whose comment names `auth` ("# auth = jwt, session or oauth")."""
    kept: list[str] = []
    applies = True
    for line in (text if text is not None else SCHEMA_FILE.read_text()).splitlines():
        part = PART.match(line.strip())
        if part:
            applies = auth in re.split(r",\s*|\s+or\s+", part["modes"])
            continue
        if applies:
            kept.append(line)
    return "\n".join(kept) + "\n"


def printed_types(schema: GraphQLSchema) -> str:
    """The schema's own types as SDL, sorted by name with their fields, arguments and values
    sorted too, without descriptions (built-in scalars and introspection types left out)."""
    schema = lexicographic_sort_schema(schema)
    blocks = []
    for _name, named in sorted(schema.type_map.items()):
        if is_introspection_type(named) or is_specified_scalar_type(named):
            continue
        named.description = None
        for member in getattr(named, "fields", {}).values():
            member.description = None
            for argument in getattr(member, "args", {}).values():
                argument.description = None
        for value in getattr(named, "values", {}).values():
            value.description = None
        blocks.append(print_type(named))
    return "\n\n".join(blocks) + "\n"


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
