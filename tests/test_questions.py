"""Tier 1: the questions. Defaults, validators, refused combinations, non-interactive answers,
the first-commit task."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from tests.support import TEMPLATE_ROOT, choice_values, offered_combinations, questions, render


def copy_defaults(dst, *options: str, env=None) -> subprocess.CompletedProcess:
    """`copier copy --trust --defaults OPTIONS <this template> DST`, as a learner would type it."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "copier",
            "copy",
            "--trust",
            "--defaults",
            "--vcs-ref",
            "HEAD",
            *options,
            str(TEMPLATE_ROOT),
            str(dst),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_question_has_a_one_line_help_and_a_default():
    for name, spec in questions().items():
        assert spec.get("help"), f"{name} has no help"
        assert "\n" not in spec["help"].strip(), f"{name}'s help is not one line"
        assert "default" in spec, f"{name} has no default"


def test_defaults_generate_express_on_sqlite_with_jwt(tmp_path):
    project = render(tmp_path / "p", skip_tasks=True)
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert answers["framework"] == "express"
    assert answers["database"] == "sqlite"
    assert answers["auth"] == "jwt"
    assert answers["project_slug"] == "my-api"
    assert (project / "package.json").is_file()


def test_the_slug_default_builds_on_the_project_name(tmp_path):
    project = render(tmp_path / "p", skip_tasks=True, project_name="  2 Shiny New API! ")
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert answers["project_slug"] == "shiny-new-api"


@pytest.mark.parametrize(("language", "framework"), [("python", "flask"), ("java", "spring")])
def test_the_framework_default_follows_the_language(tmp_path, language, framework):
    project = render(tmp_path / "p", skip_tasks=True, language=language)
    assert yaml.safe_load((project / ".copier-answers.yml").read_text())["framework"] == framework


@pytest.mark.parametrize(
    ("answers", "reason"),
    [
        (["project_slug=My API"], "Use lowercase letters, digits and hyphens"),
        (["project_slug=1api"], "Use lowercase letters, digits and hyphens"),
        (["project_slug=" + "a" * 51], "at most 50 characters"),
        (["project_name= "], "cannot be empty"),
        (['project_name=My "API"'], "Leave out double quotes and backslashes"),
        (["description=C:\\temp"], "Leave out double quotes and backslashes"),
        (["author_email=not-an-email"], "Enter an email address"),
        (["database=mongodb"], "Invalid choice for 'database'"),
        (["auth=oauth"], "Invalid choice for 'auth'"),
        (["api=graphql"], "Invalid choice for 'api'"),
        (["ci=jenkins"], "Invalid choice for 'ci'"),
        (["language=php"], "Invalid choice for 'language'"),
        (["language=python", "framework=express"], "Express runs on Node.js: pick language node"),
        (["language=node", "framework=flask"], "Flask runs on Python: pick language python"),
        (["language=java", "framework=django"], "Django runs on Python: pick language python"),
        (["language=node", "framework=fastapi"], "FastAPI runs on Python: pick language python"),
        (["language=python", "framework=spring"], "Spring Boot runs on Java: pick language java"),
    ],
)
def test_a_bad_answer_is_refused_with_a_one_line_reason_and_nothing_is_written(
    tmp_path, answers, reason
):
    dst = tmp_path / "p"
    data = [arg for answer in answers for arg in ("--data", answer)]
    result = copy_defaults(dst, *data)
    assert result.returncode != 0
    assert reason in result.stderr
    assert "Traceback" not in result.stderr
    assert not dst.exists()


def test_answers_from_a_data_file_are_used(tmp_path):
    data_file = tmp_path / "answers.yml"
    data_file.write_text(
        yaml.safe_dump(
            {
                "project_name": "Todo Service",
                "language": "python",
                "framework": "flask",
                "database": "postgresql",
                "auth": "session",
                "ci": "gitlab",
                "docker": False,
            }
        )
    )
    dst = tmp_path / "p"
    result = copy_defaults(dst, "--skip-tasks", "--data-file", str(data_file))
    assert result.returncode == 0, result.stderr
    answers = yaml.safe_load((dst / ".copier-answers.yml").read_text())
    assert (answers["project_slug"], answers["framework"], answers["auth"]) == (
        "todo-service",
        "flask",
        "session",
    )
    assert (dst / ".gitlab-ci.yml").is_file()
    assert not (dst / ".github").exists()
    assert not (dst / "Dockerfile").exists()
    assert not (dst / "compose.yaml").exists()


