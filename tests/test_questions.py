"""Tier 1: the questions. Defaults, validators, refused combinations, non-interactive answers,
the first-commit task."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from jinja2 import Environment
from wcwidth import wcswidth

from extensions.context import load_facts
from extensions.filters import AnswerFilters
from tests.support import (
    TEMPLATE_ROOT,
    choice_values,
    language_of,
    offered_combinations,
    questions,
    render,
)


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


# Copier asks "<qmark> <help>  <default>"; its qmark is the microphone emoji, two columns wide.
COPIER_PROMPT_PREFIX = "\N{MICROPHONE} "
# What fits one line of an 80-column terminal: prompt_toolkit wraps a line that fills the last
# column (seen in the interactive test below), so 79.
COLUMNS = 79


def test_every_help_and_choice_fits_80_columns_with_the_prompt_prefix():
    env = Environment(extensions=[AnswerFilters])
    for spec in questions().values():
        rendered = env.from_string(spec["help"]).render()
        assert wcswidth(f"{COPIER_PROMPT_PREFIX}{rendered}  ") <= COLUMNS, rendered
        # A select lists "   » <title>" and a refused choice "   - <title> (<reason>)".
        for title, choice in (spec.get("choices") or {}).items():
            reason = choice.get("validator", "") if isinstance(choice, dict) else ""
            reason = reason.split("%}")[1].split("{%")[0] if "{%" in reason else reason
            assert wcswidth(f"   - {title} ({reason})") <= COLUMNS, title


@pytest.mark.parametrize("language", ["node", "python", "java", "php"])
def test_the_framework_is_asked_only_where_the_language_offers_a_choice(language):
    offered = [s for s in load_facts()["stacks"].values() if s["language"] == language]
    when = Environment().from_string(questions()["framework"]["when"]).render(language=language)
    assert (when == "True") == (len(offered) > 1)


def test_defaults_generate_express_on_sqlite_with_jwt(tmp_path):
    project = render(tmp_path / "p", skip_tasks=True)
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert answers["language"] == "node"
    assert "framework" not in answers, "Node.js has one framework: not asked, so not recorded"
    assert answers["database"] == "sqlite"
    assert answers["auth"] == "jwt"
    assert answers["project_slug"] == "my-api"
    assert (project / "package.json").is_file()


def test_the_slug_default_builds_on_the_project_name(tmp_path):
    project = render(tmp_path / "p", skip_tasks=True, project_name="  2 Shiny New API! ")
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert answers["project_slug"] == "shiny-new-api"


@pytest.mark.parametrize(
    ("language", "marker"),
    [("node", "package.json"), ("python", "app"), ("java", "pom.xml"), ("php", "composer.json")],
)
def test_the_framework_default_follows_the_language(tmp_path, language, marker):
    project = render(tmp_path / "p", skip_tasks=True, language=language)
    assert (project / marker).exists()


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Café Crème", "cafe-creme"),
        ("Проект API", "proekt-api"),
        ("日本", "ri-ben"),
        ("R&D Tracker", "r-d-tracker"),
        ("🚀🚀", "my-api"),
    ],
)
def test_the_slug_default_transliterates_a_non_ascii_name(tmp_path, name, slug):
    project = render(tmp_path / "p", skip_tasks=True, project_name=name)
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert (answers["project_name"], answers["project_slug"]) == (name, slug)


def test_a_japanese_name_generates_with_defaults_on_the_command_line(tmp_path):
    result = copy_defaults(tmp_path / "p", "--skip-tasks", "--data", "project_name=日本のAPI")
    assert result.returncode == 0, result.stderr
    answers = yaml.safe_load((tmp_path / "p" / ".copier-answers.yml").read_text())
    assert answers["project_slug"] == "ri-ben-noapi"


def test_quotes_backslashes_and_template_syntax_are_accepted_in_free_text(tmp_path):
    text = "R&D \"q\" 'x' \\ ${x} {{ y }} {% z %}"
    result = copy_defaults(
        tmp_path / "p",
        "--skip-tasks",
        *("--data", f"project_name={text}", "--data", f"description={text}"),
        *("--data", f"author_name={text}"),
    )
    assert result.returncode == 0, result.stderr
    answers = yaml.safe_load((tmp_path / "p" / ".copier-answers.yml").read_text())
    assert answers["project_name"] == answers["description"] == answers["author_name"] == text


def git_identity_env(tmp_path, config: str | None) -> dict[str, str]:
    """The environment of a user whose global git config holds `config` (None: no config)."""
    gitconfig = tmp_path / "gitconfig"
    if config is not None:
        gitconfig.write_text(config)
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": str(gitconfig) if config is not None else os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return env


@pytest.mark.parametrize(
    ("config", "author"),
    [
        (
            "[user]\n\tname = Ada Lovelace\n\temail = ada@example.com\n",
            ("Ada Lovelace", "ada@example.com"),
        ),
        (None, ("Backend Learner", "learner@example.com")),
        # An email the validator would refuse must not make --defaults fail.
        ("[user]\n\tname = Ada\n\temail = ada@localhost\n", ("Ada", "learner@example.com")),
    ],
)
def test_the_author_defaults_to_the_git_identity_when_there_is_one(tmp_path, config, author):
    env = git_identity_env(tmp_path, config)
    result = copy_defaults(tmp_path / "p", "--skip-tasks", env=env)
    assert result.returncode == 0, result.stderr
    answers = yaml.safe_load((tmp_path / "p" / ".copier-answers.yml").read_text())
    assert (answers["author_name"], answers["author_email"]) == author


@pytest.mark.parametrize(
    ("answers", "reason"),
    [
        (["project_slug=My API"], "Use a-z, 0-9, -; start with a-z"),
        (["project_slug=1api"], "Use a-z, 0-9, -; start with a-z"),
        (["project_slug=" + "a" * 51], "at most 50 characters"),
        (["project_name= "], "Give the project a name"),
        (["project_name=two\nlines"], "One line, no control characters"),
        (["description=a\tb"], "One line, no control characters"),
        (["author_name= "], "Give your name"),
        (["author_name=a\x1b[31mred"], "One line, no control characters"),
        (["author_email=not-an-email"], "Use the form you@example.com"),
        (
            ["language=python", "framework=django", "database=mongodb"],
            "Django's backend needs $lookup, $facet",
        ),
        (["ci=jenkins"], "ci=jenkins is not offered yet: choose github, gitlab or none"),
        (["language=rust"], "language=rust is not offered yet: choose node, python, java or php"),
        (["language=python", "framework=symfony"], "Symfony runs on PHP: pick language php"),
        (["language=php", "framework=flask"], "Flask runs on Python: pick language python"),
        # Issue 14: what PHP does not offer, each refused in one line saying why.
        (["language=php", "auth=jwt"], "PHP: no tested JWT library; pick session"),
        (["language=php", "auth=oauth"], "PHP: no tested OAuth client; pick session"),
        (["language=php", "api=graphql"], "PHP: no tested GraphQL library"),
        (["language=php", "database=mongodb"], "PHP: no tested MongoDB library"),
        # Heroku's PHP buildpack is not proven; the image-based targets need the image.
        (
            ["language=php", "database=postgresql", "deploy=[heroku]"],
            "PHP: not tested on Heroku yet",
        ),
        (
            ["language=php", "database=postgresql", "docker=false", "deploy=[render]"],
            "Render runs PHP from an image: answer docker yes",
        ),
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
    # Issue 8.6: the whole line fits an 80-column terminal. Copier's interactive prompt shows the
    # same "Validation error for question '...': ..." under the question.
    line = next(line for line in result.stderr.splitlines() if reason in line)
    assert wcswidth(line) <= COLUMNS, line


def test_php_with_every_other_answer_defaulted_generates_symfony_with_sessions(tmp_path):
    """Issue 14: `--data language=php` alone works: the defaults built on the language (auth) are
    ones PHP offers (jwt is refused for PHP); docker defaults to yes as for every language (its
    image is proven by tests/containers)."""
    result = copy_defaults(tmp_path / "p", "--skip-tasks", "--data", "language=php")
    assert result.returncode == 0, result.stderr
    answers = yaml.safe_load((tmp_path / "p" / ".copier-answers.yml").read_text())
    assert "framework" not in answers, "PHP has one framework: not asked, so not recorded"
    assert (answers["language"], answers["database"], answers["auth"]) == (
        "php",
        "sqlite",
        "session",
    )
    assert (answers["api"], answers["ci"], answers["docker"]) == ("rest", "github", True)
    assert (tmp_path / "p" / ".github" / "workflows" / "ci.yml").is_file()
    assert (tmp_path / "p" / "composer.json").is_file()
    assert (tmp_path / "p" / "Dockerfile").is_file()
    assert (tmp_path / "p" / "compose.yaml").is_file()


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


def recorded_answers(tmp_path, framework: str, **answers: str) -> dict:
    """The answers file of a copy of `framework` (its language given too) with `answers` given as
    --data; fails with Copier's stderr when the copy is refused."""
    language = load_facts()["stacks"][framework]["language"]
    data = [f"language={language}", f"framework={framework}"]
    data += [f"{name}={value}" for name, value in answers.items()]
    result = copy_defaults(
        tmp_path / "p", "--skip-tasks", *(arg for item in data for arg in ("--data", item))
    )
    assert result.returncode == 0, result.stderr
    return yaml.safe_load((tmp_path / "p" / ".copier-answers.yml").read_text())


