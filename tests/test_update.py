"""Tier 4: `copier update` brings template changes into a project its user has edited, and loses
nothing. The template is a temporary clone tagged by the test itself (tags need not be pushed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import copier
import pytest
import yaml

from tests.deploy.test_deploy_files import WITH_TARGETS, offered_targets
from tests.support import (
    choice_values,
    commit_all,
    git,
    offered_combinations,
    render,
    template_repository,
)

pytestmark = pytest.mark.update


def offering(question: str, value: str) -> list[str]:
    """The frameworks copier.yml offers `question=value` with (PHP's offers no graphql, oauth)."""
    return sorted({c["framework"] for c in offered_combinations() if c[question] == value})


@pytest.fixture
def template_v1(tmp_path) -> Path:
    """The template as it is in this checkout (uncommitted edits included), tagged v1.0.0."""
    template = template_repository(tmp_path / "template")
    git(template, "tag", "v1.0.0")
    return template


def render_v1(template_v1: Path, dst: Path, **answers) -> Path:
    """A project generated from the template's v1.0.0 tag (tasks run: a git repository)."""
    return render(dst, src=template_v1, vcs_ref="v1.0.0", **answers)


def release_v2(template: Path, edit) -> None:
    edit(template)
    commit_all(template, "template v2")
    git(template, "tag", "v2.0.0")


def add_roadmap_exercise(template: Path) -> None:
    partial = template / "template/_shared/ROADMAP.md.jinja"
    partial.write_text(
        partial.read_text() + "- [ ] Add structured audit logging of every change.\n"
    )


def update(project: Path) -> None:
    copier.run_update(
        str(project), defaults=True, overwrite=True, unsafe=True, quiet=True, conflict="inline"
    )


@pytest.mark.parametrize("framework", choice_values("framework"))
def test_update_keeps_the_users_edits_and_brings_the_template_change(
    template_v1, tmp_path, framework
):
    project = render_v1(template_v1, tmp_path / "project", framework=framework)
    secret_before = (project / ".env").read_text()

    # The user edits a generated file, adds their own and deletes one they do not want.
    readme = project / "README.md"
    readme.write_text(readme.read_text() + "\n## Our team notes\nDeploys go out on Fridays.\n")
    (project / "NOTES.md").write_text("my own file\n")
    (project / ".editorconfig").unlink()
    commit_all(project, "user edits")

    release_v2(template_v1, add_roadmap_exercise)
    update(project)

    assert "Deploys go out on Fridays." in readme.read_text()
    assert (project / "NOTES.md").read_text() == "my own file\n"
    assert "structured audit logging" in (project / "ROADMAP.md").read_text()
    assert not (project / ".editorconfig").exists(), "a file the user deleted stays deleted"
    assert (project / ".env").read_text() == secret_before, (
        ".env and its secret are never rewritten"
    )
    assert yaml.safe_load((project / ".copier-answers.yml").read_text())["_commit"] == "v2.0.0"
    leftovers = [
        p
        for p in project.rglob("*")
        if p.suffix == ".rej"
        or (p.is_file() and ".git" not in p.parts and "<<<<<<<" in p.read_text(errors="ignore"))
    ]
    assert leftovers == []
    log = git(project, "log", "--format=%s").splitlines()
    assert log == ["user edits", "Initial commit from backend-roadmap-template"], (
        "the copy-only git task does not run again on update"
    )


def test_a_clash_between_user_and_template_is_marked_not_lost(template_v1, tmp_path):
    project = render_v1(template_v1, tmp_path / "project")
    roadmap = project / "ROADMAP.md"
    roadmap.write_text(roadmap.read_text() + "- [ ] My own exercise at the very end.\n")
    commit_all(project, "user edits")

    release_v2(template_v1, add_roadmap_exercise)
    update(project)

    text = roadmap.read_text()
    assert "My own exercise at the very end." in text
    assert "structured audit logging" in text
    assert "<<<<<<<" in text and ">>>>>>>" in text, "the clash is marked for the user to resolve"


def test_update_refuses_a_dirty_project_and_keeps_the_uncommitted_work(template_v1, tmp_path):
    project = render_v1(template_v1, tmp_path / "project")
    readme = project / "README.md"
    readme.write_text("work in progress, not committed\n")
    release_v2(template_v1, add_roadmap_exercise)

    with pytest.raises(Exception, match="(?i)dirty"):
        update(project)
    assert readme.read_text() == "work in progress, not committed\n"


@pytest.mark.parametrize(
    ("conflict", "listed"), [("inline", "ROADMAP.md"), ("rej", "ROADMAP.md.rej")]
)
def test_an_update_that_leaves_conflicts_ends_by_listing_them_and_what_to_do(
    template_v1, tmp_path, conflict, listed
):
    project = render_v1(template_v1, tmp_path / "project")
    roadmap = project / "ROADMAP.md"
    roadmap.write_text(roadmap.read_text() + "- [ ] My own exercise at the very end.\n")
    commit_all(project, "user edits")
    release_v2(template_v1, add_roadmap_exercise)

    result = subprocess.run(
        [sys.executable, "-m", "copier", "update", "--trust", "--defaults"]
        + ["--conflict", conflict],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    header = lines.index(
        "copier update could not merge these files; resolve each one before you commit:"
    )
    assert lines[header + 1 : header + 2] == [f"  {listed}"], result.stderr
    message = "\n".join(lines[header + 2 :])
    assert "<<<<<<<" in message and ".rej" in message and "git add" in message
    assert "version v2.0.0" in message


def test_an_update_without_conflicts_lists_nothing(template_v1, tmp_path):
    project = render_v1(template_v1, tmp_path / "project")
    release_v2(template_v1, add_roadmap_exercise)
    result = subprocess.run(
        [sys.executable, "-m", "copier", "update", "--trust", "--defaults"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "could not merge" not in result.stderr
    assert "Updated " in result.stderr


GRAPHIQL_PAGE = Path(__file__).resolve().parent.parent / "template/_shared/graphiql/graphiql.html"


def conflict_leftovers(project: Path) -> list[Path]:
    return [
        p
        for p in project.rglob("*")
        if p.suffix == ".rej"
        or (p.is_file() and ".git" not in p.parts and "<<<<<<<" in p.read_text(errors="ignore"))
    ]


def takes_the_next_release_cleanly(project: Path, template_v1: Path, **kept: str) -> None:
    """Tags v2.0.0 of the template (a new ROADMAP exercise) and updates `project` to it: the
    exercise arrives, the `kept` answers stay, no conflict marker is left."""
    release_v2(template_v1, add_roadmap_exercise)
    update(project)
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert {name: answers[name] for name in kept} == kept
    assert answers["_commit"] == "v2.0.0"
    assert "structured audit logging" in (project / "ROADMAP.md").read_text()
    assert conflict_leftovers(project) == []


def files_of(project: Path) -> set[str]:
    """The project's files (paths relative to it), its git folder left out."""
    return {
        str(p.relative_to(project))
        for p in project.rglob("*")
        if p.is_file() and ".git" not in p.parts
    }


def switch_keeping_edits(project: Path, **answers: str) -> None:
    """Edits the project as a user would (a README section, a file of their own), commits, then
    `copier update --data` with `answers`: the answers are recorded, the edits kept, no conflict
    marker is left."""
    readme = project / "README.md"
    readme.write_text(readme.read_text() + "\n## Our team notes\nDeploys go out on Fridays.\n")
    (project / "NOTES.md").write_text("my own file\n")
    commit_all(project, "user edits")

    copier.run_update(
        str(project),
        data=answers,
        defaults=True,
        overwrite=True,
        unsafe=True,
        quiet=True,
        conflict="inline",
    )
    recorded = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert {name: recorded[name] for name in answers} == answers
    assert "Deploys go out on Fridays." in readme.read_text()
    assert (project / "NOTES.md").read_text() == "my own file\n"
    assert conflict_leftovers(project) == []


@pytest.mark.parametrize("framework", offering("api", "graphql"))
def test_update_switches_a_rest_project_to_graphql_and_later_updates_cleanly(
    template_v1, tmp_path, framework
):
    """Issue 11.4: `copier update --data api=graphql` turns an edited REST project into the
    GraphQL variant (GraphiQL served from the project's own copy), keeping the user's edits; the
    GraphQL project then takes the next template release without conflicts."""
    project = render_v1(template_v1, tmp_path / "project", framework=framework)
    switch_keeping_edits(project, api="graphql")
    pages = [p for p in project.rglob("graphiql.html") if ".git" not in p.parts]
    assert pages and all(p.read_bytes() == GRAPHIQL_PAGE.read_bytes() for p in pages), (
        f"the GraphQL variant serves the vendored GraphiQL page; found {pages}"
    )
    commit_all(project, "switched to GraphQL")

    takes_the_next_release_cleanly(project, template_v1, api="graphql")


@pytest.mark.parametrize("framework", offering("auth", "oauth"))
def test_update_switches_a_session_project_to_oauth_keeping_the_users_edits(
    template_v1, tmp_path, framework
):
    """Issue 12.4: `copier update --data auth=oauth` turns an edited auth=session project into the
    oauth variant (its README lists the provider routes and no register route), keeping the user's
    edits, without conflict markers."""
    project = render_v1(template_v1, tmp_path / "project", framework=framework, auth="session")
    readme = project / "README.md"
    switch_keeping_edits(project, auth="oauth")
    text = readme.read_text()
    assert "/api/auth/providers" in text and "/api/auth/register" not in text


@pytest.mark.parametrize("framework", WITH_TARGETS)
def test_update_adds_every_deploy_target_to_an_edited_project(template_v1, tmp_path, framework):
    """Issue 13.6: `copier update --data deploy=[...]` gives a PostgreSQL project that had no
    hosting target every one it is offered (Render, Heroku, AWS, Kubernetes; PHP all but Heroku):
    their files arrive, the README gains its Deploy section, and the user's edits stay."""
    from tests.deploy.test_deploy_questions import TARGET_FILES

    project = render_v1(
        template_v1, tmp_path / "project", framework=framework, database="postgresql"
    )
    for files in TARGET_FILES.values():
        assert not any((project / name).exists() for name in files)
    targets = offered_targets(framework)
    switch_keeping_edits(project, deploy=targets)
    for target, files in TARGET_FILES.items():
        for name in files:
            assert (project / name).is_file() == (target in targets), (
                f"{target}: {name} {'did not arrive' if target in targets else 'arrived unasked'}"
            )
    readme = (project / "README.md").read_text()
    assert "## Deploy" in readme, "the README's Deploy section did not arrive"


@pytest.mark.parametrize(
    "framework",
    sorted({c["framework"] for c in offered_combinations() if c["database"] == "mongodb"}),
)
def test_update_switches_an_edited_project_to_mongodb_and_later_updates_cleanly(
    template_v1, tmp_path, framework
):
    """Issue 10.4: `copier update --data database=mongodb` turns an edited SQLite project into the
    MongoDB variant (the files of a fresh MongoDB project: no SQL model, migration or driver file
    is left), keeping the user's edits; the MongoDB project then takes the next template release
    without conflicts."""
    project = render_v1(template_v1, tmp_path / "project", framework=framework)
    switch_keeping_edits(project, database="mongodb")
    fresh = render_v1(template_v1, tmp_path / "fresh", framework=framework, database="mongodb")
    assert files_of(project) - {"NOTES.md"} == files_of(fresh), "not the MongoDB variant's files"
    commit_all(project, "switched to MongoDB")

    takes_the_next_release_cleanly(project, template_v1, database="mongodb")
