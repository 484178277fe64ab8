"""What a generated project's README.md and ROADMAP.md name must be there: every file or folder
written in backticks exists in the project, and every `make <verb>` is a target of its Makefile.
Tier 2 calls `assert_the_docs_name_only_what_exists` on every rendered combination."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

DOCS = ("README.md", "ROADMAP.md")
CODE_SPAN = re.compile(r"`([^`\n]+)`")
# A verb is named in code: a code span or a line of a fenced block.
MAKE_VERB = re.compile(r"(?:^|`|\$\(|&& |; )make ([a-z][a-z-]*)", re.MULTILINE)
# A naming pattern such as `YYYYMMDDHHMMSS_what.js`, not a file.
PLACEHOLDER = re.compile(r"YYYY|<|\.\.\.")
# Files `make setup` writes (lock files the README asks to commit, the build output).
WRITTEN_BY_SETUP = {"package-lock.json", "uv.lock", "target/app.jar", "node_modules/", ".venv/"}
# Folders the app writes at its first start: Symfony's `var/` (its cache, the login limiter's
# counters, metrics), which its .gitignore leaves out.
WRITTEN_BY_SETUP |= {"var/"}
# Media types and other slash-separated words that are not paths.
NOT_A_PATH = re.compile(r"^(application|text|multipart|image)/|://|^[a-z]+/[a-z]+$")
EXTENSIONS = (
    "js|cjs|mjs|json|py|java|ya?ml|toml|md|xml|sql|ini|mako|properties|lock|example|cmd|sh|txt|db"
)
FILE_NAME = re.compile(rf"^(\.?[\w.-]+/)*\.?[\w.-]*\.({EXTENSIONS})$|^\.[\w-]+$|^(\.?[\w.-]+/)+$")
BARE_NAMES = {"Makefile", "Dockerfile", "LICENSE"}


def named_paths(text: str) -> set[str]:
    """The code spans of a Markdown text that name a file or folder of the project:
    `src/app.js`, `tests/`, `.env.example`, `Makefile`, `app.js` (a bare name may be anywhere in
    the project). HTTP paths (`/api/todos`), URLs, media
    types, commands (anything with a space) and environment variables are not paths."""
    paths = set()
    for span in CODE_SPAN.findall(text):
        span = span.strip()
        if " " in span or span.startswith("/") or "=" in span or NOT_A_PATH.search(span):
            continue
        if PLACEHOLDER.search(span):
            continue
        if span in BARE_NAMES or FILE_NAME.match(span):
            paths.add(span)
    return paths


def migration_text(project: Path) -> str:
    return "\n".join(
        p.read_text()
        for p in project.rglob("*")
        if p.is_file() and "migration" in str(p.relative_to(project)) and ".git" not in p.parts
    )


# An answer a doc suggests (`auth=jwt`, `docker=yes`, `--data api=graphql` inside a command).
SUGGESTED_ANSWER = re.compile(r"(?<![\w-])(framework|database|auth|api|ci|docker)=([a-z]+)\b")


def refused_suggestions(project: Path, text: str) -> list[str]:
    """The answers `text` suggests in code spans ("generate this project again with
    `auth=jwt`") that copier.yml refuses together with the project's other answers (its
    .copier-answers.yml): a PHP project must not be sent to `auth=jwt`. [] without an answers
    file."""
    from extensions.context import load_facts
    from tests.support import MATRIX_QUESTIONS, refusal_of

    answers_file = project / ".copier-answers.yml"
    if not answers_file.exists():
        return []
    answers = yaml.safe_load(answers_file.read_text())
    stacks = load_facts()["stacks"]
    if "framework" not in answers:  # not asked: the language's one framework
        answers["framework"] = next(
            name for name, stack in stacks.items() if stack["language"] == answers["language"]
        )
    combo = {q: answers[q] for q in (*MATRIX_QUESTIONS, "language")}
    refused = []
    for span in CODE_SPAN.findall(text):
        for question, value in SUGGESTED_ANSWER.findall(span):
            given = {"yes": True, "no": False}.get(value, value) if question == "docker" else value
            suggested = {**combo, question: given}
            if question == "framework" and value in stacks:
                suggested["language"] = stacks[value]["language"]
            reason = refusal_of(suggested)
            if reason:
                refused.append(f"`{question}={value}` ({reason})")
    return refused


def make_targets(makefile: str) -> set[str]:
    return set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.MULTILINE))


def assert_the_docs_name_only_what_exists(project: Path) -> None:
    """Raises AssertionError naming each path or verb that a doc of `project` mentions and the
    project does not have."""
    targets = make_targets((project / "Makefile").read_text())
    missing = []
    for doc in DOCS:
        text = (project / doc).read_text()
        for path in sorted(named_paths(text) - WRITTEN_BY_SETUP):
            # A name may be relative to a folder the text names around it (`todo/Todo.java` under
            # the Java package): it must then be the end of a path in the project.
            found = (project / path).exists() or any(project.rglob(path.rstrip("/")))
            if not found:
                missing.append(f"{doc} names `{path}`, which the project does not have")
        for verb in sorted(set(MAKE_VERB.findall(text)) - targets):
            missing.append(f"{doc} names `make {verb}`, which the Makefile does not define")
        for refused in refused_suggestions(project, text):
            missing.append(f"{doc} suggests {refused}, which copier.yml refuses for this project")
    # An exercise that names columns (`todos (user_id, done, created_at)`) names real ones.
    schema = migration_text(project)
    roadmap = (project / "ROADMAP.md").read_text()
    for table, columns in re.findall(r"`(\w+) \(([\w, ]+)\)`", roadmap):
        for column in (c.strip() for c in columns.split(",")):
            # Django names a foreign key `user` in its migration; the column is `user_id`.
            django_key = rf'"{column.removesuffix("_id")}",\s*models\.ForeignKey'
            if not re.search(rf"\b{column}\b|{django_key}", schema):
                missing.append(f"ROADMAP.md names column {table}.{column}, no migration has it")
    assert not missing, "\n".join(missing)
