"""Tier 2: every combination that copier.yml offers renders, and every file it writes passes the
static validator of its kind. Identical file contents across combinations are validated once."""

from __future__ import annotations

import hashlib
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

from tests.support import combo_id, offered_combinations, render, run_dir, tool_env, which

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


# The files that the questions beyond framework, database and auth (ci, docker, api, identity) may
# change. Everything else must be byte-identical across them: tier 3 runs lint and tests for one
# ci/docker variant of each framework x database x auth, and this is what makes that enough.
DEVOPS_AND_DOCS = re.compile(
    r"^(README\.md|ROADMAP\.md|Makefile|Dockerfile|compose\.yaml|\.dockerignore|\.gitlab-ci\.yml"
    r"|renovate\.json|\.copier-answers\.yml|\.env|\.github/.*)$"
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
    record = validated / f"code-{combo['framework']}-{combo['database']}-{combo['auth']}.json"
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
        f"ci/docker/api change files that tier 3 lints and tests for one variant only: {differing}"
    )


@pytest.mark.parametrize("combo", offered_combinations(), ids=combo_id)
def test_the_combination_renders_into_valid_files(tmp_path, validated, combo):
    project = render(tmp_path / "p", skip_tasks=True, **combo)
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

    for path in files:
        rel = str(path.relative_to(project))
        assert not path.name.endswith(".jinja"), f"{rel} kept its .jinja suffix"
        text = path.read_text()
        match = LEFTOVER.search(text)
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
            py_compile.compile(str(path), cfile=str(tmp_path / "compiled.pyc"), doraise=True)
        elif path.suffix in {".js", ".cjs", ".mjs"}:
            validate_once(validated, "node --check", path, [which("node"), "--check", str(path)])
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

    assert_code_matches_other_ci_and_docker_variants(project, files, combo, validated)

    # Every verb of the shared Makefile exists and expands.
    dry_run = subprocess.run(
        ["make", "-n", "setup", "dev", "run", "test", "lint", "fmt", "migrate", "db-up"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert dry_run.returncode == 0, dry_run.stderr


@pytest.mark.parametrize("license_id", ["MIT", "Apache-2.0", "none"])
def test_the_license_answer_picks_the_license_file(tmp_path, license_id):
    project = render(
        tmp_path / "p", skip_tasks=True, license=license_id, author_name="Ada Lovelace"
    )
    license_file = project / "LICENSE"
    if license_id == "none":
        assert not license_file.exists()
    else:
        text = license_file.read_text()
        assert "Ada Lovelace" in text
        assert ("MIT License" in text) == (license_id == "MIT")
        assert ("Apache License" in text) == (license_id == "Apache-2.0")