# Issue 14: PHP (Symfony) offers sqlite, postgresql and mysql with session or none, REST only, a
# Dockerfile or not (tests/containers builds and runs it), the hosting targets that run the image
# (tests/deploy) and not Heroku: what its tests prove with Debian's packages.
PHP_FRAMEWORKS = {f for f in choice_values("framework") if language_of(f) == "php"}
PHP_OFFERS = {
    "database": {"sqlite", "postgresql", "mysql"},
    "auth": {"session", "none"},
    "api": {"rest"},
    "ci": {"github", "gitlab", "none"},
    "docker": {True, False},
}
NOT_PHP = [f for f in choice_values("framework") if f not in PHP_FRAMEWORKS]


@pytest.mark.parametrize("framework", NOT_PHP)
def test_auth_oauth_is_offered_with_every_framework_and_recorded(tmp_path, framework):
    """Issue 12: `--data auth=oauth` is accepted for each stack but PHP's and lands in the
    answers file."""
    assert recorded_answers(tmp_path, framework, auth="oauth")["auth"] == "oauth"
    assert "oauth" in choice_values("auth")


# The frameworks that offer MongoDB, and those whose MongoDB variant serves auth=oauth (each
# proven in tier 3 against FerretDB).
MONGODB_FRAMEWORKS = {"express", "fastapi", "flask", "spring"}
MONGODB_OAUTH_FRAMEWORKS = MONGODB_FRAMEWORKS


