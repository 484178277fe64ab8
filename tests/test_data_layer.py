"""Tier 2: the data layer of an api=graphql project is byte-identical to its api=rest twin's
(RULES.md, GraphQL decision 9; issue 11.4). Tier 3 runs one api per framework x database x auth,
so this is what lets the REST rows keep proving the GraphQL variants' services, repositories,
models, migrations and password/token helpers, and the other way round.

Which files form the data layer is each stack's word: `stacks.<framework>.data_layer` in
extensions/stacks.yml, a list of glob patterns relative to the generated project (Path.glob
syntax, `**` included). A stack without it fails here.
"""

from __future__ import annotations

import hashlib
import itertools
from pathlib import Path

import pytest

from extensions.context import load_facts
from tests.support import choice_values, language_of, refusal_of, render

PRIMARY = ("framework", "database", "auth")


def offered_with(api: str) -> list[tuple[str, str, str]]:
    """The triples copier.yml offers with `api` (database=mongodb is offered for some frameworks
    only; PHP's framework offers rest only)."""
    return [
        triple
        for triple in itertools.product(*(choice_values(q) for q in PRIMARY))
        if not refusal_of(
            {
                **dict(zip(PRIMARY, triple, strict=True)),
                "api": api,
                "language": language_of(triple[0]),
            }
        )
    ]


# Those offered with both apis: a framework with REST only (Symfony) has no second variant.
TRIPLES = offered_with("graphql")
REST_ONLY = sorted(set(offered_with("rest")) - set(TRIPLES))


def data_layer(project: Path, patterns: list[str]) -> dict[str, str]:
    """{relative path: sha256} of the files the patterns match (folders left out)."""
    files = {path for pattern in patterns for path in project.glob(pattern) if path.is_file()}
    return {
        str(path.relative_to(project)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(files)
    }


@pytest.mark.parametrize(
    ("framework", "database", "auth"),
    TRIPLES,
    ids=["-".join(triple) for triple in TRIPLES],
)
def test_the_data_layer_of_graphql_is_byte_identical_to_rest(tmp_path, framework, database, auth):
    patterns = load_facts()["stacks"][framework].get("data_layer")
    assert isinstance(patterns, list) and patterns and all(isinstance(p, str) for p in patterns), (
        f"extensions/stacks.yml: stacks.{framework}.data_layer must list the glob patterns of the "
        f"files at and below the service layer, got {patterns!r}"
    )
    layers = {}
    for api in ("rest", "graphql"):
        project = render(
            tmp_path / api,
            skip_tasks=True,
            snapshot=True,  # tests/support.py: no clone per render, same files
            framework=framework,
            database=database,
            auth=auth,
            api=api,
        )
        layers[api] = data_layer(project, patterns)
    rest, graphql = layers["rest"], layers["graphql"]
    assert rest, f"stacks.{framework}.data_layer {patterns} matches no file of the project"
    only_one = sorted(rest.keys() ^ graphql.keys())
    assert not only_one, f"data-layer files that only one api variant has: {only_one}"
    differing = sorted(name for name in rest if rest[name] != graphql[name])
    assert not differing, (
        f"data-layer files that differ between api=rest and api=graphql: {differing}"
    )


@pytest.mark.parametrize(
    ("framework", "database", "auth"),
    REST_ONLY,
    ids=["-".join(triple) for triple in REST_ONLY],
)
def test_a_rest_only_framework_names_its_data_layer(tmp_path, framework, database, auth):
    """Symfony offers REST only (copier.yml): no graphql variant to compare, but its data_layer
    globs must still match the files below its services, for the day it gets one."""
    patterns = load_facts()["stacks"][framework].get("data_layer")
    assert isinstance(patterns, list) and patterns, f"stacks.{framework}.data_layer is missing"
    project = render(
        tmp_path / "rest",
        skip_tasks=True,
        snapshot=True,
        framework=framework,
        database=database,
        auth=auth,
    )
    layer = data_layer(project, patterns)
    assert layer, f"stacks.{framework}.data_layer {patterns} matches no file of the project"
    for pattern in patterns:
        assert any(Path(name).match(pattern) for name in layer), f"{pattern} matches no file"
