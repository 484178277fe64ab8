"""Tier 2: every combination that copier.yml offers renders, and every file it writes passes the
static validator of its kind. Identical file contents across combinations are validated once."""

from __future__ import annotations

import ast
import hashlib
import html
import itertools
import json
import py_compile
import re
import subprocess
import time
import tomllib
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import yaml
from graphql import build_schema
from markdown_it import MarkdownIt

from extensions.filters import markdown_text, spring_property
from tests import support
from tests.contract.schema_sdl import expected_sdl, printed_types
from tests.docs_truth import assert_the_docs_name_only_what_exists
from tests.support import (
    TEMPLATE_ROOT,
    choice_values,
    combo_id,
    offered_combinations,
    render,
    run_dir,
    tool_env,
    which,
)

# Jinja syntax that survived rendering: a forgotten `.jinja` suffix or a broken include. Braces
# without the inner space (`{{errors: ...}}` in a JSDoc type) are the language's own.
LEFTOVER = re.compile(r"\{\{\s|\s\}\}|\{%|%\}|\{#|#\}")

# Which built-in check-jsonschema schema validates which generated file.
SCHEMAS = {
    ".github/workflows/ci.yml": "vendor.github-workflows",
    ".github/dependabot.yml": "vendor.dependabot",
    ".gitlab-ci.yml": "vendor.gitlab-ci",
    "compose.yaml": "vendor.compose-spec",
    "renovate.json": "vendor.renovate",
}


# The files that the questions beyond framework, database, auth and api (ci, docker, identity)
# may change. Everything else must be byte-identical across them: tier 3 runs lint and tests for
# one ci/docker variant of each framework x database x auth (on one api; tests/test_data_layer.py
# proves the data layer the same on both), and this is what makes that enough.
DEVOPS_AND_DOCS = re.compile(
    r"^(README\.md|ROADMAP\.md|Makefile|Dockerfile|compose\.yaml|\.dockerignore|\.gitlab-ci\.yml"
    r"|renovate\.json|\.copier-answers\.yml|\.env|\.github/.*)$"
)


# GraphiQL, vendored once (RULES.md, GraphQL decision 2): {file name: sha256}.
GRAPHIQL_DIR = TEMPLATE_ROOT / "template" / "_shared" / "graphiql"
VENDORED_GRAPHIQL = {
    p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in GRAPHIQL_DIR.iterdir()
}
SPRING_SCHEMA = "src/main/resources/graphql/schema.graphqls"


def assert_graphql_files(project: Path, files: list[Path], combo) -> None:
    """api = graphql: a folder holds every file of template/_shared/graphiql byte for byte (the
    stack serves it), and Spring's schema.graphqls is the contract's schema for the auth method
    (docs/schema.graphql, field order aside). api = rest: neither."""
    pages = [p for p in files if p.name == "graphiql.html"]
    if combo["api"] != "graphql":
        assert not pages, f"api = rest ships GraphiQL: {pages}"
        assert not (project / SPRING_SCHEMA).exists(), f"api = rest ships {SPRING_SCHEMA}"
        return
    complete = [
        page.parent
        for page in pages
        if {
            name: hashlib.sha256((page.parent / name).read_bytes()).hexdigest()
            for name in VENDORED_GRAPHIQL
            if (page.parent / name).is_file()
        }
        == VENDORED_GRAPHIQL
    ]
    assert complete, (
        f"no folder holds template/_shared/graphiql's files unchanged (graphiql.html found in "
        f"{[str(p.parent.relative_to(project)) for p in pages]})"
    )
    if combo["framework"] == "spring":
        schema = project / SPRING_SCHEMA
        assert schema.is_file(), f"Spring for GraphQL reads {SPRING_SCHEMA}; it is missing"
        served = printed_types(build_schema(schema.read_text()))
        expected = printed_types(build_schema(expected_sdl(combo["auth"])))
        assert served == expected, (
            f"{SPRING_SCHEMA} is not docs/schema.graphql's schema for auth = {combo['auth']}"
        )


