"""Tier 2: the GraphiQL build vendored in template/_shared/graphiql is what SOURCES.txt says it is
(RULES.md, GraphQL decision 2): each third-party file's sha256 matches its line, and every
third-party file (`*.min.js`, `*.min.css`) has one. scripts/vendor-graphiql.sh writes both."""

from __future__ import annotations

import hashlib
import re

from tests.support import TEMPLATE_ROOT

GRAPHIQL = TEMPLATE_ROOT / "template" / "_shared" / "graphiql"
HASH_LINE = re.compile(r"^(?P<digest>[0-9a-f]{64})  (?P<name>\S+)$")


def listed_hashes() -> dict[str, str]:
    lines = (GRAPHIQL / "SOURCES.txt").read_text().splitlines()
    return {m["name"]: m["digest"] for line in lines if (m := HASH_LINE.match(line))}


def test_sources_txt_hashes_match_the_vendored_files():
    listed = listed_hashes()
    assert listed, "SOURCES.txt lists no `<sha256>  <file>` line"
    wrong = {
        name: digest
        for name, digest in listed.items()
        if not (GRAPHIQL / name).is_file()
        or hashlib.sha256((GRAPHIQL / name).read_bytes()).hexdigest() != digest
    }
    assert not wrong, f"files missing or not matching their SOURCES.txt sha256: {sorted(wrong)}"


def test_every_third_party_file_is_listed_in_sources_txt():
    vendored = {p.name for p in GRAPHIQL.iterdir() if re.search(r"\.min\.(js|css)$", p.name)}
    assert vendored, "no vendored GraphiQL build in template/_shared/graphiql"
    unlisted = sorted(vendored - listed_hashes().keys())
    assert not unlisted, f"vendored files SOURCES.txt does not list: {unlisted}"


def test_the_page_loads_only_files_of_the_folder():
    """graphiql.html loads its scripts and styles from /graphql/assets/<a file of the folder>,
    never from another host (the IDE must work offline)."""
    page = (GRAPHIQL / "graphiql.html").read_text()
    urls = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert urls, "graphiql.html loads nothing"
    for url in urls:
        assert url.startswith("/graphql/assets/"), f"graphiql.html loads {url}"
        assert (GRAPHIQL / url.removeprefix("/graphql/assets/")).is_file(), url
