"""The docs check that tier 2 runs on every combination catches what it exists to catch."""

from __future__ import annotations

import pytest
import yaml

from tests.docs_truth import assert_the_docs_name_only_what_exists, named_paths


def test_code_spans_that_name_files_are_paths_and_the_rest_are_not():
    text = (
        "Read `src/app.js`, `tests/`, `.env.example`, `Makefile` and `app.js`; call "
        "`GET /api/todos`, send `application/problem+json`, set `DATABASE_URL=x`, run "
        "`make test`, name files `YYYYMMDDHHMMSS_what.js`, use `hmac.compare_digest`."
    )
    assert named_paths(text) == {"src/app.js", "tests/", ".env.example", "Makefile", "app.js"}


@pytest.fixture
def project(tmp_path):
    (tmp_path / "Makefile").write_text("setup: ## x\n\ttrue\ntest: ## y\n\ttrue\n")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "app.js").write_text("")
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "001.sql").write_text("CREATE TABLE todos (user_id, done);")
    (tmp_path / "ROADMAP.md").write_text("- [ ] index `todos (user_id, done)`\n")
    return tmp_path


def test_docs_that_name_what_exists_pass(project):
    (project / "README.md").write_text("See `src/app.js`.\n```sh\nmake setup\nmake test\n```\n")
    assert_the_docs_name_only_what_exists(project)


def test_a_missing_file_a_missing_verb_and_a_missing_column_are_each_named(project):
    (project / "README.md").write_text("See `src/nope.js`; then `make cover`.\n")
    (project / "ROADMAP.md").write_text("- [ ] index `todos (owner, created_at)`\n")
    with pytest.raises(AssertionError) as failure:
        assert_the_docs_name_only_what_exists(project)
    message = str(failure.value)
    assert "`src/nope.js`" in message
    assert "`make cover`" in message
    assert "todos.owner" in message and "todos.created_at" in message


def test_a_suggested_answer_that_copier_refuses_for_the_project_is_named(project):
    """A PHP project's ROADMAP must not send its learner to `auth=jwt` or `api=graphql` (refused
    for PHP; `docker=yes` is offered); the same suggestions in a Node.js project are fine."""
    (project / "README.md").write_text("Compare with `copier copy --data database=postgresql`.\n")
    (project / "ROADMAP.md").write_text(
        "- [ ] Generate it again with `auth=jwt`, `docker=yes` and `api=graphql`.\n"
    )
    answers = {"language": "php", "database": "sqlite", "auth": "session", "api": "rest"}
    answers |= {"ci": "none", "docker": False}
    (project / ".copier-answers.yml").write_text(yaml.safe_dump(answers))
    with pytest.raises(AssertionError) as failure:
        assert_the_docs_name_only_what_exists(project)
    problems = str(failure.value).splitlines()
    assert [line.split(" (")[0] for line in problems] == [
        "ROADMAP.md suggests `auth=jwt`",
        "ROADMAP.md suggests `api=graphql`",
    ]
    node = {**answers, "language": "node", "auth": "jwt", "ci": "github", "docker": True}
    (project / ".copier-answers.yml").write_text(yaml.safe_dump(node))
    assert_the_docs_name_only_what_exists(project)
