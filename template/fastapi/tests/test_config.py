"""Settings come from the environment; production refuses to start with a missing secret."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.config import DEVELOPMENT_SECRET_KEY, load_settings
from app.database import sqlalchemy_url

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _no_inherited_settings(monkeypatch, tmp_path):
    """Each test states its variables: none come from the shell, and no .env is nearby."""
    for name in (
        "APP_ENV",
        "SECRET_KEY",
        "PORT",
        "DATABASE_URL",
        "LOG_LEVEL",
        "CORS_ORIGINS",
        "FORWARDED_ALLOW_IPS",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("secret", [None, "", "change-me"])
def test_production_refuses_to_start_without_a_real_secret_key(monkeypatch, secret):
    if secret is not None:
        monkeypatch.setenv("SECRET_KEY", secret)

    with pytest.raises(SystemExit) as exit_info:
        load_settings()

    message = str(exit_info.value)
    assert message.startswith("Refusing to start: SECRET_KEY")
    assert "\n" not in message


def test_development_starts_without_a_secret_key(monkeypatch):
    monkeypatch.setenv("APP_ENV", "development")

    assert load_settings().secret_key == DEVELOPMENT_SECRET_KEY


def test_a_setting_that_is_not_a_number_is_refused_with_its_name(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    monkeypatch.setenv("PORT", "eighty")

    with pytest.raises(SystemExit, match="PORT: Input should be a valid integer"):
        load_settings()


@pytest.mark.parametrize(
    ("given", "level"),
    [
        ("debug", "DEBUG"),
        ("INFO", "INFO"),
        ("warning", "WARNING"),
        ("WARNING", "WARNING"),
        ("warn", "WARNING"),
        ("Warn", "WARNING"),
        ("error", "ERROR"),
    ],
)
def test_log_levels_are_the_same_words_in_every_stack_in_any_case(monkeypatch, given, level):
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    monkeypatch.setenv("LOG_LEVEL", given)

    assert load_settings().log_level == level


@pytest.mark.parametrize("given", ["chatty", "critical", "notset", "fatal", "trace"])
def test_an_unknown_log_level_is_refused_in_one_line_with_its_name(monkeypatch, given):
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    monkeypatch.setenv("LOG_LEVEL", given)

    with pytest.raises(SystemExit) as exit_info:
        load_settings()

    message = str(exit_info.value)
    assert message.startswith("Refusing to start: LOG_LEVEL: one of debug, info, warning")
    assert "\n" not in message


def test_forwarded_allow_ips_defaults_to_the_local_proxy_and_reads_dotenv(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    assert load_settings().forwarded_allow_ips == "127.0.0.1"

    (tmp_path / ".env").write_text("FORWARDED_ALLOW_IPS=192.0.2.1, 10.0.0.0/8\n")
    assert load_settings().forwarded_allow_ips == "192.0.2.1,10.0.0.0/8"


@pytest.mark.parametrize("given", ["proxy.example", "192.0.2.1,nope", "300.1.1.1"])
def test_a_forwarded_allow_ips_that_is_not_addresses_is_refused(monkeypatch, given):
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", given)

    with pytest.raises(SystemExit, match=r"^Refusing to start: FORWARDED_ALLOW_IPS: "):
        load_settings()


def test_migrations_refuse_a_bad_database_url_in_one_line(tmp_path):
    """`make migrate` (alembic) stops like the app does: one line, no traceback, no password."""
    environment = {
        **os.environ,
        "DATABASE_URL": "postgres://app:s3cret@db/app?connect_timeout=5",
    }

    result = subprocess.run(
        [sys.executable, "-m", "alembic", "upgrade", "head"],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode != 0
    assert result.stderr.strip().startswith("Refusing to start: DATABASE_URL: ")
    assert "\n" not in result.stderr.strip()
    assert "s3cret" not in result.stdout + result.stderr


def test_dotenv_is_read_but_the_environment_wins(monkeypatch, tmp_path):
    (tmp_path / ".env").write_text("SECRET_KEY=from-dotenv-0123456789\nPORT=9000\n")
    monkeypatch.setenv("PORT", "9100")

    settings = load_settings()

    assert (settings.secret_key, settings.port) == ("from-dotenv-0123456789", 9100)


def test_an_empty_variable_in_the_environment_hides_the_dotenv_value(monkeypatch, tmp_path):
    (tmp_path / ".env").write_text("SECRET_KEY=from-dotenv-0123456789\n")
    monkeypatch.setenv("SECRET_KEY", "")

    with pytest.raises(SystemExit, match="SECRET_KEY"):
        load_settings()


def test_an_empty_setting_means_its_default(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    monkeypatch.setenv("PORT", "")

    assert load_settings().port == 8000


def test_cors_origins_are_a_comma_separated_list(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    monkeypatch.setenv("CORS_ORIGINS", "http://localhost:5173, https://example.com")

    assert load_settings().cors_origins == ["http://localhost:5173", "https://example.com"]


def test_a_relative_sqlite_path_is_resolved_and_its_folder_created(tmp_path):
    url = sqlalchemy_url("sqlite:///./data/app.db")

    assert Path(url.database) == tmp_path / "data" / "app.db"
    assert (tmp_path / "data").is_dir()