def generated_files(project: Path) -> list[Path]:
    return [
        p for p in project.rglob("*") if p.is_file() and ".git" not in p.relative_to(project).parts
    ]


@pytest.fixture(scope="session")
def validated(tmp_path_factory) -> Path:
    """Markers of file contents that already passed a validator, shared by xdist workers."""
    root = run_dir(tmp_path_factory) / "validated"
    root.mkdir(exist_ok=True)
    return root


def validate_once(validated: Path, tool: str, path: Path, command: list[str]) -> None:
    digest = hashlib.sha256(tool.encode() + path.name.encode() + path.read_bytes()).hexdigest()
    marker = validated / digest
    if marker.exists():
        return
    result = subprocess.run(command, capture_output=True, text=True, env=tool_env(), timeout=120)
    assert result.returncode == 0, f"{tool} rejects {path.name}:\n{result.stdout}{result.stderr}"
    marker.touch()


def assert_code_matches_other_ci_and_docker_variants(project, files, combo, validated) -> None:
    code = {
        str(p.relative_to(project)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in files
        if not DEVOPS_AND_DOCS.match(str(p.relative_to(project)))
    }
    record = validated / (
        f"code-{combo['framework']}-{combo['database']}-{combo['auth']}-{combo['api']}.json"
    )
    try:  # the first variant to get here records its code; every other one must match it
        with record.open("x") as out:
            json.dump(code, out)
        return
    except FileExistsError:
        recorded = json.loads(record.read_text()) if record.stat().st_size else None
    if recorded is None:  # another worker is writing it right now
        time.sleep(0.5)
        recorded = json.loads(record.read_text())
    differing = sorted(
        name for name in code.keys() | recorded.keys() if code.get(name) != recorded.get(name)
    )
    assert not differing, (
        f"ci/docker change files that tier 3 lints and tests for one variant only: {differing}"
    )


# sha256 digests of the Python sources py_compile accepted in this process.
COMPILED_PYTHON: set[bytes] = set()


def assert_each_file_is_valid(
    project: Path, files: list[Path], tmp_path: Path, validated: Path, *, leftovers: bool = True
) -> None:
    """Each file parses or compiles as its kind says, and passes its schema or linter.
    `leftovers=False` skips the leftover-Jinja check, for answers that contain `{{ y }}` text."""
    for path in files:
        rel = str(path.relative_to(project))
        assert not path.name.endswith(".jinja"), f"{rel} kept its .jinja suffix"
        text = path.read_text()
        # GraphiQL's vendored build is copied verbatim (its CSS has `%}`), not rendered.
        vendored = hashlib.sha256(path.read_bytes()).hexdigest() in VENDORED_GRAPHIQL.values()
        match = LEFTOVER.search(text) if leftovers and not vendored else None
        context = text[max(0, match.start() - 40) : match.end() + 40] if match else ""
        assert not match, f"{rel} has leftover template syntax: ...{context}..."
        if path.suffix == ".json":
            json.loads(text)
        elif path.suffix in {".yml", ".yaml"}:
            yaml.safe_load(text)
        elif path.suffix == ".toml":
            tomllib.loads(text)
        elif path.suffix == ".xml":
            ElementTree.fromstring(text)
        elif path.suffix == ".py":
            # Identical sources compile alike: each content once per process (56 .py files a
            # Django combination, most of them the same in all 144 of its combinations).
            digest = hashlib.sha256(path.read_bytes()).digest()
            if digest not in COMPILED_PYTHON:
                py_compile.compile(str(path), cfile=str(tmp_path / "compiled.pyc"), doraise=True)
                COMPILED_PYTHON.add(digest)
        elif path.suffix in {".js", ".cjs", ".mjs"}:
            validate_once(validated, "node --check", path, [which("node"), "--check", str(path)])
        elif path.suffix == ".php" or text.startswith("#!/usr/bin/env php"):
            # PHP's own parser (`php -l`: syntax only, no autoloading), e.g. Symfony's bin/console.
            validate_once(validated, "php -l", path, [which("php"), "-l", str(path)])
        elif path.suffix == ".md":
            assert_no_table_is_split(rel, text)
        if rel in SCHEMAS:
            validate_once(
                validated,
                SCHEMAS[rel],
                path,
                [which("check-jsonschema"), "--builtin-schema", SCHEMAS[rel], str(path)],
            )
        if rel == ".github/workflows/ci.yml":
            validate_once(validated, "actionlint", path, [which("actionlint"), str(path)])
        if path.name == "Dockerfile":
            validate_once(validated, "hadolint", path, [which("hadolint"), str(path)])


# Top-level entries of a generated project that only development, CI or hosting read: everything
# else is what the app runs and must be copied into its image.
NOT_IN_THE_IMAGE = {
    ".copier-answers.yml",
    ".dockerignore",
    ".editorconfig",
    ".env",
    ".env.example",
    ".gitattributes",
    ".github",
    ".gitignore",
    ".gitlab-ci.yml",
    ".npmrc",
    ".nvmrc",
    ".prettierignore",
    ".prettierrc.json",
    ".python-version",
    ".sdkmanrc",
    "Dockerfile",
    "LICENSE",
    "Makefile",
    "README.md",
    "ROADMAP.md",
    "compose.yaml",
    "eslint.config.js",
    "mvnw.cmd",
    "phpcs.xml.dist",
    "phpunit.xml.dist",
    "renovate.json",
    "tests",
    # hosting targets (the deploy question): files the platforms read, not the app
    "Procfile",
    "app.json",
    "deploy",
    "render.yaml",
    "system.properties",
}
DOCKER_COPY = re.compile(r"^COPY\s+(?!--from)(?:--\S+\s+)*(.+?)\s+\S+\s*$")


def assert_the_image_copies_what_the_app_runs(project: Path) -> None:
    """Every COPY of the Dockerfile's build context names files that exist, and every top-level
    entry of the project is copied unless NOT_IN_THE_IMAGE lists it: an app folder added to a
    variant and left out of its image (Django's graphiql/ once) fails here, for every offered
    combination, without building the image."""
    dockerfile = project / "Dockerfile"
    if not dockerfile.exists():
        return
    copied = set()
    for line in dockerfile.read_text().splitlines():
        match = DOCKER_COPY.match(line.strip())
        if not match:
            continue
        for source in match.group(1).split():
            found = list(project.glob(source))
            # `uv.lock*`: the lock file may not exist yet (made by `make setup`), a glob allows it.
            assert found or "*" in source, f"Dockerfile copies {source}, which does not exist"
            copied |= {path.relative_to(project).parts[0] for path in found}
    left_out = {path.name for path in project.iterdir()} - copied - NOT_IN_THE_IMAGE
    assert not left_out, f"the image leaves out {sorted(left_out)} (copy it, or list it)"


TABLE_SEPARATOR = re.compile(r"^\|(\s*:?-+:?\s*\|)+\s*$")


def assert_no_table_is_split(rel: str, text: str) -> None:
    """A Markdown table ends at a blank line: rows after one would show as a second table without
    a header (GFM renders `| a | b |` without its separator row as text)."""
    blocks = [block.splitlines() for block in re.split(r"\n\s*\n", text)]
    for before, block in itertools.pairwise(blocks):
        if not (before and block and before[-1].startswith("|") and block[0].startswith("|")):
            continue
        assert len(block) > 1 and TABLE_SEPARATOR.match(block[1]), (
            f"{rel}: a blank line splits the table ending with {before[-1]!r}"
        )


# Lines of a render that differ between two renders of the same answers (.env's secret), or
# between a render of the git checkout and one of tests.support.template_snapshot() (Copier
# writes `_commit` only for a git template, and `_src_path` names where it rendered from).
SECRET_LINE = re.compile(r"^SECRET_KEY=.*$", re.MULTILINE)
SOURCE_LINES = re.compile(r"^(_commit|_src_path): .*\n", re.MULTILINE)


@pytest.mark.parametrize("framework", ["express", "spring"])
def test_a_render_from_the_snapshot_is_the_render_from_git(tmp_path, framework):
    """The render tier renders from template_snapshot() (no git clone per copy) with Jinja's
    compiled code kept across copies (compiled_once(), filled first here): every file a
    render of the git checkout (vcs_ref HEAD, as users and the other tiers copy) writes is
    written the same, but for the secret and the answers file's source lines. Express and
    Spring, the two template folders with the most files, each on graphql + oauth + docker +
    github (the answers that write the most files)."""
    answers = dict(framework=framework, database="postgresql", auth="oauth", api="graphql")
    answers |= dict(ci="github", docker=True)

    def contents(project: Path) -> dict[str, str]:
        return {
            str(p.relative_to(project)): SOURCE_LINES.sub(
                "", SECRET_LINE.sub("<secret>", p.read_text())
            )
            for p in generated_files(project)
        }

    render(tmp_path / "warm", skip_tasks=True, snapshot=True, **answers)  # fills the cache
    compiled = len(support._COMPILED)
    from_snapshot = contents(render(tmp_path / "snap", skip_tasks=True, snapshot=True, **answers))
    assert len(support._COMPILED) == compiled > 0, "the second render compiled Jinja again"
    from_git = contents(render(tmp_path / "git", skip_tasks=True, **answers))  # neither
    assert from_git.keys() == from_snapshot.keys()
    differing = sorted(name for name in from_git if from_git[name] != from_snapshot[name])
    assert not differing, f"the snapshot renders these files differently: {differing}"
    answers_file = (tmp_path / "git" / ".copier-answers.yml").read_text()
    assert "_commit: " in answers_file, "the git render records the template's commit"


@pytest.mark.parametrize("combo", offered_combinations(), ids=combo_id)
def test_the_combination_renders_into_valid_files(tmp_path, validated, combo):
    project = render(tmp_path / "p", skip_tasks=True, snapshot=True, **combo)
    files = generated_files(project)
    names = {str(p.relative_to(project)) for p in files}

    for must in (
        "Makefile",
        "README.md",
        "ROADMAP.md",
        ".gitignore",
        ".editorconfig",
        ".env.example",
        ".env",
        ".copier-answers.yml",
        "LICENSE",
    ):
        assert must in names, f"{must} is missing"
    assert ("Dockerfile" in names) == ("compose.yaml" in names) == combo["docker"]
    assert (".github/workflows/ci.yml" in names) == (combo["ci"] == "github")
    assert (".gitlab-ci.yml" in names) == (combo["ci"] == "gitlab")
    assert not any(name.startswith("_fragments") for name in names)

    assert_each_file_is_valid(project, files, tmp_path, validated)

    assert_graphql_files(project, files, combo)
    assert_code_matches_other_ci_and_docker_variants(project, files, combo, validated)
    assert_the_docs_name_only_what_exists(project)
    assert_the_image_copies_what_the_app_runs(project)

    # Every verb of the shared Makefile exists and expands.
    dry_run = subprocess.run(
        ["make", "-n", "setup", "dev", "run", "test", "cover", "lint", "fmt", "migrate", "db-up"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert dry_run.returncode == 0, dry_run.stderr


@pytest.mark.parametrize("license_id", ["MIT", "Apache-2.0", "none"])
def test_the_license_answer_picks_the_license_file(tmp_path, license_id):
    project = render(
        tmp_path / "p",
        skip_tasks=True,
        snapshot=True,
        license=license_id,
        author_name="Ada Lovelace",
    )
    license_file = project / "LICENSE"
    if license_id == "none":
        assert not license_file.exists()
    else:
        text = license_file.read_text()
        assert "Ada Lovelace" in text
        assert ("MIT License" in text) == (license_id == "MIT")
        assert ("Apache License" in text) == (license_id == "Apache-2.0")


# Issue 9.2: identity answers with what XML, YAML, Spring, Markdown, TOML, JSON, shell and the
# string literals of each language treat specially, and non-ASCII.
HOSTILE = "R&D <Tracker> 'x' \"q\" \\ ${x} {{ y }} {% z %} % # Café Crème 日本"


def markdown_blocks(text: str) -> list[str]:
    """The text of each heading or paragraph as CommonMark + GFM shows it."""
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return [
        token.content and render_inline(parser, token)
        for token in parser.parse(text)
        if token.type == "inline"
    ]


def render_inline(parser: MarkdownIt, token) -> str:
    kinds = {child.type for child in token.children}
    return "".join(c.content for c in token.children) if kinds <= {"text"} else f"<markup {kinds}>"


def python_strings(path: Path) -> set[str]:
    return {
        node.value
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


@pytest.mark.parametrize("framework", choice_values("framework"))
def test_hostile_identity_answers_land_intact_in_every_file(tmp_path, validated, framework):
    project = render(
        tmp_path / "p",
        skip_tasks=True,
        snapshot=True,
        framework=framework,
        project_name=HOSTILE,
        description=HOSTILE,
        author_name=HOSTILE,
        author_email="r.d+x@example.com",
    )
    assert_each_file_is_valid(
        project, generated_files(project), tmp_path, validated, leftovers=False
    )

    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert answers["project_name"] == answers["description"] == answers["author_name"] == HOSTILE
    assert answers["project_slug"] == "r-d-tracker-x-q-x-y-z-cafe-creme-ri-ben"
    readme = markdown_blocks((project / "README.md").read_text())
    assert readme[:2] == [HOSTILE, HOSTILE], "the README shows the name and description as typed"
    assert HOSTILE in (project / "LICENSE").read_text()
    # OpenAPI descriptions are CommonMark, so the description is escaped there to show as typed.
    openapi_description = markdown_text(HOSTILE)

    if framework == "spring":
        pom = ElementTree.parse(project / "pom.xml").getroot()
        ns = {"m": "http://maven.apache.org/POM/4.0.0"}
        assert pom.find("m:name", ns).text == pom.find("m:description", ns).text == HOSTILE
        settings = yaml.safe_load((project / "src/main/resources/application.yml").read_text())
        # Spring reads `\${` back as `${` (spring_property's cases were measured against it).
        assert settings["spring"]["application"]["name"] == spring_property(HOSTILE)
        assert settings["app"]["description"] == spring_property(openapi_description)
    elif framework == "express":
        package = json.loads((project / "package.json").read_text())
        assert package["description"] == HOSTILE
        assert package["author"] == {"name": HOSTILE, "email": "r.d+x@example.com"}
        about = json.loads((project / "src" / "about.json").read_text())
        assert (about["title"], about["description"]) == (HOSTILE, openapi_description)
        # Pasted into HTML by String.replace (swagger-ui-express): escaped, `$` doubled.
        assert html.unescape(about["siteTitle"]).replace("$$", "$") == HOSTILE
        assert not set("<>\"'") & set(about["siteTitle"])
    elif framework == "symfony":
        composer = json.loads((project / "composer.json").read_text())
        assert composer["description"] == HOSTILE
        info = yaml.safe_load((project / "config" / "openapi.yaml").read_text())["info"]
        assert (info["title"], info["description"]) == (HOSTILE, openapi_description)
    else:
        pyproject = tomllib.loads((project / "pyproject.toml").read_text())["project"]
        assert pyproject["description"] == HOSTILE
        assert pyproject["authors"] == [{"name": HOSTILE, "email": "r.d+x@example.com"}]
        settings = {
            "flask": "app/config.py",
            "django": "config/settings.py",
            "fastapi": "app/main.py",
        }[framework]
        assert {HOSTILE, openapi_description} <= python_strings(project / settings)
