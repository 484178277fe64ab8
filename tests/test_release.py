"""Tier 4: releases. `make release VERSION=...` tags only a version CHANGELOG.md describes, from a
clean tree; Copier then copies from the newest release tag by default, `--vcs-ref` pins an older
one, and the project records the tag. The tags are made in a temporary copy of the template
(the real repository's tags are the maintainers' to make)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.support import TEMPLATE_ROOT, commit_all, git, render, template_repository

pytestmark = pytest.mark.update


@pytest.fixture
def template(tmp_path) -> Path:
    """This checkout (uncommitted edits included) as a fresh repository with no tags."""
    return template_repository(tmp_path / "template")


def release(template: Path, version: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        # The tooling environment of this checkout: the copy's own would be a second install.
        "UV_PROJECT_ENVIRONMENT": str(TEMPLATE_ROOT / ".venv"),
        "GIT_COMMITTER_NAME": "Maintainer",
        "GIT_COMMITTER_EMAIL": "maintainer@example.com",
    }
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        ["make", "--no-print-directory", "release", f"VERSION={version}"],
        cwd=template,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def add_changelog_section(template: Path, version: str) -> None:
    changelog = template / "CHANGELOG.md"
    text = changelog.read_text()
    section = f"## [{version}] - 2026-12-01\n\n### Added\n- Something new.\n\n"
    changelog.write_text(text.replace("## [Unreleased]\n", f"## [Unreleased]\n\n{section}", 1))


def refusal(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0, result.stdout
    lines = [line for line in result.stderr.splitlines() if line.startswith("make release:")]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def tags(template: Path) -> list[str]:
    return git(template, "tag", "--list").split()


def test_the_changelog_has_a_dated_section_for_the_first_release():
    text = (TEMPLATE_ROOT / "CHANGELOG.md").read_text()
    assert "## [Unreleased]" in text
    assert "## [0.1.0] - " in text


def test_release_refuses_a_version_the_changelog_does_not_describe(template):
    assert "CHANGELOG.md has no '## [9.9.9]" in refusal(release(template, "9.9.9"))
    assert "not a PEP 440 version" in refusal(release(template, "1.0-final-final"))
    assert "write the version as 0.1.0" in refusal(release(template, "v0.1.0"))
    assert tags(template) == []


def test_release_refuses_a_dirty_tree(template):
    (template / "README.md").write_text("an edit nobody committed\n")
    assert "uncommitted changes" in refusal(release(template, "0.1.0"))
    git(template, "checkout", "README.md")
    (template / "stray.txt").write_text("untracked\n")
    assert "untracked files" in refusal(release(template, "0.1.0"))
    assert tags(template) == []


def test_a_release_is_the_tag_copier_copies_from_and_the_project_records(template, tmp_path):
    result = release(template, "0.1.0")
    assert result.returncode == 0, result.stderr
    assert tags(template) == ["0.1.0"]
    assert "tag 0.1.0 exists already" in refusal(release(template, "0.1.0"))

    add_changelog_section(template, "0.2.0")
    (template / "template/_shared/ROADMAP.md.jinja").write_text(
        (template / "template/_shared/ROADMAP.md.jinja").read_text() + "- [ ] New in 0.2.0.\n"
    )
    commit_all(template, "template 0.2.0")
    # A commit after the newest release is not what users get by default.
    assert release(template, "0.2.0").returncode == 0
    (template / "README.md").write_text((template / "README.md").read_text() + "\nunreleased\n")
    add_changelog_section(template, "0.1.1")
    commit_all(template, "unreleased work")
    assert "0.1.1 is not newer than release 0.2.0" in refusal(release(template, "0.1.1"))

    newest = render(tmp_path / "newest", src=template, vcs_ref=None, skip_tasks=True)
    answers = yaml.safe_load((newest / ".copier-answers.yml").read_text())
    assert answers["_commit"] == "0.2.0", "copier copy takes the newest release tag"
    assert "New in 0.2.0." in (newest / "ROADMAP.md").read_text()

    pinned = render(tmp_path / "pinned", src=template, vcs_ref="0.1.0", skip_tasks=True)
    answers = yaml.safe_load((pinned / ".copier-answers.yml").read_text())
    assert answers["_commit"] == "0.1.0", "--vcs-ref pins a release"
    assert "New in 0.2.0." not in (pinned / "ROADMAP.md").read_text()
