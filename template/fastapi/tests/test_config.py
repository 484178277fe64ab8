"""Settings come from the environment; production refuses to start with a missing secret."""

from pathlib import Path

import pytest

from app.config import DEVELOPMENT_SECRET_KEY, load_settings
from app.database import sqlalchemy_url


@pytest.fixture(autouse=True)
def _no_inherited_settings(monkeypatch, tmp_path):
    """Each test states its variables: none come from the shell, and no .env is nearby."""
    for name in ("APP_ENV", "SECRET_KEY", "PORT", "DATABASE_URL", "LOG_LEVEL", "CORS_ORIGINS"):
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


def test_an_unknown_log_level_is_refused_with_its_name(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    monkeypatch.setenv("LOG_LEVEL", "chatty")

    with pytest.raises(SystemExit, match="LOG_LEVEL: one of debug"):
        load_settings()


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
