"""The production settings pass Django's deployment checklist, and every model change has its
migration."""

import secrets
from io import StringIO

from django.core.management import call_command

from conftest import run_django


def test_manage_py_check_deploy_finds_nothing_in_production_settings(tmp_path):
    env = {
        "APP_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": f"sqlite:///{tmp_path}/app.db",
    }

    result = run_django(env, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr


def test_the_models_and_the_migrations_agree():
    output = StringIO()

    call_command("makemigrations", "--check", "--dry-run", stdout=output)

    assert "No changes detected" in output.getvalue()
