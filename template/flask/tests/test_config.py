"""Settings come from the environment; production refuses to start with a missing secret."""

from pathlib import Path

import pytest

from app import create_app
from app.database import sqlalchemy_url


@pytest.mark.parametrize("secret", [None, "", "change-me"])
def test_production_refuses_to_start_without_a_real_secret_key(tmp_path, secret):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/app.db"}
    if secret is not None:
        env["SECRET_KEY"] = secret

    with pytest.raises(SystemExit) as exit_info:
        create_app(env)

    message = str(exit_info.value)
    assert message.startswith("Refusing to start: SECRET_KEY")
    assert "\n" not in message


def test_development_starts_without_a_secret_key(tmp_path):
    app = create_app({"APP_ENV": "development", "DATABASE_URL": f"sqlite:///{tmp_path}/app.db"})

    assert app.config["SECRET_KEY"]


def test_a_setting_that_is_not_a_number_is_refused_with_its_name(tmp_path):
    env = {"SECRET_KEY": "s" * 40, "PORT": "eighty", "DATABASE_URL": f"sqlite:///{tmp_path}/a.db"}

    with pytest.raises(SystemExit, match="PORT must be a whole number"):
        create_app(env)


@pytest.mark.parametrize(
    ("value", "level"),
    [
        (None, "INFO"),
        ("debug", "DEBUG"),
        ("INFO", "INFO"),
        ("Warning", "WARNING"),
        ("warn", "WARNING"),
        ("WARN", "WARNING"),
        ("error", "ERROR"),
    ],
)
def test_log_level_takes_the_shared_names_in_any_case(tmp_path, value, level):
    env = {"SECRET_KEY": "s" * 40, "DATABASE_URL": f"sqlite:///{tmp_path}/a.db"}
    if value is not None:
        env["LOG_LEVEL"] = value

    assert create_app(env).config["LOG_LEVEL"] == level


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("LOG_LEVEL", "verbose"),
        ("LOG_LEVEL", "critical"),
        ("FORWARDED_ALLOW_IPS", "10.0.0.0/8, proxy.internal"),
    ],
)
def test_a_bad_value_is_refused_in_one_line_naming_the_variable(tmp_path, name, value):
    env = {"SECRET_KEY": "s" * 40, "DATABASE_URL": f"sqlite:///{tmp_path}/a.db", name: value}

    with pytest.raises(SystemExit) as exit_info:
        create_app(env)

    message = str(exit_info.value)
    assert message.startswith(f"Refusing to start: {name} ")
    assert "\n" not in message


def test_log_level_lists_the_allowed_values_when_refused(tmp_path):
    env = {"SECRET_KEY": "s" * 40, "DATABASE_URL": f"sqlite:///{tmp_path}/a.db", "LOG_LEVEL": "x"}

    with pytest.raises(SystemExit, match=r"debug, info, warning \(or warn\) or error"):
        create_app(env)


def test_a_relative_sqlite_path_is_resolved_and_its_folder_created(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    url = sqlalchemy_url("sqlite:///./data/app.db")

    assert Path(url.database) == tmp_path / "data" / "app.db"
    assert (tmp_path / "data").is_dir()