@pytest.mark.parametrize("framework", sorted(MONGODB_OAUTH_FRAMEWORKS))
def test_auth_oauth_with_mongodb_is_offered_and_recorded(tmp_path, framework):
    """Issue 10: `--data database=mongodb auth=oauth` is accepted for every framework whose
    MongoDB variant serves OAuth (an identities collection) and lands in the answers file."""
    answers = recorded_answers(tmp_path, framework, database="mongodb", auth="oauth")
    assert (answers["database"], answers["auth"]) == ("mongodb", "oauth")


@pytest.mark.parametrize("framework", NOT_PHP)
def test_api_graphql_is_offered_with_every_framework_and_recorded(tmp_path, framework):
    """Issue 11: `--data api=graphql` is accepted for each stack but PHP's (with every database
    and auth, counted below) and lands in the answers file, which `copier update` replays."""
    assert recorded_answers(tmp_path, framework, api="graphql")["api"] == "graphql"
    assert "graphql" in choice_values("api")
    combos = [c for c in offered_combinations() if c["framework"] not in PHP_FRAMEWORKS]
    graphql = [c for c in combos if c["api"] == "graphql"]
    rest = [c for c in combos if c["api"] == "rest"]
    assert len(graphql) == len(rest), "every combination offered with rest is offered with graphql"


def test_php_offers_exactly_what_its_tests_prove():
    """Issue 14: each PHP framework is offered with every product of PHP_OFFERS and nothing else
    (jwt, oauth, graphql and mongodb are refused for PHP; deploy is not a matrix question)."""
    assert {"symfony"} == PHP_FRAMEWORKS
    expected = 1
    for values in PHP_OFFERS.values():
        expected *= len(values)
    for framework in PHP_FRAMEWORKS:
        combos = [c for c in offered_combinations() if c["framework"] == framework]
        assert len(combos) == expected == 36
        for question, values in PHP_OFFERS.items():
            assert {c[question] for c in combos} == values, question


def test_every_offered_combination_is_counted_once():
    every = offered_combinations()
    assert len(every) == len({tuple(sorted(c.items())) for c in every})
    # PHP's frameworks are counted by test_php_offers_exactly_what_its_tests_prove.
    combos = [c for c in every if c["framework"] not in PHP_FRAMEWORKS]
    expected = len(NOT_PHP)
    for question in ("database", "auth", "api", "ci", "docker"):
        expected *= len(choice_values(question))
    # MongoDB is refused for the frameworks that do not offer it, and MongoDB with OAuth for
    # those whose MongoDB variant does not serve OAuth yet.
    per_framework_database = expected // len(NOT_PHP) // len(choice_values("database"))
    frameworks = set(NOT_PHP)
    refused = per_framework_database * len(frameworks - MONGODB_FRAMEWORKS)
    per_auth = per_framework_database // len(choice_values("auth"))
    refused += per_auth * len(MONGODB_FRAMEWORKS - MONGODB_OAUTH_FRAMEWORKS)
    assert len(combos) == expected - refused
    offering = {c["framework"] for c in combos if c["database"] == "mongodb"}
    assert offering == MONGODB_FRAMEWORKS
    with_oauth = {
        c["framework"] for c in combos if c["database"] == "mongodb" and c["auth"] == "oauth"
    }
    assert with_oauth == MONGODB_OAUTH_FRAMEWORKS


