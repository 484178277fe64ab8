"""The context hook: derived values are right, and only computed from offered answers."""

from __future__ import annotations

import sys

from jinja2 import Environment

from extensions.context import StackContextHook, derive, is_answer_error, load_facts, refusal

ANSWERS = {"project_slug": "todo-api", "framework": "flask", "database": "postgresql"}


def test_derive_picks_the_stack_and_database_facts():
    derived = derive(ANSWERS)
    assert derived["stack"] == load_facts()["stacks"]["flask"]
    assert derived["db"]["url"] == "postgresql://app:app@localhost:5432/todo_api"
    assert derived["python_package"] == "todo_api"
    assert derived["app_port"] == 8000


def test_the_java_package_follows_the_slug_and_avoids_reserved_words():
    assert derive(ANSWERS)["java_package"] == "com.example.todoapi"
    assert derive(ANSWERS)["java_package_path"] == "com/example/todoapi"
    assert derive({**ANSWERS, "project_slug": "new"})["java_package"] == "com.example.newapp"


def test_each_derivation_has_a_fresh_secret():
    assert derive(ANSWERS)["secret_key"] != derive(ANSWERS)["secret_key"]


def test_every_stack_defines_every_make_verb_and_a_pinned_base_image():
    verbs = {"setup", "dev", "run", "test", "cover", "lint", "fmt", "migrate"}
    for name, stack in load_facts()["stacks"].items():
        assert set(stack["commands"]) == verbs, name
        image, _, tag = stack["base_image"].partition(":")
        assert image and tag and tag != "latest" and any(ch.isdigit() for ch in tag), name


def test_the_hook_leaves_the_context_alone_until_the_answers_are_offered_ones():
    hook = StackContextHook(Environment())
    # A database stacks.yml has no facts for (mongodb has them now, for Express).
    context = {"project_slug": "x", "framework": "flask", "database": "oracle"}
    hook.hook(context)
    assert "stack" not in context
    context["database"] = "sqlite"
    hook.hook(context)
    assert context["stack"]["language"] == "python"


def test_refused_answers_are_reported_without_a_traceback(capsys):
    StackContextHook(Environment())
    error = ValueError("Validation error for question 'project_slug': Use lowercase letters")
    assert is_answer_error(error)
    sys.excepthook(ValueError, error, None)
    assert capsys.readouterr().err.strip() == str(error)
    assert not is_answer_error(ValueError("something else"))


def test_an_unknown_choice_is_refused_in_words_not_with_a_python_list(capsys):
    StackContextHook(Environment())
    error = ValueError("Invalid choice for 'ci': 'jenkins' is not in ['github', 'gitlab', 'none']")
    sys.excepthook(ValueError, error, None)
    assert capsys.readouterr().err.strip() == (
        "ci=jenkins is not offered yet: choose github, gitlab or none"
    )
    assert refusal(ValueError("Invalid choice for 'api': 'soap' is not in ['rest']")) == (
        "api=soap is not offered yet: choose rest"
    )


def test_a_stack_may_run_some_verbs_differently_on_one_database():
    # stacks.fastapi.by_database.mongodb: pymongo-migrate's runner instead of Alembic.
    def stack(database: str) -> dict:
        return derive({"project_slug": "x", "framework": "fastapi", "database": database})["stack"]

    mongo, sql = stack("mongodb"), stack("postgresql")
    assert mongo["commands"]["migrate"] == "uv run python -m migrations"
    assert mongo["container_migrate"] == ["python", "-m", "migrations"]
    assert sql["commands"]["migrate"] == "uv run alembic upgrade head"
    assert sql["container_migrate"] == ["alembic", "upgrade", "head"]
    assert {k: v for k, v in mongo["commands"].items() if k != "migrate"} == {
        k: v for k, v in sql["commands"].items() if k != "migrate"
    }
