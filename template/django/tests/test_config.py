"""Settings come from the environment; production refuses to start with a missing secret."""

import subprocess
import sys
from pathlib import Path

import pytest

from config.database import database_settings
from conftest import (
    SERVERS,
    answers_on,
    copy_of_the_project,
    free_port,
    run_django,
    server_environment,
)


@pytest.mark.parametrize("secret", [None, "", "change-me"])
def test_production_refuses_to_start_without_a_real_secret_key(tmp_path, secret):
    env = {"APP_ENV": "production", "DATABASE_URL": f"sqlite:///{tmp_path}/app.db"}
    if secret is not None:
        env["SECRET_KEY"] = secret

    result = run_django(env, "check")

    assert result.returncode != 0
    assert result.stderr.startswith("Refusing to start: SECRET_KEY")
    assert result.stderr.count("\n") <= 1
    assert "Traceback" not in result.stderr


def test_development_starts_without_a_secret_key(tmp_path):
    env = {"APP_ENV": "development", "DATABASE_URL": f"sqlite:///{tmp_path}/app.db"}

    result = run_django(env, "check")

    assert result.returncode == 0, result.stderr


def test_a_database_url_that_is_not_one_is_refused_with_its_name():
    with pytest.raises(SystemExit, match="DATABASE_URL is not a database URL"):
        database_settings("nonsense://somewhere")


def test_database_urls_in_the_standard_form_get_a_django_engine():
    assert database_settings("postgresql://u:p@db:5432/app")["ENGINE"] == (
        "django.db.backends.postgresql"
    )
    assert database_settings("mysql://u:p@db:3306/app")["ENGINE"] == "django.db.backends.mysql"


def test_mysql_connections_use_full_utf8():
    assert database_settings("mysql://u:p@db/app")["OPTIONS"]["charset"] == "utf8mb4"


def test_connections_are_checked_before_reuse():
    settings = database_settings("postgresql://u:p@db:5432/app")

    assert settings["CONN_HEALTH_CHECKS"] is True


def test_a_relative_sqlite_path_is_resolved_and_its_folder_created(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    settings = database_settings("sqlite:///./data/app.db")

    assert Path(settings["NAME"]) == tmp_path / "data" / "app.db"
    assert (tmp_path / "data").is_dir()


def start_env(tmp_path, **variables: str) -> dict[str, str]:
    return {
        "APP_ENV": "production",
        "SECRET_KEY": "a-test-secret-that-is-long-enough-0123456789",
        "DATABASE_URL": f"sqlite:///{tmp_path}/app.db",
        **variables,
    }


@pytest.mark.parametrize("level", ["debug", "info", "warning", "warn", "error", "WARNING", "Warn"])
def test_log_level_takes_the_shared_words_in_any_case(tmp_path, level):
    result = run_django(start_env(tmp_path, LOG_LEVEL=level), "check")

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("level", ["verbose", "critical", "trace", "10"])
def test_any_other_log_level_refuses_to_start_in_one_line_naming_the_allowed_values(
    tmp_path, level
):
    result = run_django(start_env(tmp_path, LOG_LEVEL=level), "check")

    assert result.returncode != 0
    assert result.stderr.startswith("Refusing to start: LOG_LEVEL")
    assert all(word in result.stderr for word in ("debug", "info", "warning", "warn", "error"))
    assert result.stderr.count("\n") <= 1


@pytest.mark.parametrize("variable", ["PORT", "FORWARDED_ALLOW_IPS"])
def test_other_bad_values_refuse_to_start_in_one_line_naming_the_variable(tmp_path, variable):
    result = run_django(start_env(tmp_path, **{variable: "not-a-value"}), "check")

    assert result.returncode != 0
    assert result.stderr.startswith(f"Refusing to start: {variable}")
    assert result.stderr.count("\n") <= 1


@pytest.mark.parametrize("verb", SERVERS)
@pytest.mark.parametrize("where", ["dot-env", "environment-wins"])
def test_the_servers_listen_on_the_port_of_dot_env_unless_the_environment_sets_one(
    tmp_path, verb, where
):
    project = copy_of_the_project(tmp_path)
    in_dot_env, in_environment = free_port(), free_port()
    (project / ".env").write_text(
        f"PORT={in_dot_env}\nAPP_ENV=development\nLOG_LEVEL=warning\n"
        f"DATABASE_URL=sqlite:///{tmp_path}/app.db\n"
    )
    env = server_environment()
    if where == "environment-wins":
        env["PORT"] = str(in_environment)
    expected = in_dot_env if where == "dot-env" else in_environment

    server = subprocess.Popen(  # noqa: S603 - a fixed command line
        [sys.executable, *SERVERS[verb]],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        listening = answers_on(expected, server)
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)

    assert listening, errors