def spawn_copier(dst, env=None):
    """Interactive `copier copy` in an 80-column terminal, as a learner would run it."""
    import pexpect

    return pexpect.spawn(
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
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(40, 80),
    )


CLEAR_LINE = "\x15"  # readline's "kill line": drop the pre-filled default


def test_the_questions_work_interactively_and_reject_a_bad_slug_in_place(tmp_path):
    import pexpect

    dst = tmp_path / "p"
    child = spawn_copier(dst)

    def answer(question: str, keys: str) -> None:
        child.expect_exact(question)
        child.send(keys)

    answer("Project name, in words", CLEAR_LINE + "Shop API\r")
    answer("Package and repository name", CLEAR_LINE + "Shop API\r")
    # At 80 columns the whole message is on one line (a wrapped one would not match).
    child.expect_exact(
        "Validation error for question 'project_slug': Use a-z, 0-9, -; start with a-z"
    )
    child.send(CLEAR_LINE + "shop-api\r")
    for question in ("One line for the README", "Your name", "Your email"):
        answer(question, "\r")
    answer("Programming language", "\x1b[B\r")  # arrow down: Python
    answer("Web framework", "\r")  # Python offers several: asked, the default is Flask
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


def pick_a_language_with_one_framework_then_defaults(child, dst: Path, downs: int) -> dict:
    """At the language question, arrow down `downs` times and pick; then expect the database
    question next (a language with one framework asks none) and take every later default with
    Enter. Returns the answers file Copier wrote."""
    import pexpect

    child.expect_exact("Programming language")
    child.send("\x1b[B" * downs + "\r")
    index = child.expect_exact(["Web framework", "Database"])
    assert index == 1, "the framework question was asked for a language with one framework"
    child.send("\r")
    for question in (
        "Authentication",
        "API style",
        "Continuous integration",
        "Add a Dockerfile",
        "License",
    ):
        child.expect_exact(question)
        child.send("\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    return yaml.safe_load((dst / ".copier-answers.yml").read_text())


def test_interactively_java_skips_the_framework_and_the_author_comes_from_git(tmp_path):

    env = git_identity_env(tmp_path, "[user]\n\tname = Ada Lovelace\n\temail = ada@example.com\n")
    dst = tmp_path / "p"
    child = spawn_copier(dst, env=env)
    child.expect_exact("Project name, in words")
    child.send(CLEAR_LINE + "Café Crème\r")
    child.expect_exact("Package and repository name")
    child.expect_exact("cafe-creme")  # the pre-filled default, transliterated
    child.send("\r")
    child.expect_exact("One line for the README")
    child.send("\r")
    child.expect_exact("Your name")
    child.expect_exact("Ada Lovelace")
    child.send("\r")
    child.expect_exact("Your email")
    child.expect_exact("ada@example.com")
    child.send("\r")
    answers = pick_a_language_with_one_framework_then_defaults(child, dst, downs=2)  # Java
    assert (answers["project_slug"], answers["language"]) == ("cafe-creme", "java")
    assert (answers["author_name"], answers["author_email"]) == ("Ada Lovelace", "ada@example.com")
    assert (dst / "pom.xml").is_file()


def test_interactively_php_skips_the_framework_and_defaults_to_sessions_and_docker(tmp_path):
    """Issue 14: picking PHP asks no framework (Symfony is its one), and Enter on every later
    question takes defaults PHP offers (auth=session, docker=yes), so nothing is refused."""

    dst = tmp_path / "p"
    child = spawn_copier(dst)
    for question in ("Project name", "Package and repository name", "One line for the README"):
        child.expect_exact(question)
        child.send("\r")
    for question in ("Your name", "Your email"):
        child.expect_exact(question)
        child.send("\r")
    answers = pick_a_language_with_one_framework_then_defaults(child, dst, downs=3)  # PHP
    assert (answers["language"], answers["auth"], answers["docker"]) == ("php", "session", True)
    assert (dst / "composer.json").is_file()
