"""Tier 1: the `deploy` question. A target that cannot work with the other answers is refused
with one line saying why (never a file that could only fail on the platform); the targets that
can work generate their files, and no target generates none of them."""

from __future__ import annotations

import pytest
import yaml
from wcwidth import wcswidth

from tests.support import questions, render
from tests.test_questions import COLUMNS, copy_defaults

# The files (or folders) each target adds to a project, relative to its root.
TARGET_FILES = {
    "render": ["render.yaml"],
    "heroku": ["Procfile", "app.json"],
    "aws": ["deploy/aws/cloudformation.yaml"],
    "kubernetes": ["deploy/helm/Chart.yaml", "deploy/helm/values.yaml"],
}


def test_deploy_is_a_multiselect_of_the_four_targets_defaulting_to_none():
    spec = questions()["deploy"]
    assert spec["multiselect"] is True
    assert spec["default"] == []
    values = [choice["value"] for choice in spec["choices"].values()]
    assert values == ["render", "heroku", "aws", "kubernetes"]


@pytest.mark.parametrize(
    ("answers", "reason"),
    [
        # Render and Heroku run on an ephemeral disk and manage PostgreSQL only.
        (["database=sqlite", "deploy=[render]"], "Render's disk is ephemeral: pick postgresql"),
        (["database=mysql", "deploy=[render]"], "Render's managed database is PostgreSQL"),
        (["database=sqlite", "deploy=[heroku]"], "Heroku's disk is ephemeral: pick postgresql"),
        (["database=mysql", "deploy=[heroku]"], "Heroku's managed database is PostgreSQL"),
        # Render has no native Java runtime: Spring needs its Dockerfile there.
        (
            ["language=java", "database=postgresql", "docker=false", "deploy=[render]"],
            "Render runs Java from an image: answer docker yes",
        ),
        # ECS and Kubernetes run images, on disks that do not outlive a task or a pod.
        (["database=postgresql", "docker=false", "deploy=[aws]"], "ECS Fargate runs an image"),
        (["database=sqlite", "deploy=[aws]"], "ECS disks are ephemeral: pick postgresql or mysql"),
        (["database=mysql", "docker=false", "deploy=[kubernetes]"], "Kubernetes runs an image"),
        (
            ["database=sqlite", "deploy=[kubernetes]"],
            "Pod disks are ephemeral: pick postgresql or mysql",
        ),
        # One refused target refuses the whole answer, even next to one that would work.
        (["database=mysql", "deploy=[aws, heroku]"], "Heroku's managed database is PostgreSQL"),
        (["database=mongodb", "deploy=[aws]"], "RDS has no MongoDB: pick postgresql or mysql"),
        (["database=mongodb", "deploy=[kubernetes]"], "The Helm chart is for SQL databases so far"),
        (["database=mongodb", "deploy=[render]"], "Render's managed database is PostgreSQL"),
    ],
)
def test_a_target_that_cannot_work_is_refused_with_a_one_line_reason(tmp_path, answers, reason):
    dst = tmp_path / "p"
    result = copy_defaults(dst, "--skip-tasks", *[a for x in answers for a in ("--data", x)])
    assert result.returncode != 0, result.stdout
    assert reason in result.stderr
    assert "Traceback" not in result.stderr
    assert not dst.exists()
    line = next(line for line in result.stderr.splitlines() if reason in line)
    assert wcswidth(line) <= COLUMNS, line


@pytest.mark.parametrize(
    ("framework", "database", "docker", "targets"),
    [
        ("express", "postgresql", False, ["render", "heroku"]),
        ("spring", "postgresql", False, ["heroku"]),
        ("spring", "postgresql", True, ["render", "heroku", "aws", "kubernetes"]),
        ("django", "mysql", True, ["aws", "kubernetes"]),
        ("symfony", "postgresql", True, ["render", "aws", "kubernetes"]),
        ("symfony", "mysql", True, ["aws", "kubernetes"]),
    ],
)
def test_the_chosen_targets_generate_their_files_and_only_theirs(
    tmp_path, framework, database, docker, targets
):
    project = render(
        tmp_path / "p",
        skip_tasks=True,
        framework=framework,
        database=database,
        docker=docker,
        deploy=targets,
    )
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert answers["deploy"] == targets
    for target, files in TARGET_FILES.items():
        for name in files:
            assert (project / name).is_file() == (target in targets), (target, name)


def test_no_target_by_default_generates_no_deploy_file(tmp_path):
    project = render(tmp_path / "p", skip_tasks=True, framework="flask", database="postgresql")
    for files in TARGET_FILES.values():
        for name in files:
            assert not (project / name).exists(), name
    assert not (project / "deploy").exists()
    assert not (project / ".python-version").exists()


def test_interactively_the_targets_are_a_checkbox_with_the_impossible_ones_greyed_out(tmp_path):
    import pexpect

    from tests.test_questions import CLEAR_LINE, spawn_copier

    dst = tmp_path / "p"
    child = spawn_copier(dst)

    def answer(question: str, keys: str) -> None:
        child.expect_exact(question)
        child.send(keys)

    answer("Project name, in words", CLEAR_LINE + "Shop API\r")
    for question in ("Package and repository name", "One line for the README", "Your name"):
        answer(question, "\r")
    answer("Your email", "\r")
    answer("Programming language", "\x1b[B\r")  # Python
    answer("Web framework", "\r")  # Flask
    answer("Database", "\x1b[B\r")  # PostgreSQL
    for question in ("Authentication", "API style", "Continuous integration"):
        answer(question, "\r")
    answer("Add a Dockerfile", "n")
    child.expect_exact("Hosting targets")
    # Without an image, ECS and Kubernetes cannot run the app: listed with the reason, not offered.
    child.expect_exact("ECS Fargate runs an image: answer docker yes")
    child.expect_exact("Kubernetes runs an image: answer docker yes")
    child.send(" ")  # tick Render (the first choice)
    child.send("\x1b[B ")  # down, tick Heroku
    child.send("\r")
    answer("License", "\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    answers = yaml.safe_load((dst / ".copier-answers.yml").read_text())
    assert answers["deploy"] == ["render", "heroku"]
    assert (dst / "render.yaml").is_file() and (dst / "Procfile").is_file()
    assert not (dst / "deploy").exists()