def test_copy_makes_a_git_repo_with_a_first_commit_even_without_a_git_identity(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "HOME": str(home),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    for var in (
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "EMAIL",
    ):
        env.pop(var, None)
    dst = tmp_path / "p"
    result = copy_defaults(
        dst,
        "--data",
        "author_name=Ada Lovelace",
        "--data",
        "author_email=ada@example.com",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    log = (
        subprocess.run(
            ["git", "log", "--format=%an <%ae>|%s"],
            cwd=dst,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()
    )
    assert log == ["Ada Lovelace <ada@example.com>|Initial commit from backend-roadmap-template"]
    status = subprocess.run(
        ["git", "status", "--porcelain"],
        cwd=dst,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert status == "", "the first commit holds every generated file"
    assert (dst / ".env").is_file(), ".env is generated but ignored by git"


def test_the_message_after_copy_says_what_to_type_next(tmp_path):
    result = copy_defaults(tmp_path / "p", "--skip-tasks")
    assert result.returncode == 0, result.stderr
    for verb in ("make setup", "make migrate", "make run", "make test"):
        assert verb in result.stderr + result.stdout


def test_each_project_gets_its_own_secret_key_and_the_example_has_none(tmp_path):
    first = render(tmp_path / "a", skip_tasks=True)
    second = render(tmp_path / "b", skip_tasks=True)

    def secret(path):
        line = next(x for x in path.read_text().splitlines() if x.startswith("SECRET_KEY="))
        return line.split("=", 1)[1]

    assert secret(first / ".env") != secret(second / ".env")
    assert len(secret(first / ".env")) >= 32
    assert secret(first / ".env.example") == "change-me"


def test_every_offered_combination_is_counted_once():
    combos = offered_combinations()
    assert len(combos) == len({tuple(sorted(c.items())) for c in combos})
    expected = 1
    for question in ("framework", "database", "auth", "api", "ci", "docker"):
        expected *= len(choice_values(question))
    assert len(combos) == expected


def test_the_questions_work_interactively_and_reject_a_bad_slug_in_place(tmp_path):
    import pexpect

    dst = tmp_path / "p"
    child = pexpect.spawn(
        sys.executable,
        [
            "-m",
            "copier",
            "copy",
            "--trust",
            "--vcs-ref",
            "HEAD",
            "--skip-tasks",
            str(TEMPLATE_ROOT),
            str(dst),
        ],
        encoding="utf-8",
        timeout=60,
        dimensions=(40, 160),
    )
    clear_line = "\x15"  # readline's "kill line": drop the pre-filled default

    def answer(question: str, keys: str) -> None:
        child.expect_exact(question)
        child.send(keys)

    answer("Human-readable project name", clear_line + "Shop API\r")
    answer("Package and repository name", clear_line + "Shop API\r")
    child.expect_exact("Use lowercase letters, digits and hyphens")
    child.send(clear_line + "shop-api\r")
    for question in ("One-line description", "Your name", "Your email"):
        answer(question, "\r")
    answer("Programming language", "\x1b[B\r")  # arrow down: Python
    answer("Web framework", "\r")  # the default follows the language
    for question in (
        "Database",
        "Authentication",
        "API style",
        "Continuous integration",
        "Add a Dockerfile",
        "License",
    ):
        answer(question, "\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    answers = yaml.safe_load((dst / ".copier-answers.yml").read_text())
    assert (answers["project_name"], answers["project_slug"]) == ("Shop API", "shop-api")
    assert (answers["language"], answers["framework"]) == ("python", "flask")
