"""The contract's GraphQL schema (docs/schema.graphql) per auth method, and a printing of a schema
that two schemas compare equal under when they differ only in field order and descriptions. Used
by the contract suite (against introspection) and by tier 2 (Spring's schema.graphqls)."""

from __future__ import annotations

import re
from pathlib import Path

from graphql import GraphQLSchema, lexicographic_sort_schema, print_type
from graphql.type import is_introspection_type, is_specified_scalar_type

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
