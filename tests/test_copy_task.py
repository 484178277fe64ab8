"""Tier 1: what `copier copy` does with git around the project. On its own, a project gets a repo
and a first commit (tests/test_questions.py); inside an existing work tree (a monorepo folder, a
fresh clone) it gets no nested repo and nothing is committed for the user. And the first commit's
line-ending rules (.gitattributes) survive a checkout with core.autocrlf=true."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.support import git, java_home, render, tool_env
from tests.test_questions import copy_defaults

INITIAL = "Initial commit from backend-roadmap-template"


def repo_with_a_commit(path: Path, files: dict[str, str]) -> Path:
    path.mkdir(parents=True)
    git(path, "init", "--quiet", "--initial-branch=main")
    for name, text in files.items():
        (path / name).write_text(text)
    git(path, "add", "--all")
    git(path, "commit", "--quiet", "-m", "the user's own history")
    return path


def test_copying_into_a_folder_of_a_monorepo_nests_no_repository(tmp_path):
    mono = repo_with_a_commit(tmp_path / "mono", {"README.md": "our monorepo\n"})
    head = git(mono, "rev-parse", "HEAD")

    result = copy_defaults(mono / "services" / "api")

    assert result.returncode == 0, result.stderr
    assert not (mono / "services" / "api" / ".git").exists(), "no nested repository"
    assert git(mono, "rev-parse", "HEAD") == head, "nothing committed into the user's repository"
    notes = [line for line in result.stderr.splitlines() if "Inside the git repository" in line]
    assert notes == [
        f"Inside the git repository {mono}: nothing committed; review with git status, then commit."
    ]
    # Committed by the user, the project is ordinary files of the monorepo: a clone has them.
    git(mono, "add", "services")
    git(mono, "commit", "--quiet", "-m", "add the api")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", str(mono), str(clone))
    assert (clone / "services" / "api" / "Makefile").is_file()


def test_copying_into_a_fresh_clone_commits_nothing_that_was_already_there(tmp_path):
    origin = repo_with_a_commit(tmp_path / "origin", {"NOTES.md": "team notes\n"})
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", str(origin), str(clone))
    (clone / "secrets.txt").write_text("db password: hunter2\n")
    head = git(clone, "rev-parse", "HEAD")

    result = copy_defaults(clone)

    assert result.returncode == 0, result.stderr
    assert git(clone, "rev-parse", "HEAD") == head, "no commit made for the user"
    assert git(clone, "log", "--all", "--format=%H", "--", "secrets.txt") == ""
    assert "?? secrets.txt" in git(clone, "status", "--porcelain").splitlines()
    assert f"Inside the git repository {clone}: nothing committed" in result.stderr


def test_a_folder_the_enclosing_repository_ignores_gets_its_own_repository(tmp_path):
    """As `make demo` does with build/demo/my-api inside the template's own checkout."""
    outer = repo_with_a_commit(tmp_path / "outer", {".gitignore": "build/\n"})
    project = outer / "build" / "demo" / "my-api"

    result = copy_defaults(project)

    assert result.returncode == 0, result.stderr
    assert (project / ".git").is_dir()
    assert git(project, "log", "--format=%s").splitlines() == [INITIAL]
    assert git(project, "status", "--porcelain") == ""


def test_a_clone_with_core_autocrlf_keeps_mvnw_runnable(tmp_path):
    """Git for Windows' default core.autocrlf=true: mvnw keeps LF (and runs), mvnw.cmd gets CRLF."""
    assert java_home("25"), "a JDK 25 runs the wrapper"
    project = render(tmp_path / "p", framework="spring")
    assert git(project, "log", "--format=%s").splitlines() == [INITIAL]
    clone = tmp_path / "clone"
    git(tmp_path, "-c", "core.autocrlf=true", "clone", "--quiet", str(project), str(clone))
    git(clone, "config", "core.autocrlf", "true")

    assert b"\r\n" not in (clone / "mvnw").read_bytes()
    assert b"\r\n" not in (clone / "Makefile").read_bytes()
    assert (clone / "mvnw.cmd").read_bytes().count(b"\r\n") > 10
    assert git(clone, "status", "--porcelain") == "", "the checkout is clean, not all modified"
    result = subprocess.run(
        ["./mvnw", "--version"],
        cwd=clone,
        env=tool_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Apache Maven" in result.stdout
