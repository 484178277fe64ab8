"""Settings come from the environment; production refuses to start with a missing secret."""

from pathlib import Path

import pytest

from config.database import database_settings
from conftest import run_django


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
