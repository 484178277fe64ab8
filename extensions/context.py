"""Derived values for the templates: the chosen stack's facts, names and a per-project secret.

Copier loads this through copier-template-extensions (see `_jinja_extensions` in copier.yml).
"""

from __future__ import annotations

import ast
import contextlib
import re
import secrets
import sys
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from copier_template_extensions import ContextHook

STACKS_FILE = Path(__file__).with_name("stacks.yml")
# Java keywords and literals: a slug such as `new` would make an invalid package name.
JAVA_RESERVED = frozenset(
    (  # noqa: SIM905 (a word list reads better than 53 quoted items)
        "abstract assert boolean break byte case catch char class const continue default do double "
        "else enum extends final finally float for goto if implements import instanceof int "
        "interface long native new package private protected public return short static strictfp "
        "super switch synchronized this throw throws transient try void volatile while true "
        "false null"
    ).split()
)


@cache
def load_facts() -> dict[str, Any]:
    """The parsed `stacks.yml`; also used by the template's tests and benchmarks."""
    return yaml.safe_load(STACKS_FILE.read_text())


def java_package(identifier: str) -> str:
    """`com.example.<slug without dashes>`, as Spring Initializr names a project's package."""
    name = identifier.replace("_", "")
    return f"com.example.{name}app" if name in JAVA_RESERVED else f"com.example.{name}"


def derive(answers: dict[str, Any]) -> dict[str, Any]:
    """Values computed from the answers; pure apart from the random secret."""
    facts = load_facts()
    identifier = answers["project_slug"].replace("-", "_")
    database = facts["databases"][answers["database"]]
    stack = facts["stacks"][answers["framework"]]
    # A stack may run some verbs differently on one database (`by_database.<database>` in
    # stacks.yml: FastAPI's MongoDB migrations are not Alembic's).
    changes = stack.get("by_database", {}).get(answers["database"], {})
    stack = {**stack, **changes, "commands": {**stack["commands"], **changes.get("commands", {})}}
    return {
        "stack": stack,
        # What the stack's make verbs need on PATH (the Makefile's runtime check, version files).
        "runtime": facts["runtimes"][facts["stacks"][answers["framework"]]["language"]],
        "db": {**database, "url": database["url"].format(db_name=identifier)},
        # The deploy targets' build, release and start commands (stacks.yml `hosting`).
        "hosting": facts["hosting"][answers["framework"]],
        "app_port": facts["app_port"],
        "python_package": identifier,
        "java_package": java_package(identifier),
        "java_package_path": java_package(identifier).replace(".", "/"),
        # Spring's id type in services and controllers: UUIDs in SQL, ObjectIds (as their 24 hex
        # characters, which Spring Data MongoDB maps to ObjectId) in MongoDB.
        "java_id": "String" if answers["database"] == "mongodb" else "UUID",
        "db_name": identifier,
        "secret_key": secrets.token_urlsafe(48),
        "current_year": datetime.now(UTC).year,
    }


def is_answer_error(error: BaseException) -> bool:
    """Copier's own wording when an answer given with --data or --data-file is refused."""
    return isinstance(error, ValueError) and str(error).startswith(
        ("Validation error for question", "Invalid choice for")
    )


# Copier's wording for a value that no choice has: "Invalid choice for 'ci': 'jenkins' is not in
# ['github', 'gitlab', 'none']". Said in words instead (see `refusal`).
UNKNOWN_CHOICE = re.compile(r"^Invalid choice for '(\w+)': (.+) is not in (\[.*\])$")


def refusal(error: BaseException) -> str:
    """The one line a refused answer is reported with: Copier's own message, except that an
    unknown choice is said in words: "ci=jenkins is not offered yet: choose github, gitlab or
    none" (Copier would print a Python list)."""
    message = str(error)
    unknown = UNKNOWN_CHOICE.match(message)
    if unknown:
        question, value, offered = unknown.groups()
        with contextlib.suppress(ValueError, SyntaxError):
            value, offered = ast.literal_eval(value), [str(v) for v in ast.literal_eval(offered)]
            listed = (
                ", ".join(offered[:-1]) + f" or {offered[-1]}" if len(offered) > 1 else offered[0]
            )
            return f"{question}={value} is not offered yet: choose {listed}"
    return message


def report_refused_answers(previous_hook=sys.excepthook):
    """An excepthook that prints a refused answer as one line instead of a traceback.

    Interactive prompts show the reason and ask again; with --data, Copier lets the ValueError
    escape to the interpreter, and a learner would read a traceback for a typo.
    """

    def hook(error_type, error, traceback):
        if is_answer_error(error):
            print(refusal(error), file=sys.stderr)
        else:
            previous_hook(error_type, error, traceback)

    hook.is_refused_answer_hook = True
    return hook


class StackContextHook(ContextHook):
    def __init__(self, environment):
        super().__init__(environment)
        if not getattr(sys.excepthook, "is_refused_answer_hook", False):
            sys.excepthook = report_refused_answers(sys.excepthook)

    def hook(self, context: dict[str, Any]) -> None:
        # Copier also renders the questions themselves through this environment, before every
        # answer is known or validated; derive only from a complete and offered set of answers.
        facts = load_facts()
        if (
            context.get("framework") in facts["stacks"]
            and context.get("database") in facts["databases"]
            and isinstance(context.get("project_slug"), str)
        ):
            context.update(derive(context))
